// The repository policy (`.github/capability-review.yml`): schema, validation with line numbers,
// and how it turns findings into a verdict. Read from the base branch by the app: a PR cannot
// relax the policy it is judged by.
import { z } from "zod";
import type { Capability, Change, Finding, Severity } from "./model.js";
import { SEVERITIES, SEVERITY_RANK } from "./model.js";
import { globMatcher } from "./globs.js";
import { parseYaml } from "./parse/yaml.js";
import { code } from "./rules/types.js";
import { FAIL_CLOSED_RULES, ruleById, UNTUNABLE_RULES } from "./rules/registry.js";

const severity = z.enum(SEVERITIES as [Severity, ...Severity[]]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date like 2027-01-31");
// YAML 1.1 loaders may hand over a Date: normalized to `YYYY-MM-DD` so entries compare as text.
const date = z.union([isoDate, z.date().transform((d) => d.toISOString().slice(0, 10))]);
const listEntry = z.union([
  z.string().min(1),
  z.object({ name: z.string().min(1), reason: z.string().optional(), expires: date.optional() }).strict(),
]);
const entryList = z.array(listEntry).default([]);
const entryLists = z
  .object({ marketplaces: entryList, mcp_packages: entryList, mcp_hosts: entryList, actions: entryList })
  .strict()
  .default({ marketplaces: [], mcp_packages: [], mcp_hosts: [], actions: [] });
const globs = z.array(z.string().min(1)).default([]);

export const PolicySchema = z
  .object({
    fail_on: severity.default("high"),
    mode: z.enum(["enforce", "warn"]).default("enforce"),
    // `agents`: a workflow that runs no coding agent is listed at low (CI hardening is a linter's job).
    workflows: z.enum(["agents", "all"]).default("agents"),
    // The sticky comment: `on-attention` when a finding needs approval (or would, in warn mode);
    // the check run reports every time whatever this says.
    comment: z.enum(["always", "on-attention", "never"]).default("on-attention"),
    paths: z.object({ include: globs, exclude: globs }).strict().default({ include: [], exclude: [] }),
    approvers: z
      .object({ teams: z.array(z.string()).default([]), users: z.array(z.string()).default([]), min: z.number().int().min(1).default(1) })
      .strict()
      .optional(),
    allow: entryLists,
    deny: entryLists,
    rules: z
      .record(z.string(), z.union([severity, z.literal("off")]))
      .default({})
      .superRefine((rules, ctx) => {
        for (const id of Object.keys(rules)) {
          if (!ruleById(id)) ctx.addIssue({ code: "custom", path: [id], message: `unknown rule id "${id}"` });
          else if (UNTUNABLE_RULES.has(id)) {
            ctx.addIssue({ code: "custom", path: [id], message: `rule "${id}" cannot be turned off or given another severity: it always fails the check` });
          }
        }
      }),
  })
  .strict();

export type Policy = z.infer<typeof PolicySchema>;

/** Where a repository keeps its policy (read from the base commit: a change cannot relax its own review). */
export const POLICY_FILE = ".github/capability-review.yml";
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
  // An unknown key is reported by zod at its parent; point at the key itself.
  const unknownKey = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
  const at = [...issue.path, ...(unknownKey !== undefined ? [unknownKey] : [])].filter((p): p is string | number => typeof p !== "symbol");
  const line = doc.doc.lineOf(at);
  const where = at.length ? at.join(".") : "(top level)";
  return { ok: false, error: `${path}:${line}: ${where}: ${issue.message}`, line };
}

export type ListName = keyof Policy["allow"];
/** A list entry as written: a glob, or a glob with a reason and an expiry date. */
export type PolicyEntry = z.infer<typeof listEntry>;

export interface Entry {
  name: string;
  reason?: string;
  /** `YYYY-MM-DD`; the entry applies up to and including this day. */
  expires?: string;
}

export const entryOf = (e: PolicyEntry): Entry => (typeof e === "string" ? { name: e } : e);
const isExpired = (e: Entry, today: string) => e.expires !== undefined && e.expires < today;

