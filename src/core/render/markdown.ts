// Markdown reports: readable in a terminal and rendered on GitHub (check summary, PR comment).
// Text from files is inert (code spans, see inert.ts) and the finished report passes `outbound`.
import type { Capability, Severity } from "../model.js";
import { ecosystemOf, SEVERITIES } from "../model.js";
import type { PolicedFinding } from "../policy.js";
import type { ApprovedVerdict } from "../approvals.js";
import type { Inventory, Verdict } from "../review.js";
import { ruleById } from "../rules/registry.js";
import { code, codeMax } from "../rules/types.js";
import { inertMarkdown } from "./inert.js";
import { outbound } from "./outbound.js";

const ICON: Record<Severity, string> = { critical: "🔴", high: "🟠", medium: "🟡", low: "🔵", info: "⚪" };

export function countsLine(counts: Record<Severity, number>): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(" · ") : "no findings";
}

export function headline(v: Verdict | ApprovedVerdict): string {
  const approved = (v as ApprovedVerdict).approved;
  if (approved) return `✅ Approved by ${approved.by.map((a) => `**${a.user}**`).join(", ")} (${approved.findings.length} finding${approved.findings.length === 1 ? "" : "s"} needed approval)`;
  if (v.conclusion === "success") return v.findings.length ? "✅ No approval needed" : "✅ No capability change";
  const n = v.blocking.length;
  const denied = v.blocking.filter((f) => f.rule === "policy.denied").length;
  if (denied) return `❌ Denied by policy: ${denied} capabilit${denied === 1 ? "y" : "ies"} the policy's deny list forbids`;
  const what = `${n} finding${n === 1 ? "" : "s"} at or above \`${v.policy.fail_on}\``;
  return v.conclusion === "neutral" ? `⚠️ ${what} (warn mode: not blocking)` : `❌ Needs approval: ${what}`;
}

function findingLine(f: PolicedFinding): string {
  const allowed = f.allowedBy ? ` _(allowed by policy: ${code(f.allowedBy)})_` : "";
  // File problems carry `path:line: ` for plain-text output; under the file's heading it says it twice.
  const where = `${f.path}:${f.line}: `;
  const message = f.message.startsWith(where) ? f.message.slice(where.length) : f.message;
  return `- ${ICON[f.severity]} **${f.severity}** \`${f.rule}\` line ${f.line}: ${inertMarkdown(message)}${allowed}`;
}

/**
 * `items` grouped by `keyOf`, groups in order of first appearance and items in order: one pass that
 * pushes (copying a group per item, or filtering all items per group, was quadratic in a large file
 * or a repository-wide scan).
 */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const group = out.get(k);
    if (group) group.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Findings grouped by file, most severe first within a file. */
export function findingsByFile(findings: PolicedFinding[], limit = Infinity): { text: string; shown: number } {
  const groups = groupBy(findings, (f) => f.path);
  const lines: string[] = [];
  let shown = 0;
  for (const [path, group] of groups) {
    if (shown >= limit) break;
    lines.push("", `#### ${code(path)}`);
    const sorted = [...group].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.line - b.line);
    for (const f of sorted) {
      if (shown >= limit) break;
      lines.push(findingLine(f));
      shown++;
    }
  }
  return { text: lines.join("\n"), shown };
}

/** The review as Markdown, as written out (credentials redacted). */
export function renderReviewMarkdown(v: Verdict): string {
  return outbound(reviewMarkdown(v));
}

/** The review as Markdown before `outbound`: report-fit.ts fits it to GitHub's limits first. */
export function reviewMarkdown(v: Verdict): string {
  const out: string[] = [`## Capability Review: ${headline(v)}`, ""];
  out.push(`**${countsLine(v.counts)}** · ${v.changes.length} capability change${v.changes.length === 1 ? "" : "s"} in ${v.files.length} file${v.files.length === 1 ? "" : "s"} · fingerprint \`${v.fingerprint}\``);
  if (v.findings.length) {
    out.push("", "### Findings", findingsByFile(v.findings).text);
  }
  const notAnalysed = v.files.filter((f) => f.kind === "not-analysed");
  if (notAnalysed.length) {
    out.push("", `### Not analysed`, "", `${notAnalysed.length} changed agent file(s) have no parser yet and were not reviewed automatically: ${notAnalysed.map((f) => code(f.path)).join(", ")}. Review them by hand.`);
  }
  if (v.blocking.length) {
    const rules = [...new Set(v.blocking.map((f) => f.rule))];
    out.push("", "### What to do", "");
    out.push("- Check each finding above; the rules explain what to look for:");
    for (const id of rules) out.push(`  - \`${id}\`: ${ruleById(id)?.title ?? id}`);
    out.push(
      `- If the change is intended, get it approved for fingerprint \`${v.fingerprint.slice(0, 19)}…\`; trusted marketplaces, packages and hosts can be listed under \`allow:\` in \`.github/capability-review.yml\` on the base branch.`,
    );
  }
  return out.join("\n") + "\n";
}

