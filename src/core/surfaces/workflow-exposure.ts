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
const WHO = /\b(?:github\.(?:actor|triggering_actor|repository_owner)|github\.event\.(?:comment|issue|pull_request|review|sender|discussion)(?:\.user)?\.(?:author_association|login)|github\.event\.sender\.type|author_association|head\.repo\.(?:full_name|fork)|github\.event\.label\.name)\b/g;

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

/** Agents that check the triggering actor's write access themselves (unless told not to). */
export function checksActor(action: string): boolean {
  return action === "anthropics/claude-code-action" || action === "openai/codex-action" || action.startsWith("github/copilot") || action === "gh-aw";
}