/** The first unexpired entry of `list` matching `value`, else the first expired one that would. */
function match(list: PolicyEntry[], value: string | undefined, today: string, nocase = false): { live?: Entry; expired?: Entry } {
  if (!value) return {};
  let expired: Entry | undefined;
  for (const raw of list) {
    const e = entryOf(raw);
    if (!globMatcher([e.name], { nocase })(value)) continue;
    if (!isExpired(e, today)) return { live: e };
    expired ??= e;
  }
  return { expired };
}

const MCP_PACKAGE_RULES = new Set(["mcp.server-added", "mcp.command-changed", "mcp.unpinned-package"]);
const MCP_HOST_RULES = new Set(["mcp.server-added", "mcp.command-changed", "mcp.remote-host"]);
const MARKETPLACE_RULES = new Set(["plugin.untrusted-marketplace", "plugin.enabled", "marketplace.added"]);

/** The allow lists (and the value each is matched against) that can cover this finding. */
function allowTargets(rule: string, cap: Capability | undefined, subject?: string): [ListName, string | undefined][] {
  const out: [ListName, string | undefined][] = [];
  if (cap?.kind === "mcp_server") {
    if (MCP_PACKAGE_RULES.has(rule)) out.push(["mcp_packages", cap.attrs.package?.name]);
    // A local proxy's host (mcp-remote URL) is allowed as a host; its launch stays a package's.
    // An env value's host is the finding's subject (`API_BASE_URL=https://…`).
    if (rule === "mcp.remote-host" && subject) out.push(["mcp_hosts", subject]);
    else if (MCP_HOST_RULES.has(rule) && (!cap.attrs.command || rule === "mcp.remote-host")) out.push(["mcp_hosts", cap.attrs.host]);
  } else if (cap?.kind === "plugin" && MARKETPLACE_RULES.has(rule)) out.push(["marketplaces", cap.attrs.marketplace]);
  else if (cap?.kind === "marketplace" && MARKETPLACE_RULES.has(rule)) out.push(["marketplaces", cap.attrs.name]);
  // A trusted action may be referenced by tag; its power inputs are still reviewed (agent rules).
  else if (cap?.kind === "workflow" && rule === "workflow.unpinned-action" && subject) out.push(["actions", subject.split("@")[0]]);
  return out;
}

export interface PolicedFinding extends Finding {
  /** The policy entry that makes this finding need no approval. */
  allowedBy?: string;
  /** That entry's reason, as the policy gives it. */
  allowReason?: string;
}

const because = (e: Entry) => (e.reason ? ` (reason: ${code(e.reason)})` : "");

/**
 * Apply rule overrides and allow lists, report allow entries that expired under a finding they
 * would have covered (`policy.allow-expired`) and capabilities the deny lists name
 * (`policy.denied`). Fail-closed rules can be neither silenced nor lowered.
 */
export function applyPolicy(findings: Finding[], changes: Change[], policy: Policy, today: string): PolicedFinding[] {
  const byKey = new Map(changes.map((c) => [c.key, c]));
  const out: PolicedFinding[] = [];
  const expired = new Map<string, { finding: Finding; list: ListName; entry: Entry; rules: string[] }>();
  for (const f of [...findings, ...denials(changes, policy, today)]) {
    const tuned = tune(f, policy);
    if (!tuned) continue;
    out.push(tuned);
    let lapsed: [ListName, Entry] | undefined;
    for (const [list, value] of allowTargets(f.rule, f.key ? byKey.get(f.key)?.after : undefined, f.subject)) {
      const m = match(policy.allow[list], value, today);
      if (m.live) {
        tuned.allowedBy = `allow.${list}: ${m.live.name}`;
        if (m.live.reason) tuned.allowReason = m.live.reason;
        lapsed = undefined;
        break;
      }
      if (m.expired) lapsed ??= [list, m.expired];
    }
    if (lapsed) {
      const id = `${f.key}\u0000${lapsed[0]}\u0000${lapsed[1].name}`;
      const seen = expired.get(id);
      if (seen) seen.rules.push(f.rule);
      else expired.set(id, { finding: f, list: lapsed[0], entry: lapsed[1], rules: [f.rule] });
    }
  }
  for (const { finding: f, list, entry, rules } of expired.values()) {
    const tuned = tune(
      {
        rule: "policy.allow-expired",
        severity: ruleById("policy.allow-expired")!.severity,
        direction: "neutral",
        path: f.path,
        line: f.line,
        key: f.key,
        message: `The \`allow.${list}\` entry ${code(entry.name)}${because(entry)} expired on ${entry.expires}, so it no longer allows ${[...new Set(rules)].map(code).join(", ")} here.`,
      },
      policy,
    );
    if (tuned) out.push(tuned);
  }
  return out;
}

