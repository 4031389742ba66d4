// The reader's view of a review: one row per capability (the findings about one MCP server, one
// setting, one file problem together), rows in order of risk, and one sentence saying what the
// agents gain. Pure: a verdict in, rows and Markdown out; text from files only in code spans.
import type { Capability, Change, Severity } from "../model.js";
import { SEVERITY_RANK } from "../model.js";
import type { PolicedFinding } from "../policy.js";
import type { Verdict } from "../review.js";
import { ruleById } from "../rules/registry.js";
import { code } from "../rules/types.js";

export const ICON: Record<Severity, string> = { critical: "🔴", high: "🟠", medium: "🟡", low: "🔵", info: "⚪" };

/** Most important first: blocking, then by severity, escalations before reductions; stable otherwise. */
export function byImportance(findings: readonly PolicedFinding[], blocking: ReadonlySet<PolicedFinding>): PolicedFinding[] {
  const rank = (f: PolicedFinding) => (blocking.has(f) ? 100 : 0) + SEVERITY_RANK[f.severity] * 2 + (f.direction === "reduction" ? 0 : 1);
  return findings.map((f, i) => ({ f, i, r: rank(f) })).sort((a, b) => b.r - a.r || a.i - b.i).map((x) => x.f);
}

export interface CapabilityRow {
  /** What the row is about, as Markdown (`MCP server \`tracker\``). */
  label: string;
  /** The short name alone, as Markdown (`\`tracker\``), for the summary sentence. */
  name: string;
  /** The row's findings, most important first; the first gives the row's severity and line. */
  findings: PolicedFinding[];
  /** A finding of the row needs approval. */
  blocking: boolean;
  /** Every finding of the row is allowed by the policy. */
  allowed: boolean;
}

/** The kind of capability and its name as a reader knows it; the file for file problems. */
export function capabilityLabel(c: Capability | undefined, path: string): { label: string; name: string } {
  const named = (noun: string, name: string) => ({ label: `${noun} ${code(name)}`, name: code(name) });
  if (!c) return named("file", path);
  switch (c.kind) {
    case "mcp_server":
      return named("MCP server", c.attrs.name);
    case "agent_setting":
      return named("setting", c.attrs.scope ? `${c.attrs.scope}.${c.attrs.setting}` : c.attrs.setting);
    case "permission_rule":
      return named(`${c.attrs.list} rule`, c.attrs.rule);
    case "hook":
      return named("hook on", c.attrs.matcher ? `${c.attrs.event} [${c.attrs.matcher}]` : c.attrs.event);
    case "plugin":
      return named("plugin", c.attrs.name + (c.attrs.marketplace ? "@" + c.attrs.marketplace : ""));
    case "marketplace":
      return named("marketplace", c.attrs.name);
    case "instructions":
      return named("instructions", c.path);
    case "skill":
      return named("skill", c.attrs.name);
    case "skill_file":
      return named("skill file", c.attrs.file);
    case "hook_script":
      return named("hook script", c.path);
    case "workflow":
      return named("workflow", c.attrs.job ? `${c.attrs.workflow} / ${c.attrs.job}` : c.attrs.workflow);
  }
}

/** Rows for `findings` (default: the verdict's), most important first. */
export function capabilityRows(v: Verdict, findings: readonly PolicedFinding[] = v.findings): CapabilityRow[] {
  const blocking = new Set(v.blocking);
  const changes = new Map<string, Change>(v.changes.map((c) => [c.key, c]));
  const rows = new Map<string, CapabilityRow>();
  for (const f of byImportance(findings, blocking)) {
    const id = f.key ? `key\0${f.key}` : `file\0${f.path}`;
    const row = rows.get(id);
    if (row) {
      row.findings.push(f);
      row.blocking ||= blocking.has(f);
      row.allowed &&= !!f.allowedBy;
      continue;
    }
    const change = f.key ? changes.get(f.key) : undefined;
    rows.set(id, { ...capabilityLabel(change?.after ?? change?.before, f.path), findings: [f], blocking: blocking.has(f), allowed: !!f.allowedBy });
  }
  // Insertion followed the most important finding of each row, so the rows are in order already.
  return [...rows.values()];
}

/** A rule's title as the middle of a sentence: its first letter lowered unless it is an acronym. */
export function titleInSentence(rule: string): string {
  const title = ruleById(rule)?.title ?? rule;
  return /^[A-Z][a-z]/.test(title) ? title[0]!.toLowerCase() + title.slice(1) : title;
}

const RULES_IN_SENTENCE = 4;
const NAMES_PER_RULE = 3;

/**
 * What the agents gain, in one sentence: each escalating capability by its riskiest finding's
 * rule, rules in order of risk ("Human approval weakened or removed (`approval_policy`); new or
 * re-enabled MCP server (`browser`, `tracker`); and 3 more kinds of change."). Empty when nothing
 * escalates.
 */
export function gainSentence(v: Verdict): string {
  const byRule = new Map<string, Set<string>>();
  // Rows come riskiest first, so the rules are met in order of risk.
  for (const row of capabilityRows(v, v.findings.filter((f) => f.direction === "escalation"))) {
    const rule = row.findings[0]!.rule;
    const names = byRule.get(rule) ?? new Set<string>();
    names.add(row.name);
    byRule.set(rule, names);
  }
  if (byRule.size === 0) return "";
  const parts = [...byRule].slice(0, RULES_IN_SENTENCE).map(([rule, set]) => {
    const names = [...set];
    const more = names.length > NAMES_PER_RULE ? ` and ${names.length - NAMES_PER_RULE} more` : "";
    return `${titleInSentence(rule)} (${names.slice(0, NAMES_PER_RULE).join(", ")}${more})`;
  });
  const rest = byRule.size - RULES_IN_SENTENCE;
  const text = parts.join("; ") + (rest > 0 ? `; and ${rest} more kind${rest === 1 ? "" : "s"} of change` : "");
  return text[0]!.toUpperCase() + text.slice(1) + ".";
}
