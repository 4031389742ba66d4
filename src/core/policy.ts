// The repository policy (`.github/capability-review.yml`): schema, validation with line numbers,
// and how it turns findings into a verdict. Read from the base branch by the app: a PR cannot
// relax the policy it is judged by.
import picomatch from "picomatch";
import { z } from "zod";
import type { Change, Finding, Severity } from "./model.js";
import { SEVERITIES, SEVERITY_RANK } from "./model.js";
import { parseYaml } from "./parse/yaml.js";
import { FAIL_CLOSED_RULES, ruleById } from "./rules/registry.js";

const severity = z.enum(SEVERITIES as [Severity, ...Severity[]]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date like 2027-01-31");
const allowEntry = z.union([
  z.string().min(1),
  z.object({ name: z.string().min(1), reason: z.string().optional(), expires: z.union([isoDate, z.date()]).optional() }).strict(),
]);
const allowList = z.array(allowEntry).default([]);
const globs = z.array(z.string().min(1)).default([]);

export const PolicySchema = z
  .object({
    fail_on: severity.default("high"),
    mode: z.enum(["enforce", "warn"]).default("enforce"),
    paths: z.object({ include: globs, exclude: globs }).strict().default({ include: [], exclude: [] }),
    approvers: z
      .object({ teams: z.array(z.string()).default([]), users: z.array(z.string()).default([]), min: z.number().int().min(1).default(1) })
      .strict()
      .optional(),
    allow: z
      .object({ marketplaces: allowList, mcp_packages: allowList, mcp_hosts: allowList, actions: allowList })
      .strict()
      .default({ marketplaces: [], mcp_packages: [], mcp_hosts: [], actions: [] }),
    rules: z
      .record(z.string(), z.union([severity, z.literal("off")]))
      .default({})
      .superRefine((rules, ctx) => {
        for (const id of Object.keys(rules)) {
          if (!ruleById(id)) ctx.addIssue({ code: "custom", path: [id], message: `unknown rule id "${id}"` });
        }
      }),
  })
  .strict();

export type Policy = z.infer<typeof PolicySchema>;
export const DEFAULT_POLICY: Policy = PolicySchema.parse({});

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; error: string; line: number };

/** Parse and validate policy YAML; errors name the file, line and problem. */
export function parsePolicy(text: string, path = ".github/capability-review.yml"): PolicyResult {
  const doc = parseYaml(path, text);
  if (!doc.ok) return { ok: false, error: `${path}:${doc.problem.line}: ${doc.problem.message}`, line: doc.problem.line };
  const value = doc.doc.value ?? {};
  const result = PolicySchema.safeParse(value);
  if (result.success) return { ok: true, policy: result.data };
  const issue = result.error.issues[0]!;
  const at = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  const line = doc.doc.lineOf(at);
  const where = at.length ? at.join(".") : "(top level)";
  return { ok: false, error: `${path}:${line}: ${where}: ${issue.message}`, line };
}

type AllowEntry = z.infer<typeof allowEntry>;

/** The first unexpired entry of `list` whose name (a glob) matches `value`. */
function allowedBy(list: AllowEntry[], value: string | undefined, today: string): string | undefined {
  if (!value) return undefined;
  for (const entry of list) {
    const name = typeof entry === "string" ? entry : entry.name;
    const expires = typeof entry === "string" ? undefined : entry.expires;
    const until = expires instanceof Date ? expires.toISOString().slice(0, 10) : expires;
    if (until && until < today) continue;
    if (picomatch.isMatch(value, name, { dot: true })) return name;
  }
  return undefined;
}

const MCP_PACKAGE_RULES = new Set(["mcp.server-added", "mcp.command-changed", "mcp.unpinned-package"]);
const MCP_HOST_RULES = new Set(["mcp.server-added", "mcp.command-changed", "mcp.remote-host"]);
const MARKETPLACE_RULES = new Set(["plugin.untrusted-marketplace", "plugin.enabled", "marketplace.added"]);

export interface PolicedFinding extends Finding {
  /** The policy entry that makes this finding need no approval. */
  allowedBy?: string;
}

/** Apply rule overrides and allow lists; file problems can be neither silenced nor lowered. */
export function applyPolicy(findings: Finding[], changes: Change[], policy: Policy, today: string): PolicedFinding[] {
  const byKey = new Map(changes.map((c) => [c.key, c]));
  const out: PolicedFinding[] = [];
  for (const f of findings) {
    const override = policy.rules[f.rule];
    if (FAIL_CLOSED_RULES.has(f.rule) || override === undefined) out.push({ ...f });
    else if (override === "off") continue;
    else out.push({ ...f, severity: override });
    const last = out[out.length - 1]!;
    const cap = f.key ? byKey.get(f.key)?.after : undefined;
    let allow: string | undefined;
    if (cap?.kind === "mcp_server") {
      if (MCP_PACKAGE_RULES.has(f.rule)) allow ??= prefixed("allow.mcp_packages", allowedBy(policy.allow.mcp_packages, cap.attrs.package?.name, today));
      if (MCP_HOST_RULES.has(f.rule) && !cap.attrs.command) allow ??= prefixed("allow.mcp_hosts", allowedBy(policy.allow.mcp_hosts, cap.attrs.host, today));
    } else if (cap?.kind === "plugin" && MARKETPLACE_RULES.has(f.rule)) {
      allow = prefixed("allow.marketplaces", allowedBy(policy.allow.marketplaces, cap.attrs.marketplace, today));
    } else if (cap?.kind === "marketplace" && MARKETPLACE_RULES.has(f.rule)) {
      allow = prefixed("allow.marketplaces", allowedBy(policy.allow.marketplaces, cap.attrs.name, today));
    }
    if (allow) last.allowedBy = allow;
  }
  return out;
}

const prefixed = (list: string, name: string | undefined) => (name ? `${list}: ${name}` : undefined);

/** Does this finding need approval under the policy? */
export function isBlocking(f: PolicedFinding, policy: Policy): boolean {
  if (FAIL_CLOSED_RULES.has(f.rule)) return true;
  if (f.allowedBy || f.direction === "reduction") return false;
  return SEVERITY_RANK[f.severity] >= SEVERITY_RANK[policy.fail_on];
}
