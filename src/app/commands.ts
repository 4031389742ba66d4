// `/capability-review` commands in pull-request comments and the check run's Approve button.
// Accepted commands get a reaction; refused ones a short reply saying why. Approvals are recorded
// as the app's acknowledgement comments, so every replica rebuilds the same state from GitHub.
import type { Logger } from "pino";
import { bindApproval, bindingRefusal, reportFingerprint, type ApproverView } from "../core/approval-binding.js";
import { ackBody, mayApprove, parseAck, type PrComment } from "../core/approvals.js";
import { explainText, helpText, parseCommand, type Command } from "../core/commands.js";
import type { Evaluation, ReviewTarget } from "./evaluate.js";
import type { GitHubApi, Repo } from "./github.js";
import { withLock } from "./lock.js";
import { CHECK_NAME, STICKY_MARKER } from "./report.js";
import { approvable, lockKey, reviewLocked, runReview, type Rights } from "./review-run.js";

export interface Actor {
  login: string;
  id: number;
  type?: string;
}

export interface CommandEvent {
  repo: Repo;
  pullNumber: number;
  /** The command comment (`createdAt`: GitHub's time it was written); absent for the check run's button. */
  comment?: { id: number; body: string; createdAt?: string };
  /** The check run whose button was pressed. */
  checkRunId?: number;
  actor: Actor;
  log: Logger;
}

const refuse = async (api: GitHubApi, e: CommandEvent, why: string) => {
  e.log.info({ event: "command", outcome: "refused", user: e.actor.login, why }, "command refused");
  await api.createComment(e.repo, e.pullNumber, `@${e.actor.login} ${why}`);
};

/** Handle one comment that starts with `/capability-review`; anything else is ignored. */
export async function handleComment(api: GitHubApi, e: CommandEvent & { comment: { id: number; body: string } }): Promise<void> {
  const command = parseCommand(e.comment.body);
  if (!command) return;
  e.log.info({ event: "command", command: command.kind, user: e.actor.login, comment: e.comment.id }, "command received");
  switch (command.kind) {
    case "help":
    case "unknown":
      await api.react(e.repo, e.comment.id, "+1");
      await api.createComment(e.repo, e.pullNumber, helpText());
      return;
    case "explain":
      await api.react(e.repo, e.comment.id, "+1");
      await api.createComment(e.repo, e.pullNumber, explainText(command.rule));
      return;
    case "run": {
      const pr = await api.getPull(e.repo, e.pullNumber);
      await api.react(e.repo, e.comment.id, "rocket");
      await runReview(api, targetOf(e, pr), e.log);
      return;
    }
    case "approve":
    case "revoke":
      await decide(api, e, command);
  }
}

/** The check run's Approve button: the same rules as `/capability-review approve`. */
export async function handleApproveButton(api: GitHubApi, e: CommandEvent & { checkRunId: number }): Promise<void> {
  e.log.info({ event: "command", command: "approve", via: "check-run", user: e.actor.login }, "command received");
  await decide(api, e, { kind: "approve" });
}

function targetOf(e: CommandEvent, pr: { headSha: string; baseSha: string }): ReviewTarget {
  return { repo: e.repo, headSha: pr.headSha, baseSha: pr.baseSha, pullNumber: e.pullNumber };
}

/**
 * What the approver could have seen: the fingerprint they named, the check run the button is on,
 * or the app's sticky comment as GitHub stores it now (its last edit time decides whether it is
 * still the version the command was written under).
 */
async function viewOf(api: GitHubApi, e: CommandEvent, command: Extract<Command, { kind: "approve" }>, ev: Evaluation): Promise<ApproverView> {
  if (command.fingerprint) return { via: "named", fingerprint: command.fingerprint };
  if (!e.comment) {
    const run = e.checkRunId !== undefined ? await api.checkRun(e.repo, e.checkRunId) : undefined;
    return { via: "check-run", fingerprint: run?.name === CHECK_NAME ? reportFingerprint(run.summary) : undefined };
  }
  const writtenAt = ev.snapshot.comments.find((c) => c.id === e.comment!.id)?.createdAt ?? e.comment.createdAt ?? "";
  const sticky = ev.snapshot.comments.find((c) => c.viewerDidAuthor && c.body.startsWith(STICKY_MARKER));
  // A report someone else rewrote is no report of the app's: the approver may have read anything there.
  const now = sticky && !sticky.editedByOther ? await api.issueComment(e.repo, sticky.id) : undefined;
  return { via: "comment", writtenAt, ...(now ? { report: { fingerprint: reportFingerprint(now.body), updatedAt: now.updatedAt } } : {}) };
}

