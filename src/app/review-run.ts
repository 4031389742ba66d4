// One review of one commit: evaluate (reads + core), count approvals, then write the check, the
// sticky comment and one review. Any failure ends in a completed `failure` check that says why: a
// required check must never pass by accident or hang.
import type { Logger } from "pino";
import { applyApprovals, approvalsFrom, evaluateApprovals, requiredApprovals, type ApprovedVerdict, type PrComment } from "../core/approvals.js";
import { renderApprovals } from "../core/render/approvals.js";
import { FAIL_CLOSED_RULES } from "../core/rules/registry.js";
import { evaluate, ReviewError, type Evaluation, type ReviewTarget } from "./evaluate.js";
import { GitHubApi, type Repo } from "./github.js";
import { withLock } from "./lock.js";
import {
  annotationPages,
  CHECK_NAME,
  checkRunOutput,
  errorOutput,
  findingIdsIn,
  inlineComments,
  resolvedComment,
  reviewBody,
  STICKY_MARKER,
  stickyComment,
} from "./report.js";

export { ReviewError, type ReviewTarget } from "./evaluate.js";

export interface RunOutcome {
  conclusion: string;
  fingerprint?: string;
  error?: string;
}

/** The check run's button: the same rules as `/capability-review approve`. */
export const APPROVE_ACTION = { label: "Approve", description: "Approve this capability change", identifier: "approve" };

/** Serialize work on one pull request in this process (see lock.ts). */
export function lockKey(t: ReviewTarget): string {
  return `${t.repo.owner}/${t.repo.repo}#${t.pullNumber ?? t.headSha}`;
}

/**
 * Review a target and report; never throws for GitHub or input problems, it reports them.
 * `during` runs inside the lock after the evaluation (an approval writes its acknowledgement there)
 * and may return comments to count as if they had been read.
 */
export async function runReview(
  api: GitHubApi,
  target: ReviewTarget,
  log: Logger,
  during?: (ev: Evaluation) => Promise<PrComment[] | void>,
): Promise<RunOutcome> {
  return withLock(lockKey(target), () => reviewLocked(api, target, log, during));
}

/** `runReview` for callers that already hold the lock. */
export async function reviewLocked(
  api: GitHubApi,
  target: ReviewTarget,
  log: Logger,
  during?: (ev: Evaluation) => Promise<PrComment[] | void>,
): Promise<RunOutcome> {
  let checked = false;
  try {
    const ev = await evaluate(api, target);
    const extra = (await during?.(ev)) ?? [];
    const verdict = withApprovals(ev, extra);
    log.info(
      { event: "review", headSha: target.headSha, conclusion: verdict.conclusion, fingerprint: verdict.fingerprint, findings: verdict.findings.length, blocking: verdict.blocking.length, files: verdict.files.length, approvedBy: verdict.approved?.by.map((a) => a.user) ?? [] },
      "review result",
    );
    await writeCheck(api, target, verdict, ev);
    checked = true;
    if (target.pullNumber !== undefined) {
      await upsertSticky(api, target, verdict, ev);
      const already = new Set(ev.snapshot.reviewBodies.flatMap(findingIdsIn));
      const inline = inlineComments(verdict, ev.patches, already);
      if (inline.length) await api.createReview(target.repo, target.pullNumber, target.headSha, reviewBody(inline.length), inline.map(({ path, line, side, body }) => ({ path, line, side, body })));
    }
    return { conclusion: verdict.conclusion, fingerprint: verdict.fingerprint };
  } catch (e) {
    const reason = e instanceof ReviewError ? e.message : describeError(e);
    log.error({ err: e instanceof Error ? { message: e.message, name: e.name } : String(e), headSha: target.headSha }, "review failed");
    if (!checked) {
      try {
        const out = errorOutput(reason);
        await api.createCheck(target.repo, target.headSha, CHECK_NAME, out.conclusion, { title: out.title, summary: out.summary });
      } catch (inner) {
        log.error({ err: describeError(inner) }, "could not report the failure on the check");
      }
    }
    return { conclusion: "failure", error: reason };
  }
}

