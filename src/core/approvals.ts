// Approvals bound to the capability change. The server keeps no state: every evaluation rebuilds
// the approvals from the pull request's comments, where an approval is a user's
// `/capability-review approve` comment plus the app's acknowledgement naming that comment and the
// fingerprint it approved. Pure: the GitHub wiring supplies the comments and the user's access.
import { cleanText, parseCommand, REASON_LIMIT } from "./commands.js";
import type { PolicedFinding, Policy } from "./policy.js";
import type { Verdict } from "./review.js";
import { FAIL_CLOSED_RULES } from "./rules/registry.js";

/** What the app records when it accepts an `approve` or `revoke` command. */
export interface Ack {
  v: 1;
  action: "approve" | "revoke";
  /** Id of the command comment (or of the check run, for the check's Approve button). */
  command: number;
  /** `check-run`: approved with the check run's button; there is no command comment to match. */
  via?: "check-run";
  user: string;
  userId: number;
  /** The capability change's fingerprint when the command was accepted. */
  fingerprint: string;
  reason?: string;
  /** When the app accepted it (ISO time). */
  at: string;
  /**
   * An approval its approver revoked later: the app marks the approval itself, so deleting the
   * revoke (anyone with write access can delete comments) does not bring the approval back.
   */
  revoked?: true;
}

/** A pull-request comment, as the wiring reads it (GraphQL `viewerDidAuthor`: written by this app). */
export interface PrComment {
  id: number;
  body: string;
  authorLogin: string;
  authorId: number;
  viewerDidAuthor: boolean;
  createdAt: string;
  /**
   * Written by this app but last edited by someone else (GitHub lets anyone with write access edit
   * others' comments): its text is not the app's any more, so it acknowledges nothing.
   */
  editedByOther?: true;
}

export interface Approval {
  user: string;
  userId: number;
  fingerprint: string;
  reason?: string;
  /** When the approver wrote the command (the comment's creation time). */
  at: string;
  /** Ids of the command comment and of the app's acknowledgement. */
  command: number;
  ack: number;
}

export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export interface ApprovalResult {
  /** Approvals that count: current fingerprint, by someone who is not an author. */
  valid: Approval[];
  /** Approvals of an earlier capability change (another fingerprint). */
  stale: Approval[];
  /** Approvals that never count here: by the PR's author or a capability-commit author. */
  excluded: { approval: Approval; why: "pr-author" | "commit-author" }[];
  /** Current-fingerprint approvals whose approver may not approve any more (access read at this evaluation). */
  withoutRights: { approval: Approval; why: string }[];
  satisfied: boolean;
  /** Approvals required (at least 1) and the fingerprint they were evaluated against. */
  min: number;
  fingerprint: string;
}

/** A verdict after approvals: when they cleared it, `approved` keeps what they cleared. */
export interface ApprovedVerdict extends Verdict {
  approved?: { by: Approval[]; findings: PolicedFinding[] };
}

export const ACK_PREFIX = "<!-- capability-review:ack ";
const ACK_LINE = /^<!-- capability-review:ack (\{[^\n]*?\}) -->(?:\r?\n|$)/;
const FINGERPRINT = /^sha256:[0-9a-f]{64}$/;
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}(?:\[bot\])?$/;

export const shortFingerprint = (fp: string): string => (fp.length > 19 ? `${fp.slice(0, 19)}…` : fp);
const lower = (s: string) => s.toLowerCase();

/** JSON that cannot close the HTML comment it sits in, nor open another one. */
const safeJson = (x: unknown) => JSON.stringify(x).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/**
 * The acknowledgement comment: the hidden marker on the FIRST line (only a comment that starts with
 * it is an acknowledgement, so user text quoted elsewhere in the app's comments cannot pose as
 * one), then a visible sentence.
 */
export function ackBody(ack: Ack): string {
  const reason = ack.reason === undefined ? undefined : cleanText(ack.reason) || undefined;
  const data: Ack = {
    v: 1,
    action: ack.action,
    command: ack.command,
    ...(ack.via ? { via: ack.via } : {}),
    user: ack.user,
    userId: ack.userId,
    fingerprint: ack.fingerprint,
    ...(reason ? { reason } : {}),
    at: ack.at,
    ...(ack.revoked ? { revoked: true as const } : {}),
  };
  const visible =
    ack.action === "approve"
      ? `${ack.revoked ? "↩️ Revoked since: " : ""}✅ **${ack.user}** approved the capability change \`${shortFingerprint(ack.fingerprint)}\`${reason ? ` (reason: ${codeSpan(reason)})` : ""}. The approval holds while a push leaves the capability change as it is.`
      : `↩️ **${ack.user}** revoked their approval.`;
  return `${ACK_PREFIX}${safeJson(data)} -->\n${visible}\n`;
}

