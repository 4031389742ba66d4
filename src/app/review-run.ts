// One review of one commit: evaluate (reads + core), count approvals, then write the check, the
// sticky comment and one review. Any failure ends in a completed `failure` check that says why: a
// required check must never pass by accident or hang.
import type { Logger } from "pino";
import { applyApprovals, approvalsFrom, evaluateApprovals, requiredApprovals, type ApprovedVerdict, type PrComment } from "../core/approvals.js";
import { renderApprovals } from "../core/render/approvals.js";
import { FAIL_CLOSED_RULES } from "../core/rules/registry.js";
import { evaluate, ReviewError, type Evaluation, type ReviewTarget } from "./evaluate.js";
import { GitHubApi } from "./github.js";
import { withLock } from "./lock.js";
import { RequestTimeoutError } from "./octokit.js";
import { postCheck, upsertSticky, worthComment } from "./publish.js";
import { CHECK_NAME, checkRunOutput, errorOutput, findingIdsIn, inlineComments, reviewBody, stickyComment } from "./report.js";

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
    // A late delivery for a commit the pull request has moved past: its check is right for that
    // commit, but the sticky comment and inline comments belong to the current head's review.
    const superseded = ev.snapshot.pullHead !== undefined && ev.snapshot.pullHead !== target.headSha;
    if (superseded) log.info({ event: "superseded", headSha: target.headSha, pullHead: ev.snapshot.pullHead }, "the pull request has a newer head: comments left to its review");
    if (target.pullNumber !== undefined && !superseded) {
      const body = worthComment(verdict) ? stickyComment(verdict, verdict.approvalsMarkdown ? { approvals: verdict.approvalsMarkdown } : {}) : null;
      await upsertSticky(api, target.repo, target.pullNumber, ev.snapshot.comments, body);
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

/** An error as one line for a check or a summary, with GitHub's status when it has one. */
export function describeError(e: unknown): string {
  const err = e as { status?: number; cause?: unknown; request?: { method?: string; url?: string } };
  const message = e instanceof Error ? e.message : String(e);
  const where = err.request?.method && err.request.url ? ` on ${err.request.method} ${new URL(err.request.url, "http://x").pathname.replace(/^\/api\/v3(?=\/)|^\/api(?=\/graphql)/, "")}` : "";
  // A request the client gave up on has no HTTP status of its own (Octokit reports it as 500).
  if (err.cause instanceof RequestTimeoutError || e instanceof RequestTimeoutError) return `GitHub API request timed out${where}: ${message}`;
  return err.status ? `GitHub API error ${err.status}${where}: ${message}` : message;
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
  const button = t.pullNumber !== undefined && ev.snapshot.pullAuthor !== undefined && approvable(verdict) ? [APPROVE_ACTION] : [];
  await postCheck(api, t.repo, t.headSha, out, button);
}
