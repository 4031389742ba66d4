// A merge group's review. GitHub merges a group once its last entry's required checks pass, entries
// ahead of it included ("only merge non-failing pull requests" off), and the payload's `base_sha` is
// the entry ahead, not the base branch. So the group's check covers everything the group would add
// to the base branch: the change from the merge base to the group's head, cut into one increment per
// queue entry (the queue's read-only `gh-readonly-queue/<branch>/pr-<n>-<sha>` branches say which
// commit belongs to which pull request). Each increment is judged with its own pull request's
// approvals, all by the base branch's policy; the group passes only when every increment does.
import type { Logger } from "pino";
import { ReviewError, type ReviewTarget } from "./evaluate.js";
import { queuedPull, type GitHubApi, type Repo } from "./github.js";
import { withLock } from "./lock.js";
import { failedReview, judge, lockKey, logVerdict, writeCheck, type Judged, type RunOutcome } from "./review-run.js";

/** Entries of one group judged per event (each costs a review's reads); more fail closed. */
export const MAX_GROUP_ENTRIES = 20;

export interface MergeGroup {
  repo: Repo;
  headSha: string;
  /** The commit the group's entry was built on: the entry ahead, or the base branch. */
  baseSha: string;
  headRef: string;
  baseRef: string;
}

/** One queue entry's part of the group: what its pull request adds on top of the entries ahead. */
export interface Increment {
  baseSha: string;
  headSha: string;
  pull: number | undefined;
}

/**
 * The group's increments, oldest first, the last one being the event's own entry, and the merge
 * base whose policy judges them all. A group built on the base branch itself is one increment and
 * costs one read more than a pull request's review.
 */
export async function groupIncrements(api: GitHubApi, g: MergeGroup): Promise<{ mergeBase: string; increments: Increment[] }> {
  const own = queuedPull(g.headRef, g.baseRef);
  const branch = g.baseRef.replace(/^refs\/heads\//, "");
  const { mergeBase } = await api.compare(g.repo, branch, g.headSha);
  if (mergeBase === g.baseSha) return { mergeBase, increments: [{ baseSha: g.baseSha, headSha: g.headSha, pull: own }] };
  const cmp = await api.compareCommits(g.repo, branch, g.headSha);
  if (!cmp.complete) throw new ReviewError(`the merge group carries more commits than the ${branch} branch lacks and could be read; what it would merge cannot be laid out, so it cannot pass`);
  const order = new Map(cmp.shas.map((sha, i) => [sha, i]));
  const ahead = (await api.queueEntries(g.repo, branch)).filter((e) => e.sha !== g.headSha && order.has(e.sha)).sort((a, b) => order.get(a.sha)! - order.get(b.sha)!);
  if (ahead.length + 1 > MAX_GROUP_ENTRIES) throw new ReviewError(`the merge group holds ${ahead.length + 1} queue entries, more than the ${MAX_GROUP_ENTRIES} reviewed per group; lower the queue's group size`);
  // Commits no entry claims (none, unless the queue changed under us) fall to the next entry's
  // increment: they are reviewed with approvals that must cover them, never skipped.
  const heads = [...ahead, { pull: own, sha: g.headSha }];
  const increments = heads.map((e, i) => ({ baseSha: i === 0 ? cmp.mergeBase : heads[i - 1]!.sha, headSha: e.sha, pull: e.pull }));
  return { mergeBase: cmp.mergeBase, increments };
}

/** Review a merge group and write its check on the group's head; never throws. */
export async function reviewMergeGroup(api: GitHubApi, g: MergeGroup, log: Logger): Promise<RunOutcome> {
  const target: ReviewTarget = { repo: g.repo, headSha: g.headSha, baseSha: g.baseSha };
  return withLock(lockKey(target), async () => {
    try {
      const { mergeBase, increments } = await groupIncrements(api, g);
      const judged: (Judged & { increment: Increment })[] = [];
      for (const increment of increments) {
        const t: ReviewTarget = { repo: g.repo, baseSha: increment.baseSha, headSha: increment.headSha, policySha: mergeBase };
        judged.push({ ...(await judge(api, t, undefined, increment.pull === undefined ? {} : { queuedPull: increment.pull })), increment });
      }
      const own = judged.at(-1)!;
      // An entry ahead that does not pass makes the group fail with that entry's findings.
      const blocked = judged.slice(0, -1).find((j) => j.verdict.conclusion === "failure");
      const shown = blocked ?? own;
      const note = aheadNote(judged.slice(0, -1).map((j) => j.increment), blocked?.increment, own.increment.pull);
      const verdict = { ...shown.verdict, conclusion: blocked ? ("failure" as const) : own.verdict.conclusion, approvalsMarkdown: note + (shown.verdict.approvalsMarkdown ?? "") };
      logVerdict(log, target, verdict);
      await writeCheck(api, target, verdict, shown.ev);
      return { conclusion: verdict.conclusion, fingerprint: verdict.fingerprint };
    } catch (e) {
      return failedReview(api, target, e, log);
    }
  });
}

/** What the check says about the entries ahead of this one, when there are any. */
function aheadNote(ahead: Increment[], blocked: Increment | undefined, own: number | undefined): string {
  if (!ahead.length) return "";
  const name = (pull: number | undefined) => (pull === undefined ? "an entry no pull request names" : `#${pull}`);
  const list = ahead.map((a) => name(a.pull)).join(", ");
  const whose = own === undefined ? "this entry" : `#${own}`;
  if (blocked) return `This merge group merges ${list} ahead of ${whose} as well, and the change ${name(blocked.pull)} adds is not approved: the group cannot pass until it is. What follows is the review of ${name(blocked.pull)}'s part of the group.\n\n`;
  return `This merge group merges ${list} ahead of ${whose} as well; each entry's part of the group was reviewed with its own pull request's approvals, and all of them pass.\n\n`;
}
