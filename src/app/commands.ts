// `/capability-review` commands in pull-request comments and the check run's Approve button.
// Accepted commands get a reaction; refused ones a short reply saying why. Approvals are recorded
// as the app's acknowledgement comments, so every replica rebuilds the same state from GitHub.
import type { Logger } from "pino";
import { ackBody, mayApprove, type PrComment } from "../core/approvals.js";
import { explainText, helpText, parseCommand, type Command } from "../core/commands.js";
import type { Policy } from "../core/policy.js";
import type { Evaluation, ReviewTarget } from "./evaluate.js";
import type { GitHubApi, Repo } from "./github.js";
import { withLock } from "./lock.js";
import { approvable, lockKey, reviewLocked, runReview } from "./review-run.js";

export interface Actor {
  login: string;
  id: number;
  type?: string;
}

export interface CommandEvent {
  repo: Repo;
  pullNumber: number;
  /** The command comment; absent for the check run's button. */
  comment?: { id: number; body: string };
  /** The check run whose button was pressed, and the commit it reviewed. */
  checkRunId?: number;
  checkRunHeadSha?: string;
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
export async function handleApproveButton(api: GitHubApi, e: CommandEvent & { checkRunId: number; checkRunHeadSha: string }): Promise<void> {
  e.log.info({ event: "command", command: "approve", via: "check-run", user: e.actor.login }, "command received");
  await decide(api, e, { kind: "approve" });
}

function targetOf(e: CommandEvent, pr: { headSha: string; baseSha: string }): ReviewTarget {
  return { repo: e.repo, headSha: pr.headSha, baseSha: pr.baseSha, pullNumber: e.pullNumber };
}

/** Teams of the policy's `approvers.teams` the user belongs to (one read per listed team). */
async function teamsOf(api: GitHubApi, policy: Policy, login: string): Promise<string[]> {
  const out: string[] = [];
  for (const team of policy.approvers?.teams ?? []) if (await api.inTeam(team, login)) out.push(team);
  return out;
}

async function decide(api: GitHubApi, e: CommandEvent, command: Extract<Command, { kind: "approve" | "revoke" }>): Promise<void> {
  const pr = await api.getPull(e.repo, e.pullNumber);
  if (!pr.open) return refuse(api, e, "this pull request is closed; there is nothing to approve.");
  // A button on an earlier commit's check run must not approve a change its presser has not seen.
  if (e.checkRunHeadSha !== undefined && e.checkRunHeadSha !== pr.headSha) {
    return refuse(api, e, "that check run is for an earlier commit of this pull request; approve on the latest check run, or comment `/capability-review approve`.");
  }
  const target = targetOf(e, pr);
  // Evaluate, decide and write the acknowledgement under the PR's lock, then report with it counted.
  await withLock(lockKey(target), () =>
    reviewLocked(api, target, e.log, async (ev: Evaluation): Promise<PrComment[]> => {
      if (command.kind === "approve") {
        if (!approvable(ev.verdict)) {
          const why = ev.verdict.conclusion === "failure" ? "this change has findings an approval cannot clear (files that cannot be read or parsed, or what the policy denies)." : "nothing in this pull request needs approval.";
          await refuse(api, e, why);
          return [];
        }
        const decision = mayApprove(
          { login: e.actor.login, permission: await api.permission(e.repo, e.actor.login), teams: await teamsOf(api, ev.policy, e.actor.login) },
          ev.policy,
          { author: pr.author, capabilityCommitAuthors: ev.snapshot.commitAuthors },
        );
        if (!decision.ok) {
          await refuse(api, e, decision.why);
          return [];
        }
      }
      const reason = command.kind === "approve" ? command.reason : undefined;
      const body = ackBody({
        v: 1,
        action: command.kind,
        command: e.comment?.id ?? e.checkRunId!,
        ...(e.comment ? {} : { via: "check-run" as const }),
        user: e.actor.login,
        userId: e.actor.id,
        fingerprint: ev.verdict.fingerprint,
        ...(reason ? { reason } : {}),
        at: new Date().toISOString(),
      });
      const ackId = await api.createComment(e.repo, e.pullNumber, body);
      if (e.comment) await api.react(e.repo, e.comment.id, "+1");
      e.log.info({ event: "approval", action: command.kind, user: e.actor.login, fingerprint: ev.verdict.fingerprint, reason: reason ?? null, ack: ackId }, `${command.kind} accepted`);
      // Count it now: the acknowledgement and, for a comment, the command it names.
      const now = new Date().toISOString();
      const cmd: PrComment[] = e.comment ? [{ id: e.comment.id, body: e.comment.body, authorLogin: e.actor.login, authorId: e.actor.id, viewerDidAuthor: false, createdAt: now }] : [];
      return [...cmd.filter((c) => !ev.snapshot.comments.some((x) => x.id === c.id)), { id: ackId, body, authorLogin: "app", authorId: 0, viewerDidAuthor: true, createdAt: now }];
    }),
  );
}