/** The acknowledgement a comment body starts with, if it is a well-formed one. */
export function parseAck(body: string): Ack | undefined {
  const m = ACK_LINE.exec(body);
  if (!m) return undefined;
  let x: unknown;
  try {
    x = JSON.parse(m[1]!);
  } catch {
    return undefined;
  }
  if (typeof x !== "object" || x === null || Array.isArray(x)) return undefined;
  const a = x as Record<string, unknown>;
  const known = new Set(["v", "action", "command", "via", "user", "userId", "fingerprint", "reason", "at", "revoked"]);
  if (Object.keys(a).some((k) => !known.has(k))) return undefined;
  const positive = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n > 0;
  if (a.v !== 1 || (a.action !== "approve" && a.action !== "revoke")) return undefined;
  if (!positive(a.command) || !positive(a.userId)) return undefined;
  if (typeof a.user !== "string" || !LOGIN.test(a.user)) return undefined;
  if (typeof a.fingerprint !== "string" || !FINGERPRINT.test(a.fingerprint)) return undefined;
  if (a.revoked !== undefined && a.revoked !== true) return undefined;
  if (typeof a.at !== "string" || Number.isNaN(Date.parse(a.at))) return undefined;
  if (a.reason !== undefined && (typeof a.reason !== "string" || a.reason.length > REASON_LIMIT * 2)) return undefined;
  if (a.via !== undefined && a.via !== "check-run") return undefined;
  return {
    v: 1,
    action: a.action,
    command: a.command,
    ...(a.via ? { via: a.via } : {}),
    user: a.user,
    userId: a.userId,
    fingerprint: a.fingerprint,
    ...(a.reason ? { reason: a.reason } : {}),
    at: a.at,
    ...(a.revoked ? { revoked: true as const } : {}),
  };
}

const time = (s: string) => {
  const t = Date.parse(s);
  return Number.isNaN(t) ? 0 : t;
};

/**
 * The approvals standing on a pull request, rebuilt from its comments. An acknowledgement counts
 * only when this app wrote it, the comment it names exists, is older than it, is by the same user
 * (by id) and still is the matching command. Commands are replayed in the order they were written:
 * a revoke cancels the user's earlier approvals and the latest approval per user wins.
 */
export function approvalsFrom(comments: readonly PrComment[]): Approval[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const events: { ack: Ack; ackId: number; cmd: PrComment }[] = [];
  const seen = new Set<number>();
  for (const c of comments) {
    if (!c.viewerDidAuthor || c.editedByOther) continue;
    const ack = parseAck(c.body);
    // A revoked approval stays revoked, whether or not the revoke itself is still there.
    if (!ack || ack.revoked) continue;
    if (ack.via === "check-run") {
      // The button click is only known through the app's own acknowledgement (unedited by anyone else).
      // Every press is its own event: several approvers may press the button of the same check run.
      events.push({ ack, ackId: c.id, cmd: { id: ack.command, body: "", authorLogin: ack.user, authorId: ack.userId, viewerDidAuthor: false, createdAt: ack.at } });
      continue;
    }
    if (seen.has(ack.command)) continue;
    const cmd = byId.get(ack.command);
    if (!cmd || cmd.viewerDidAuthor || cmd.authorId !== ack.userId) continue;
    if (time(cmd.createdAt) > time(c.createdAt)) continue;
    const command = parseCommand(cmd.body);
    if (command?.kind !== ack.action) continue;
    // A command naming a fingerprint approves that one only.
    if (command.kind === "approve" && command.fingerprint !== undefined && command.fingerprint !== ack.fingerprint) continue;
    seen.add(ack.command);
    events.push({ ack, ackId: c.id, cmd });
  }
  events.sort((a, b) => time(a.cmd.createdAt) - time(b.cmd.createdAt) || a.cmd.id - b.cmd.id);
  const standing = new Map<number, Approval>();
  for (const { ack, ackId, cmd } of events) {
    if (ack.action === "revoke") standing.delete(ack.userId);
    else {
      standing.set(ack.userId, {
        // The command's author as GitHub reports it now (a renamed user keeps their id).
        user: cmd.authorLogin,
        userId: ack.userId,
        fingerprint: ack.fingerprint,
        ...(ack.reason ? { reason: ack.reason } : {}),
        at: cmd.createdAt,
        command: cmd.id,
        ack: ackId,
      });
    }
  }
  return [...standing.values()].sort((a, b) => time(a.at) - time(b.at) || a.command - b.command);
}

/** The number of approvals the policy requires (at least 1). */
export function requiredApprovals(policy: Policy): number {
  return Math.max(1, policy.approvers?.min ?? 1);
}

/** Most approvers whose access one evaluation reads; later ones are not counted (fail closed). */
export const MAX_RIGHTS_CHECKS = 20;

/** May the approver still approve, as read at this evaluation (`why` for the report). */
export interface Right {
  ok: boolean;
  why: string;
}

type Authors = { author: string; capabilityCommitAuthors: readonly string[] };

function authorship(a: Approval, opts: Authors): "pr-author" | "commit-author" | undefined {
  const login = lower(a.user);
  if (login === lower(opts.author)) return "pr-author";
  return opts.capabilityCommitAuthors.some((c) => lower(c) === login) ? "commit-author" : undefined;
}

