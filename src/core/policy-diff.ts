// What a pull request's edit of the review policy does: each loosening (high) and tightening (info)
// of `.github/capability-review.yml`, at the line of the changed key in the head text.
//
// The app reviews such a PR under the base policy and passes both sides as `ReviewInput.policyChange`:
// `review()` then adds these findings before the policy is applied, so they are tuned, counted,
// sorted and (the loosening ones) fingerprinted in the same single pass as every other finding.
// That is simpler and safer than re-deriving a finished verdict, whose findings already carry
// severity overrides and allow marks.
import type { Direction, Finding, Severity } from "./model.js";
import { SEVERITY_RANK } from "./model.js";
import type { PathSegment } from "./parse/document.js";
import { parseYaml } from "./parse/yaml.js";
import { DEFAULT_POLICY, entryOf, parsePolicy, type Entry, type ListName, type Policy } from "./policy.js";
import { ruleById } from "./rules/registry.js";
import { code } from "./rules/types.js";

export interface PolicyChangeInput {
  /** The effective policy at base; in `review()` it defaults to the policy the PR is reviewed under. */
  base?: Policy;
  /** The policy at head; absent with a `headText`, it is parsed from that text. */
  head?: Policy;
  path: string;
  /** The head file's text, for lines; absent when the PR deletes the file. */
  headText?: string;
}

interface Edit {
  loosens: boolean | "neither";
  at: PathSegment[];
  what: string;
}

const LISTS: ListName[] = ["marketplaces", "mcp_packages", "mcp_hosts", "actions"];
/** The policy fields `compare` looks at; a test holds it equal to the schema's. */
export const COMPARED_FIELDS = ["fail_on", "mode", "workflows", "comment", "paths", "approvers", "allow", "deny", "rules"] as const;
const FOREVER = "9999-12-31";

/**
 * Findings (`policy.changed`) for the edit from `base` to `head`; an absent side is the default
 * policy (no file). Reordering entries, comments and formatting are no change. A head text that does not validate is reported as one high finding: once
 * merged, every review would fail until it is fixed.
 */
export function policyChange(base: Policy | undefined, head: Policy | undefined, path: string, headText?: string): Finding[] {
  const doc = headText === undefined ? undefined : parseYaml(path, headText);
  const lineOf = (at: PathSegment[]) => (doc?.ok ? doc.doc.lineOf(at) : 1);
  if (!head && headText !== undefined && headText.trim()) {
    const parsed = parsePolicy(headText, path);
    if (!parsed.ok) {
      return [finding(path, parsed.line, true, `The edited policy is invalid (${parsed.error}); once merged, every review fails until it is fixed.`)];
    }
    head = parsed.policy;
  }
  const b = base ?? DEFAULT_POLICY;
  const h = head ?? DEFAULT_POLICY;
  const edits = compare(b, h);
  return edits.map((e) => finding(path, lineOf(e.at), e.loosens, `Policy ${code(path)}: ${e.what}.`));
}

function finding(path: string, line: number, loosens: boolean | "neither", message: string): Finding {
  const [severity, direction]: [Severity, Direction] =
    loosens === true ? [ruleById("policy.changed")!.severity, "escalation"] : loosens === false ? ["info", "reduction"] : ["info", "neutral"];
  return { rule: "policy.changed", severity, direction, path, line, message };
}

function compare(b: Policy, h: Policy): Edit[] {
  const edits: Edit[] = [];
  const rb = SEVERITY_RANK[b.fail_on];
  const rh = SEVERITY_RANK[h.fail_on];
  if (rb !== rh) {
    edits.push({ loosens: rh > rb, at: ["fail_on"], what: `\`fail_on\` ${b.fail_on} → ${h.fail_on} (${rh > rb ? "fewer" : "more"} findings need approval)` });
  }
  if (b.mode !== h.mode) {
    edits.push({ loosens: h.mode === "warn", at: ["mode"], what: h.mode === "warn" ? "`mode: warn`: findings no longer fail the check" : "`mode: enforce`: findings fail the check again" });
  }
  if (b.workflows !== h.workflows) {
    const loosens = h.workflows === "agents";
    edits.push({ loosens, at: ["workflows"], what: loosens ? "`workflows: agents`: workflows that run no agent are listed at low" : "`workflows: all`: every workflow is judged in full" });
  }
  // Where the report is posted gates nothing: the check run decides the merge.
  if (b.comment !== h.comment) edits.push({ loosens: "neither", at: ["comment"], what: `\`comment\` ${b.comment} → ${h.comment}` });
  edits.push(...setEdits(b.paths.include, h.paths.include, ["paths", "include"], false, "files no longer reviewed", "more files reviewed"));
  edits.push(...setEdits(b.paths.exclude, h.paths.exclude, ["paths", "exclude"], true, "files no longer reviewed", "more files reviewed"));
  edits.push(...approverEdits(b, h));
  for (const list of LISTS) {
    edits.push(...entryEdits("allow", list, b.allow[list], h.allow[list]));
    edits.push(...entryEdits("deny", list, b.deny[list], h.deny[list]));
  }
  for (const id of [...new Set([...Object.keys(b.rules), ...Object.keys(h.rules)])].sort()) {
    const def = ruleById(id)?.severity ?? "info";
    const [sb, sh] = [b.rules[id] ?? def, h.rules[id] ?? def];
    const rank = (s: Severity | "off") => (s === "off" ? -1 : SEVERITY_RANK[s]);
    if (rank(sb) === rank(sh)) continue;
    edits.push({ loosens: rank(sh) < rank(sb), at: ["rules", id], what: `rule ${code(id)} ${sb} → ${sh}` });
  }
  return edits;
}