/** Refuses (and returns undefined) unless the actor may approve what they saw; else its fingerprint. */
async function approvalFingerprint(api: GitHubApi, e: CommandEvent, command: Extract<Command, { kind: "approve" }>, ev: Evaluation, rights: Rights, author: string): Promise<string | undefined> {
  if (!approvable(ev.verdict)) {
    const why = ev.verdict.conclusion === "failure" ? "this change has findings an approval cannot clear (files that cannot be read or parsed, or what the policy denies)." : "nothing in this pull request needs approval.";
    await refuse(api, e, why);
    return undefined;
  }
  const decision = mayApprove(await rights.candidate(e.actor.login, e.actor.id), ev.policy, { author, capabilityCommitAuthors: ev.snapshot.commitAuthors });
  if (!decision.ok) {
    await refuse(api, e, decision.why);
    return undefined;
  }
  const binding = bindApproval(ev.verdict.fingerprint, await viewOf(api, e, command, ev));
  if (!binding.ok) {
    e.log.info({ event: "approval", outcome: "unbound", user: e.actor.login, why: binding.why, fingerprint: ev.verdict.fingerprint }, "approval not bound to the current change");
    await refuse(api, e, bindingRefusal(binding, { fingerprint: ev.verdict.fingerprint, headSha: ev.snapshot.pullHead ?? "", blocking: ev.verdict.blocking }));
    return undefined;
  }
  return binding.fingerprint;
}

/**
 * A revoke also marks the revoker's standing approvals as revoked (the app edits its own
 * acknowledgements): deleting the revoke, which anyone with write access can do, brings nothing back.
 */
async function markRevoked(api: GitHubApi, e: CommandEvent, comments: readonly PrComment[]): Promise<void> {
  for (const c of comments) {
    if (!c.viewerDidAuthor || c.editedByOther) continue;
    const ack = parseAck(c.body);
    if (ack?.action === "approve" && ack.userId === e.actor.id && !ack.revoked) await api.updateComment(e.repo, c.id, ackBody({ ...ack, revoked: true }));
  }
}

async function decide(api: GitHubApi, e: CommandEvent, command: Extract<Command, { kind: "approve" | "revoke" }>): Promise<void> {
  const pr = await api.getPull(e.repo, e.pullNumber);
  if (!pr.open) return refuse(api, e, "this pull request is closed; there is nothing to approve.");
  const target = targetOf(e, pr);
  // Evaluate, decide and write the acknowledgement under the PR's lock, then report with it counted.
  await withLock(lockKey(target), () =>
    reviewLocked(api, target, e.log, async (ev: Evaluation, rights: Rights): Promise<PrComment[]> => {
      const fingerprint = command.kind === "approve" ? await approvalFingerprint(api, e, command, ev, rights, pr.author) : ev.verdict.fingerprint;
      if (fingerprint === undefined) return [];
      const reason = command.kind === "approve" ? command.reason : undefined;
      const body = ackBody({
        v: 1,
        action: command.kind,
        command: e.comment?.id ?? e.checkRunId!,
        ...(e.comment ? {} : { via: "check-run" as const }),
        user: e.actor.login,
        userId: e.actor.id,
        fingerprint,
        ...(reason ? { reason } : {}),
        at: new Date().toISOString(),
      });
      const ackId = await api.createComment(e.repo, e.pullNumber, body);
      if (command.kind === "revoke") await markRevoked(api, e, ev.snapshot.comments);
      if (e.comment) await api.react(e.repo, e.comment.id, "+1");
      e.log.info({ event: "approval", action: command.kind, user: e.actor.login, fingerprint, reason: reason ?? null, ack: ackId }, `${command.kind} accepted`);
      // Count it now: the acknowledgement and, for a comment, the command it names.
      const read = ev.snapshot.comments.find((x) => x.id === e.comment?.id);
      const written = read?.createdAt ?? e.comment?.createdAt ?? new Date().toISOString();
      const cmd: PrComment[] = e.comment && !read ? [{ id: e.comment.id, body: e.comment.body, authorLogin: e.actor.login, authorId: e.actor.id, viewerDidAuthor: false, createdAt: written }] : [];
      // GitHub's clock wrote the command; this server's may be behind it, and the acknowledgement must not look older.
      const ackAt = new Date(Math.max(Date.now(), Date.parse(written) || 0)).toISOString();
      return [...cmd, { id: ackId, body, authorLogin: "app", authorId: 0, viewerDidAuthor: true, createdAt: ackAt }];
    }),
  );
}
