// One review of one commit: evaluate (reads + core), count approvals, then write the check, the
// sticky comment and one review. Any failure ends in a completed `failure` check that says why: a
// required check must never pass by accident or hang.
import type { Logger } from "pino";
import { applyApprovals, approvalsFrom, approversToCheck, evaluateApprovals, mayApprove, requiredApprovals, shortFingerprint, type ApprovalResult, type ApprovedVerdict, type ApproverCandidate, type PrComment, type Right } from "../core/approvals.js";
import type { Policy } from "../core/policy.js";
import { renderApprovals } from "../core/render/approvals.js";
import { FAIL_CLOSED_RULES } from "../core/rules/registry.js";
import { evaluate, ReviewError, type Evaluation, type ReviewTarget } from "./evaluate.js";
import { GitHubApi, type Repo } from "./github.js";
export { queuedPull } from "./github.js";
import { withLock } from "./lock.js";
import { RequestTimeoutError } from "./octokit.js";
import { mayCreateComment, postCheck, upsertSticky, worthComment } from "./publish.js";
import { CHECK_NAME, checkRunOutput, errorOutput, findingIdsIn, inlineComments, reviewBody, stickyComment, type ReportOptions } from "./report.js";
import { blobLineUrl } from "../core/render/markdown.js";

export { ReviewError, type ReviewTarget } from "./evaluate.js";

export interface RunOutcome {
  conclusion: string;
  fingerprint?: string;
  error?: string;
}

/** The check run's button: the same rules as `/capability-review approve`. */
export const APPROVE_ACTION = { label: "Approve", description: "Approve this capability change", identifier: "approve" };

/**
 * Who may approve, read when it matters: at every evaluation, once per distinct user (one
 * permission read, plus one per team the policy names), so an approver downgraded since approving
 * no longer counts. Lives for one evaluation only.
 */
export class Rights {
  private readonly seen = new Map<number, Promise<ApproverCandidate>>();

  constructor(
    private readonly api: GitHubApi,
    private readonly repo: Repo,
    readonly policy: Policy,
  ) {}

  /** The user's access now; an account other than `userId` holding the login has none. */
  candidate(login: string, userId: number): Promise<ApproverCandidate> {
    let c = this.seen.get(userId);
    if (!c) this.seen.set(userId, (c = this.read(login, userId)));
    return c;
  }

  /** May the approver still approve (authorship is judged with the approvals, not here)? */
  async check(login: string, userId: number): Promise<Right> {
    const c = await this.candidate(login, userId);
    const decision = mayApprove(c, this.policy);
    if (decision.ok) return { ok: true, why: decision.why };
    const access = c.permission === "none" ? "no access to the repository" : `${c.permission} permission`;
    const named = (this.policy.approvers?.users.length ?? 0) + (this.policy.approvers?.teams.length ?? 0) > 0;
    return { ok: false, why: named ? `not among the policy's approvers now (${access})` : `${access} now, not admin or maintain` };
  }

  private async read(login: string, userId: number): Promise<ApproverCandidate> {
    const access = await this.api.collaborator(this.repo, login);
    if (access.userId !== undefined && access.userId !== userId) return { login, permission: "none", teams: [] };
    const teams: string[] = [];
    for (const team of this.policy.approvers?.teams ?? []) if (await this.api.inTeam(team, login)) teams.push(team);
    return { login, permission: access.permission, teams };
  }
}

/** What `during` gets: the evaluation, and the rights cache the approvals will be counted with. */
export type During = (ev: Evaluation, rights: Rights) => Promise<PrComment[] | void>;

export interface RunOptions {
  /** A merge group: count the approvals of this pull request (see queuedPull). */
  queuedPull?: number;
}

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
  during?: During,
  opts: RunOptions = {},
): Promise<RunOutcome> {
  return withLock(lockKey(target), () => reviewLocked(api, target, log, during, opts));
}