/** The finding with the policy's severity override; undefined when the policy turns it off. */
function tune(f: Finding, policy: Policy): PolicedFinding | undefined {
  const override = policy.rules[f.rule];
  if (FAIL_CLOSED_RULES.has(f.rule) || override === undefined) return { ...f };
  return override === "off" ? undefined : { ...f, severity: override };
}

/**
 * `policy.denied` findings for capabilities the PR adds or changes (escalations and neutral
 * changes; removals and reductions are never blocked, nor is configuration the PR leaves alone)
 * that a deny list names. Matching ignores case: a deny entry must not be dodged by spelling.
 */
export function denials(changes: Change[], policy: Policy, today: string): Finding[] {
  const out: Finding[] = [];
  for (const c of changes) {
    const cap = c.after;
    if (!cap || c.direction === "reduction") continue;
    const targets: { list: ListName; values: string[]; what: string; line: number }[] = [];
    const value = (v: string | undefined) => (v ? [v] : []);
    if (cap.kind === "mcp_server") {
      const server = `MCP server ${code(cap.attrs.name)}`;
      targets.push({ list: "mcp_packages", values: value(cap.attrs.package?.name), what: `${server} launches package ${code(cap.attrs.package?.name ?? "")}`, line: cap.line });
      targets.push({ list: "mcp_hosts", values: value(cap.attrs.host), what: `${server} talks to ${code(cap.attrs.host ?? "")}`, line: cap.line });
      for (const [k, host] of Object.entries(cap.attrs.envHosts ?? {})) {
        targets.push({ list: "mcp_hosts", values: [host], what: `${server} is pointed at ${code(host)} by env ${code(k)}`, line: cap.line });
      }
    } else if (cap.kind === "plugin") {
      targets.push({ list: "marketplaces", values: value(cap.attrs.marketplace), what: `Plugin ${code(cap.attrs.name)} comes from marketplace ${code(cap.attrs.marketplace ?? "")}`, line: cap.line });
    } else if (cap.kind === "marketplace") {
      targets.push({ list: "marketplaces", values: value(cap.attrs.name), what: `Marketplace ${code(cap.attrs.name)}`, line: cap.line });
    } else if (cap.kind === "workflow") {
      const name = cap.attrs.job !== undefined ? `Job ${code(cap.attrs.job)} of ${code(cap.attrs.workflow)}` : `Workflow ${code(cap.attrs.workflow)}`;
      for (const uses of cap.attrs.actions) {
        // `owner/repo/path@ref`: matched as `owner/repo/path` and as `owner/repo`, so that denying a
        // repository denies every action in it.
        const full = uses.split("@")[0]!;
        const repo = full.split("/").slice(0, 2).join("/");
        targets.push({ list: "actions", values: [...new Set([full, repo])], what: `${name} uses ${code(uses)}`, line: cap.locations?.[`actions:${uses}`]?.line ?? cap.line });
      }
    }
    for (const t of targets) {
      const entry = t.values.map((v) => match(policy.deny[t.list], v, today, true).live).find((e) => e !== undefined);
      if (!entry) continue;
      out.push({
        rule: "policy.denied",
        severity: ruleById("policy.denied")!.severity,
        direction: "escalation",
        path: cap.path,
        line: t.line,
        key: cap.key,
        message: `${t.what}, which the policy denies: \`deny.${t.list}: ${entry.name}\`${because(entry)}. A denied capability cannot be approved; remove it.`,
      });
    }
  }
  return out;
}

/** Does this finding need approval under the policy? */
export function isBlocking(f: PolicedFinding, policy: Policy): boolean {
  if (FAIL_CLOSED_RULES.has(f.rule)) return true;
  if (f.allowedBy || f.direction === "reduction") return false;
  return SEVERITY_RANK[f.severity] >= SEVERITY_RANK[policy.fail_on];
}
