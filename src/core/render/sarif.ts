// SARIF 2.1.0 for GitHub code scanning (`--format sarif`, then github/codeql-action/upload-sarif).
// Reductions are left out: an alert should mean something to look at.
import { createHash } from "node:crypto";
import type { Severity } from "../model.js";
import type { Verdict } from "../review.js";
import { RULES } from "../rules/registry.js";
import { outboundJson } from "./outbound.js";

/** GitHub maps security-severity to critical (≥9), high (≥7), medium (≥4) and low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "0.5" };
const LEVEL: Record<Severity, "error" | "warning" | "note"> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };

export interface SarifOptions {
  version: string;
  informationUri?: string;
}

export function reviewSarif(v: Verdict, options: SarifOptions): object {
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  // Messages quote files: they pass `outbound` (the rules' own texts below need not).
  const results = outboundJson(v.findings
    .filter((f) => f.direction !== "reduction")
    .map((f) => ({
      ruleId: f.rule,
      ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule)! } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message + (f.allowedBy ? ` (allowed by policy: ${f.allowedBy})` : "") },
      locations: [{ physicalLocation: { artifactLocation: { uri: f.path, uriBaseId: "%SRCROOT%" }, region: { startLine: Math.max(1, f.line) } } }],
      // Stable across runs and line moves, so code scanning tracks one alert per finding.
      partialFingerprints: { "capabilityReview/v1": createHash("sha256").update(`${f.rule}\0${f.key ?? f.path}\0${f.message}`).digest("hex") },
      properties: { severity: f.severity, ...(f.allowedBy ? { allowedBy: f.allowedBy } : {}) },
    })));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "capability-review",
            version: options.version,
            informationUri: options.informationUri ?? "https://github.com/capability-review/capability-review",
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : "")),
              shortDescription: { text: r.title },
              fullDescription: { text: r.explanation },
              help: { text: r.explanation, markdown: `**${r.title}** (\`${r.id}\`, default ${r.severity})\n\n${r.explanation}` },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { "security-severity": SECURITY_SEVERITY[r.severity], tags: ["security", "ai-agent", r.id.split(".")[0]!] },
            })),
          },
        },
        results,
        properties: { conclusion: v.conclusion, fingerprint: v.fingerprint },
      },
    ],
  };
}
