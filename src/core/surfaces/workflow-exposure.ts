// Who can make an agent run: the events of `on:` that anyone can cause (a comment, an issue, a fork's
// pull request), unless their `types:` are ones only maintainers cause (labels, assignments), and an
// `if:` on the job or step that checks who caused them (the actor, their association, the fork).
import { isRecord } from "../parse/document.js";

/** Events anyone with an account can cause on a public repository. */
const OPEN_EVENTS = new Set([
  "pull_request_target", "pull_request", "issues", "issue_comment", "pull_request_review", "pull_request_review_comment", "discussion", "discussion_comment",
]);
/** Activity types only a maintainer (triage or write access) can cause. */
const MAINTAINER_TYPES: Record<string, ReadonlySet<string>> = {
  issues: new Set(["labeled", "unlabeled", "assigned", "unassigned", "milestoned", "demilestoned", "pinned", "unpinned", "locked", "unlocked", "transferred", "deleted"]),
  pull_request: new Set(["labeled", "unlabeled", "assigned", "unassigned", "review_requested", "review_request_removed", "milestoned", "demilestoned", "locked", "unlocked", "enqueued", "dequeued", "auto_merge_enabled", "auto_merge_disabled"]),
  discussion: new Set(["labeled", "unlabeled", "pinned", "unpinned", "locked", "unlocked", "transferred", "category_changed"]),
};
MAINTAINER_TYPES.pull_request_target = MAINTAINER_TYPES.pull_request!;

const typesOf = (v: unknown): string[] | undefined =>
  typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((t): t is string => typeof t === "string") : undefined;

/** The events of `on:` anyone can cause, sorted. */
export function openTriggers(on: unknown): string[] {
  const names = typeof on === "string" ? [on] : Array.isArray(on) ? on.filter((v): v is string => typeof v === "string") : isRecord(on) ? Object.keys(on) : [];
  const out = names.filter((name) => {
    if (!OPEN_EVENTS.has(name)) return false;
    const body = isRecord(on) ? on[name] : undefined;
    const types = isRecord(body) ? typesOf(body.types) : undefined;
    const maintainer = MAINTAINER_TYPES[name];
    return !(types?.length && maintainer && types.every((t) => maintainer.has(t)));
  });
  return [...new Set(out)].sort();
}

/** Context paths that say who caused the event, or whether it came from a fork. */
const WHO = /\b(?:github\.(?:actor|triggering_actor|repository_owner)|github\.event\.(?:comment|issue|pull_request|review|sender|discussion)(?:\.user)?\.(?:author_association|login)|github\.event\.sender\.type|author_association|head\.repo\.(?:full_name|fork)|github\.event\.label\.name|needs\.pre_activation\.outputs\.activated)\b/g;

/**
 * An `if:` that checks who caused the event: a reference above compared with `==`, tested with
 * `contains(...)`, or negated as a fork. `github.actor != 'dependabot[bot]'` keeps one bot out, not
 * everyone: no gate.
 */
export function isGate(condition: unknown): boolean {
  if (typeof condition !== "string" || condition.length > 20_000) return false;
  WHO.lastIndex = 0;
  for (let m = WHO.exec(condition); m; m = WHO.exec(condition)) {
    const after = condition.slice(m.index + m[0].length, m.index + m[0].length + 8).trimStart();
    if (!after.startsWith("!=")) return true;
  }
  return false;
}

/** Status functions that run a job whatever the jobs it needs did: a needed job's gate does not hold there. */
const RUNS_ANYWAY = /\b(?:always|failure|cancelled)\s*\(/;
const MAX_NEEDS_DEPTH = 16;

/**
 * Each job's gate: the condition that keeps it from running for anyone (its own `if:`, or a gate of a
 * job it needs: a skipped job skips those that need it, unless they run anyway), or false.
 */
export function jobGates(jobs: Record<string, unknown>): Map<string, string | false> {
  const out = new Map<string, string | false>();
  const gateOf = (id: string, depth: number): string | false => {
    const known = out.get(id);
    if (known !== undefined) return known;
    const job = jobs[id];
    if (!isRecord(job) || depth > MAX_NEEDS_DEPTH) return false;
    out.set(id, false); // a cycle gates nothing
    const own = typeof job.if === "string" ? job.if : "";
    let gate: string | false = isGate(own) ? own : false;
    if (!gate && !RUNS_ANYWAY.test(own)) {
      const needs = typeof job.needs === "string" ? [job.needs] : Array.isArray(job.needs) ? job.needs.filter((n): n is string => typeof n === "string") : [];
      for (const n of needs.slice(0, 100)) if ((gate = gateOf(n, depth + 1))) break;
    }
    out.set(id, gate);
    return gate;
  };
  for (const id of Object.keys(jobs)) gateOf(id, 0);
  return out;
}

/** Agents that check the triggering actor's write access themselves (unless told not to). */
export function checksActor(action: string): boolean {
  return action === "anthropics/claude-code-action" || action === "openai/codex-action" || action.startsWith("github/copilot") || action === "gh-aw";
}