/**
 * The approvals whose approver's access must be read before they can count: those for the
 * verdict's fingerprint, not by an author of the change, at most MAX_RIGHTS_CHECKS of them.
 */
export function approversToCheck(verdict: Verdict, approvals: readonly Approval[], opts: Authors): Approval[] {
  return approvals.filter((a) => a.fingerprint === verdict.fingerprint && !authorship(a, opts)).slice(0, MAX_RIGHTS_CHECKS);
}

/**
 * Sort approvals into those that count for this verdict, stale ones and excluded ones. `rights`
 * (by user id) is each approver's access as read now: an approval counts only while its approver
 * may still approve, and one whose access was not read does not count.
 */
export function evaluateApprovals(
  verdict: Verdict,
  approvals: readonly Approval[],
  opts: Authors & { min: number; rights: ReadonlyMap<number, Right> },
): ApprovalResult {
  const min = Math.max(1, Math.floor(opts.min) || 1);
  const out: ApprovalResult = { valid: [], stale: [], excluded: [], withoutRights: [], satisfied: false, min, fingerprint: verdict.fingerprint };
  for (const a of approvals) {
    const why = authorship(a, opts);
    const right = opts.rights.get(a.userId);
    if (why) out.excluded.push({ approval: a, why });
    else if (a.fingerprint !== verdict.fingerprint) out.stale.push(a);
    else if (right?.ok) out.valid.push(a);
    else out.withoutRights.push({ approval: a, why: right?.why ?? "their access could not be checked" });
  }
  out.satisfied = out.valid.length >= min;
  return out;
}

/**
 * The verdict once approvals are counted. When enough valid approvals match the verdict's
 * fingerprint and every blocking finding is approvable, the check passes: the cleared findings
 * move from `blocking` to `approved.findings` (still listed in `findings`). Fail-closed findings
 * (`file.*`, `policy.denied`) are never cleared.
 */
export function applyApprovals(verdict: Verdict, result: ApprovalResult): ApprovedVerdict {
  const valid = result.valid.filter((a) => a.fingerprint === verdict.fingerprint);
  if (result.fingerprint !== verdict.fingerprint || valid.length < Math.max(1, result.min)) return verdict;
  if (verdict.conclusion === "success" || verdict.blocking.length === 0) return verdict;
  if (verdict.blocking.some((f) => FAIL_CLOSED_RULES.has(f.rule))) return verdict;
  return { ...verdict, conclusion: "success", blocking: [], approved: { by: valid, findings: verdict.blocking } };
}

export interface ApproverCandidate {
  login: string;
  permission: Permission;
  /** `org/team` slugs of the teams the user belongs to. */
  teams: readonly string[];
}

const team = (slug: string) => lower(slug.trim().replace(/^@/, ""));

/**
 * May this user approve? The policy's `approvers.users` / `approvers.teams` when it names any,
 * else admin or maintain permission on the repository. Bots never approve; with `authors`, the
 * pull request's author and capability-commit authors are refused too (their approval would not
 * count). `why` is a sentence for the refusal reply.
 */
export function mayApprove(
  user: ApproverCandidate,
  policy: Policy,
  authors?: { author: string; capabilityCommitAuthors: readonly string[] },
): { ok: boolean; why: string } {
  const login = lower(user.login);
  if (login.endsWith("[bot]")) return { ok: false, why: "Bots cannot approve capability changes." };
  if (authors && lower(authors.author) === login) {
    return { ok: false, why: "The author of a pull request cannot approve its capability change; another approver has to." };
  }
  if (authors?.capabilityCommitAuthors.some((a) => lower(a) === login)) {
    return { ok: false, why: "You authored a commit in this pull request that changes a capability file, so your approval would not count." };
  }
  const users = policy.approvers?.users ?? [];
  const teams = policy.approvers?.teams ?? [];
  if (users.length || teams.length) {
    if (user.permission === "none") return { ok: false, why: "You have no access to this repository, so you cannot approve." };
    if (users.some((u) => lower(u.trim().replace(/^@/, "")) === login)) return { ok: true, why: "listed in the policy's `approvers.users`" };
    const mine = new Set(user.teams.map(team));
    const match = teams.find((t) => mine.has(team(t)));
    if (match) return { ok: true, why: `member of \`${match}\`, listed in the policy's \`approvers.teams\`` };
    // Code spans, not mentions: a refusal must not ping the approvers.
    const who = [...users, ...teams].map((x) => codeSpan(x.trim().replace(/^@/, ""))).join(", ");
    return { ok: false, why: `Only the approvers named in the policy (${who}) may approve capability changes in this repository.` };
  }
  if (user.permission === "admin" || user.permission === "maintain") return { ok: true, why: `${user.permission} permission on the repository` };
  return {
    ok: false,
    why: `Approving a capability change needs admin or maintain permission on this repository (you have ${user.permission === "none" ? "no access" : user.permission}); the policy names no \`approvers\`.`,
  };
}

/** Inline code that shows `text` literally (no mentions, links or HTML). */
export function codeSpan(text: string): string {
  return "`" + text.replace(/`/g, "'") + "`";
}