/** Glob or name lists where gaining an item loosens (`gainLoosens`) or tightens. */
function setEdits(b: string[], h: string[], at: PathSegment[], gainLoosens: boolean, looser: string, tighter: string): Edit[] {
  const edits: Edit[] = [];
  const key = at.join(".");
  h.forEach((x, i) => {
    if (!b.includes(x)) edits.push({ loosens: gainLoosens, at: [...at, i], what: `\`${key}\` gains ${code(x)} (${gainLoosens ? looser : tighter})` });
  });
  for (const x of b.filter((x) => !h.includes(x))) {
    edits.push({ loosens: !gainLoosens, at, what: `\`${key}\` loses ${code(x)} (${gainLoosens ? tighter : looser})` });
  }
  return edits;
}

function approverEdits(b: Policy, h: Policy): Edit[] {
  const [ab, ah] = [b.approvers, h.approvers];
  if (!ab && !ah) return [];
  if (!ah) return [{ loosens: true, at: [], what: "`approvers` removed (approval no longer restricted to named teams and users)" }];
  if (!ab) return [{ loosens: false, at: ["approvers"], what: "`approvers` added (approval restricted to named teams and users)" }];
  const edits: Edit[] = [];
  if (ab.min !== ah.min) {
    edits.push({ loosens: ah.min < ab.min, at: ["approvers", "min"], what: `\`approvers.min\` ${ab.min} → ${ah.min}` });
  }
  const widens = "more people can approve";
  const narrows = "fewer people can approve";
  edits.push(...setEdits(ab.teams, ah.teams, ["approvers", "teams"], true, widens, narrows));
  edits.push(...setEdits(ab.users, ah.users, ["approvers", "users"], true, widens, narrows));
  return edits;
}

/** Allow and deny entries by name: added, removed, expiry moved, reason reworded. */
function entryEdits(kind: "allow" | "deny", list: ListName, before: Policy["allow"][ListName], after: Policy["allow"][ListName]): Edit[] {
  // Duplicates of a name act as one entry living as long as the longest-lived of them.
  const byName = (xs: Policy["allow"][ListName]) => {
    const m = new Map<string, { e: Entry; i: number }>();
    xs.forEach((x, i) => {
      const e = entryOf(x);
      const seen = m.get(e.name);
      if (!seen) m.set(e.name, { e, i });
      else if ((e.expires ?? FOREVER) > (seen.e.expires ?? FOREVER)) m.set(e.name, { e: { ...seen.e, expires: e.expires }, i });
    });
    return m;
  };
  const [mb, mh] = [byName(before), byName(after)];
  const key = `${kind}.${list}`;
  // For an allow list more entries (or longer-lived ones) loosen; for a deny list they tighten.
  const more = kind === "allow";
  const edits: Edit[] = [];
  for (const [name, { e, i }] of mh) {
    const at = [kind, list, i];
    const was = mb.get(name)?.e;
    if (!was) {
      edits.push({ loosens: more, at, what: `\`${key}\` gains ${code(name)}${e.expires ? ` until ${e.expires}` : ""}` });
      continue;
    }
    if (was.expires !== e.expires) {
      // No date means forever: later than any date.
      const longer = (e.expires ?? FOREVER) > (was.expires ?? FOREVER);
      const what = e.expires ? `expires ${e.expires}` : "no longer expires";
      edits.push({ loosens: longer === more, at: [...at, ...(e.expires ? ["expires"] : [])], what: `\`${key}\` entry ${code(name)} ${what} (was ${was.expires ?? "no expiry"})` });
    }
    if ((was.reason ?? "") !== (e.reason ?? "")) {
      edits.push({ loosens: "neither", at: [...at, ...(e.reason ? ["reason"] : [])], what: `\`${key}\` entry ${code(name)}: reason reworded` });
    }
  }
  for (const name of [...mb.keys()].filter((n) => !mh.has(n))) {
    edits.push({ loosens: !more, at: [kind, list], what: `\`${key}\` loses ${code(name)}` });
  }
  return edits;
}