/** `runReview` for callers that already hold the lock. */
export async function reviewLocked(
  api: GitHubApi,
  target: ReviewTarget,
  log: Logger,
  during?: During,
  opts: RunOptions = {},
): Promise<RunOutcome> {
  let checked = false;
  try {
    const { ev, verdict } = await judge(api, target, during, opts);
    logVerdict(log, target, verdict);
    const checkRunId = await writeCheck(api, target, verdict, ev);
    checked = true;
    // A late delivery for a commit the pull request has moved past: its check is right for that
    // commit, but the sticky comment and inline comments belong to the current head's review.
    const superseded = ev.snapshot.pullHead !== undefined && ev.snapshot.pullHead !== target.headSha;
    if (superseded) log.info({ event: "superseded", headSha: target.headSha, pullHead: ev.snapshot.pullHead }, "the pull request has a newer head: comments left to its review");
    if (target.pullNumber !== undefined && !superseded) {
      // `comment: never` leaves the conversation alone; otherwise a comment that exists is kept current.
      if (ev.policy.comment !== "never") {
        const body = worthComment(verdict) ? stickyComment(verdict, reportOptions(api, target, verdict)) : null;
        await upsertSticky(api, target.repo, target.pullNumber, ev.snapshot.comments, body, { create: mayCreateComment(ev.policy.comment, verdict) });
      }
      const already = new Set(ev.snapshot.reviewBodies.flatMap(findingIdsIn));
      const inline = inlineComments(verdict, ev.patches, already);
      const web = api.webUrl(target.repo);
      const checkUrl = web && checkRunId !== undefined ? `${web}/runs/${checkRunId}` : undefined;
      if (inline.length) await api.createReview(target.repo, target.pullNumber, target.headSha, reviewBody(inline.length, checkUrl), inline.map(({ path, line, side, body }) => ({ path, line, side, body })));
    }
    return { conclusion: verdict.conclusion, fingerprint: verdict.fingerprint };
  } catch (e) {
    return failedReview(api, target, e, log, checked);
  }
}

export type Judged = { ev: Evaluation; verdict: ApprovedVerdict & { approvalsMarkdown?: string } };

/** Evaluate a target and count its approvals; writes nothing but what `during` writes. */
export async function judge(api: GitHubApi, target: ReviewTarget, during?: During, opts: RunOptions = {}): Promise<Judged> {
  const ev = await evaluate(api, target);
  const rights = new Rights(api, target.repo, ev.policy);
  const extra = (await during?.(ev, rights)) ?? [];
  // A merge group has no conversation of its own: its pull request's (one more read), whose
  // approvals count only if they are for the group's fingerprint, i.e. its whole capability change.
  const queued = opts.queuedPull;
  const convo = queued === undefined ? ev.snapshot : await api.snapshot(target.repo, [], { baseSha: target.policySha ?? target.baseSha, pullNumber: queued });
  return { ev, verdict: await withApprovals(ev, convo, extra, rights, queued) };
}

export function logVerdict(log: Logger, target: ReviewTarget, verdict: ApprovedVerdict): void {
  log.info(
    { event: "review", headSha: target.headSha, conclusion: verdict.conclusion, fingerprint: verdict.fingerprint, findings: verdict.findings.length, blocking: verdict.blocking.length, files: verdict.files.length, approvedBy: verdict.approved?.by.map((a) => a.user) ?? [] },
    "review result",
  );
}