function describeError(e: unknown): string {
  const status = (e as { status?: number }).status;
  const message = e instanceof Error ? e.message : String(e);
  return status ? `GitHub API error ${status}: ${message}` : message;
}

/** Approvals rebuilt from the pull request's comments (no server state), applied to the verdict. */
function withApprovals(ev: Evaluation, extra: PrComment[]): ApprovedVerdict & { approvalsMarkdown?: string } {
  if (ev.snapshot.pullAuthor === undefined) return ev.verdict;
  const approvals = approvalsFrom([...ev.snapshot.comments, ...extra]);
  const result = evaluateApprovals(ev.verdict, approvals, {
    min: requiredApprovals(ev.policy),
    author: ev.snapshot.pullAuthor,
    capabilityCommitAuthors: ev.snapshot.commitAuthors,
  });
  const verdict = applyApprovals(ev.verdict, result);
  const approvalsMarkdown = renderApprovals(verdict, result);
  return { ...verdict, ...(approvalsMarkdown ? { approvalsMarkdown } : {}) };
}

/** Approvable: failing only on findings an approval may clear. */
export function approvable(v: ApprovedVerdict): boolean {
  return v.conclusion === "failure" && v.blocking.length > 0 && !v.blocking.some((f) => FAIL_CLOSED_RULES.has(f.rule));
}

async function writeCheck(api: GitHubApi, t: ReviewTarget, verdict: ApprovedVerdict & { approvalsMarkdown?: string }, ev: Evaluation): Promise<void> {
  const out = checkRunOutput(verdict, verdict.approvalsMarkdown ? { approvals: verdict.approvalsMarkdown } : {});
  const [firstPage = [], ...rest] = annotationPages(out.annotations);
  const button = t.pullNumber !== undefined && ev.snapshot.pullAuthor !== undefined && approvable(verdict) ? [APPROVE_ACTION] : [];
  const id = await api.createCheck(t.repo, t.headSha, CHECK_NAME, out.conclusion, { title: out.title, summary: out.summary, annotations: firstPage }, undefined, button);
  for (const page of rest) await api.addAnnotations(t.repo, id, { title: out.title, summary: out.summary, annotations: page });
}

/** One sticky comment per PR: created on the first finding, then edited only when its text changes. */
async function upsertSticky(api: GitHubApi, t: ReviewTarget, verdict: ApprovedVerdict & { approvalsMarkdown?: string }, ev: Evaluation): Promise<void> {
  const pr = t.pullNumber!;
  const existing = ev.snapshot.comments.find((c) => c.viewerDidAuthor && c.body.startsWith(STICKY_MARKER));
  const relevant = verdict.findings.some((f) => f.direction !== "reduction");
  if (!existing) {
    if (!relevant) return;
    await api.createComment(t.repo, pr, stickyComment(verdict, verdict.approvalsMarkdown ? { approvals: verdict.approvalsMarkdown } : {}));
    await removeDuplicateStickies(api, t.repo, pr);
    return;
  }
  const body = relevant ? stickyComment(verdict, verdict.approvalsMarkdown ? { approvals: verdict.approvalsMarkdown } : {}) : resolvedComment(existing.body);
  if (body !== existing.body) await api.updateComment(t.repo, existing.id, body);
}

/** Another replica may have created one at the same moment: the oldest stays, the rest go. */
async function removeDuplicateStickies(api: GitHubApi, repo: Repo, pr: number): Promise<void> {
  // Both copies were created moments ago; the hour leaves room for clock skew between us and GitHub.
  const since = new Date(Date.now() - 60 * 60 * 1000);
  const mine = (await api.recentComments(repo, pr, since)).filter((c) => c.mine && c.body.startsWith(STICKY_MARKER)).sort((a, b) => a.id - b.id);
  for (const dup of mine.slice(1)) await api.deleteComment(repo, dup.id);
}