const short = (s: string) => codeMax(s, 120);

function summarize(c: Capability): string {
  switch (c.kind) {
    case "mcp_server": {
      const a = c.attrs;
      const what = a.command ? [a.command, ...(a.args ?? [])].join(" ") : (a.url ?? "");
      return `MCP server ${code(a.name)} (${a.client}, ${a.transport}): ${short(what)}${a.autoApprove.length ? ` · auto-approves ${a.autoApprove.map(code).join(", ")}` : ""}`;
    }
    case "agent_setting":
      return `setting ${code(c.attrs.setting)}${c.attrs.scope ? ` (${code(c.attrs.scope)})` : ""} = ${short(JSON.stringify(c.attrs.value) ?? "null")}`;
    case "permission_rule":
      return `${c.attrs.list} ${code(c.attrs.rule)}`;
    case "hook":
      return `hook on ${code(c.attrs.event)}${c.attrs.matcher ? ` [${code(c.attrs.matcher)}]` : ""}: ${short(c.attrs.command ?? c.attrs.url ?? c.attrs.type)}`;
    case "plugin":
      return `plugin ${code(c.attrs.name + (c.attrs.marketplace ? "@" + c.attrs.marketplace : ""))} (${c.attrs.declaredIn}${c.attrs.enabled === false ? ", disabled" : ""})`;
    case "marketplace":
      return `marketplace ${code(c.attrs.name)}`;
    case "instructions": {
      const a = c.attrs;
      const extras = [a.tools ? `tools: ${a.tools.map(code).join(", ")}` : "", a.hidden.length ? `⚠️ ${a.hidden.length} hidden character(s)` : "", a.commands.length ? `${a.commands.length} command(s)` : ""].filter(Boolean);
      return `instructions (${a.format}${a.governs ? `, governs ${code(`${a.governs}/`)}` : ""})${extras.length ? ": " + extras.join(" · ") : ""}`;
    }
    case "skill":
      return `skill ${code(c.attrs.name)}${c.attrs.allowedTools ? ` (allowed-tools: ${c.attrs.allowedTools.map(code).join(", ")})` : ""}`;
    case "hook_script":
      return `hook script run by ${c.attrs.runBy.map(code).join(", ")}`;
    case "skill_file":
      return `skill file ${code(c.attrs.file)}${c.attrs.executable ? " (script)" : ""}`;
    case "workflow": {
      const a = c.attrs;
      const agents = a.agentActions.map((x) => code(x.action));
      return `workflow ${code(a.workflow)}${a.job ? ` job ${code(a.job)}` : ""}: on ${a.triggers.map(code).join(", ") || "?"}${agents.length ? ` · agents: ${agents.join(", ")}` : ""}`;
    }
  }
}

/** Every capability of a tree as Markdown (the `scan` command), as written out. */
export function renderInventoryMarkdown(inv: Inventory): string {
  const out = [`## Capability inventory`, "", `${inv.capabilities.length} capabilities in ${inv.files.length} agent files.`];
  const byEcosystem = groupBy(inv.capabilities, ecosystemOf);
  for (const [ecosystem, caps] of [...byEcosystem].sort(([a], [b]) => a.localeCompare(b))) {
    out.push("", `### ${ecosystem} (${caps.length})`);
    for (const [path, inFile] of groupBy(caps, (c) => c.path)) {
      out.push("", `#### ${code(path)}`);
      for (const c of inFile) out.push(`- line ${c.line}: ${summarize(c)}`);
    }
  }
  const withCapabilities = new Set(inv.capabilities.map((c) => c.path));
  const quiet = inv.files.filter((f) => f.error || !withCapabilities.has(f.path));
  if (quiet.length) {
    out.push("", "### Files with no capability");
    for (const f of quiet) out.push(`- ${code(f.path)} (${f.kind})${f.error ? `: ⚠️ ${inertMarkdown(f.error)}` : ""}`);
  }
  return outbound(out.join("\n") + "\n");
}