/** A review that threw: a completed failing check that says why (unless one was written already). */
export async function failedReview(api: GitHubApi, target: ReviewTarget, e: unknown, log: Logger, checked = false): Promise<RunOutcome> {
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

/** An error as one line for a check or a summary, with GitHub's status when it has one. */
export function describeError(e: unknown): string {
  const err = e as { status?: number; cause?: unknown; request?: { method?: string; url?: string } };
  const message = e instanceof Error ? e.message : String(e);
  const where = err.request?.method && err.request.url ? ` on ${err.request.method} ${new URL(err.request.url, "http://x").pathname.replace(/^\/api\/v3(?=\/)|^\/api(?=\/graphql)/, "")}` : "";
  // A request the client gave up on has no HTTP status of its own (Octokit reports it as 500).
  if (err.cause instanceof RequestTimeoutError || e instanceof RequestTimeoutError) return `GitHub API request timed out${where}: ${message}`;
  return err.status ? `GitHub API error ${err.status}${where}: ${message}` : message;
}

/** The conversation approvals are rebuilt from: a pull request's comments, author and commit authors. */
type Conversation = Pick<Evaluation["snapshot"], "comments" | "pullAuthor" | "commitAuthors">;

/**
 * Approvals rebuilt from the pull request's comments (no server state), applied to the verdict.
 * Each approver who could count is checked again now (see Rights).
 */
async function withApprovals(ev: Evaluation, convo: Conversation, extra: PrComment[], rights: Rights, queued?: number): Promise<ApprovedVerdict & { approvalsMarkdown?: string }> {
  if (convo.pullAuthor === undefined) return ev.verdict;
  const approvals = approvalsFrom([...convo.comments, ...extra]);
  const authors = { author: convo.pullAuthor, capabilityCommitAuthors: convo.commitAuthors };
  const standing = new Map<number, Right>();
  for (const a of approversToCheck(ev.verdict, approvals, authors)) standing.set(a.userId, await rights.check(a.user, a.userId));
  const result = evaluateApprovals(ev.verdict, approvals, { ...authors, min: requiredApprovals(ev.policy), rights: standing });
  const verdict = applyApprovals(ev.verdict, result);
  const lost = result.withoutRights.map(({ approval, why }) => `**${approval.user}** (${why})`);
  // Logins in bold, not mentions: the report must not notify anyone.
  const lostLine = lost.length ? `\nNot counted, because who may approve is checked at every review: ${lost.join(", ")}.\n` : "";
  const rendered = renderApprovals(verdict, result) + lostLine;
  const approvalsMarkdown = (queued !== undefined && rendered ? groupNote(queued, result) : "") + rendered;
  return { ...verdict, ...(approvalsMarkdown ? { approvalsMarkdown } : {}) };
}

/** A merge group's report: whose approvals count, and why they do not cover the group when they do not. */
function groupNote(pull: number, result: ApprovalResult): string {
  const note = `Merge group of pull request #${pull}: its approvals count when they are for the fingerprint of the capability change its entry adds to the queue.`;
  const other = [...new Set(result.stale.map((a) => `\`${shortFingerprint(a.fingerprint)}\``))];
  if (result.satisfied || other.length === 0) return `${note}\n\n`;
  const beyond = `The approvals of #${pull} are for ${other.join(", ")}, not this entry's \`${shortFingerprint(result.fingerprint)}\`: the entry adds a capability change beyond the approved one (an entry ahead of it changed the same files, or the base branch moved).`;
  return `${note} ${beyond}\n\n`;
}

/** Approvable: failing only on findings an approval may clear. */
export function approvable(v: ApprovedVerdict): boolean {
  return v.conclusion === "failure" && v.blocking.length > 0 && !v.blocking.some((f) => FAIL_CLOSED_RULES.has(f.rule));
}

/** The report's approvals section and links to lines at the reviewed commit. */
export function reportOptions(api: GitHubApi, t: ReviewTarget, verdict: { approvalsMarkdown?: string }): ReportOptions {
  const web = api.webUrl(t.repo);
  return {
    ...(verdict.approvalsMarkdown ? { approvals: verdict.approvalsMarkdown } : {}),
    ...(web ? { lineUrl: blobLineUrl(web, t.headSha) } : {}),
  };
}

/** Write the check run; resolves with its id. */
export async function writeCheck(api: GitHubApi, t: ReviewTarget, verdict: ApprovedVerdict & { approvalsMarkdown?: string }, ev: Evaluation): Promise<number> {
  const out = checkRunOutput(verdict, reportOptions(api, t, verdict));
  const button = t.pullNumber !== undefined && ev.snapshot.pullAuthor !== undefined && approvable(verdict) ? [APPROVE_ACTION] : [];
  return postCheck(api, t.repo, t.headSha, out, button);
}
