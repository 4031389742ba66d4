// The approvals section of the check summary and the sticky comment: who approved, when, why, for
// which fingerprint, how many more are needed, and which earlier approvals a push made stale.
import { shortFingerprint, type Approval, type ApprovalResult, type ApprovedVerdict } from "../approvals.js";
import { COMMAND } from "../commands.js";
import type { Verdict } from "../review.js";
import { FAIL_CLOSED_RULES } from "../rules/registry.js";
import { codeSpan } from "./inert.js";

/** `2026-11-24 14:03 UTC`, or the text as given when it is not a time. */
export function when(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

// Logins are plain text in bold, not @mentions: editing the sticky comment must not notify anyone.
function approvalLine(a: Approval): string {
  const reason = a.reason ? `: ${codeSpan(a.reason)}` : " (no reason given)";
  return `- **${a.user}** on ${when(a.at)} for \`${shortFingerprint(a.fingerprint)}\`${reason}`;
}

/**
 * Markdown for the approvals: empty when there is nothing to approve and no approval was given.
 * `verdict` may be the one returned by applyApprovals (then it says the approvals cleared it).
 */
export function renderApprovals(verdict: Verdict | ApprovedVerdict, result: ApprovalResult): string {
  const approved = "approved" in verdict ? verdict.approved : undefined;
  const pending = verdict.blocking;
  const anything = result.valid.length || result.stale.length || result.excluded.length;
  // Nothing given yet: what is needed and how to approve are said once, in the report's next steps.
  if (!approved && !anything) return "";
  const fp = `\`${shortFingerprint(result.fingerprint)}\``;
  const out: string[] = ["### Approvals", ""];

  const closed = pending.filter((f) => FAIL_CLOSED_RULES.has(f.rule));
  if (approved) {
    out.push(`✅ Approved for ${fp} by ${plural(approved.by.length, "approver")} (${result.min} required); ${plural(approved.findings.length, "finding")} no longer block the merge.`);
  } else if (closed.length) {
    const rules = [...new Set(closed.map((f) => `\`${f.rule}\``))].join(", ");
    out.push(`⛔ Approvals cannot clear this check: ${rules} always fail${result.valid.length ? " (approvals are kept for when that is fixed, if the capability change stays the same)" : ""}.`);
  } else if (pending.length) {
    const more = Math.max(0, result.min - result.valid.length);
    out.push(
      result.valid.length
        ? `⏳ ${result.valid.length} of ${result.min} approvals for ${fp}: ${plural(more, "more approval")} needed.`
        : `⏳ Needs ${plural(result.min, "approval")} for ${fp}: none yet.`,
    );
  } else if (result.valid.length) {
    out.push(`Nothing needs approval now; ${plural(result.valid.length, "approval")} for ${fp} on record.`);
  }

  const valid = approved?.by ?? result.valid;
  if (valid.length) out.push("", ...valid.map(approvalLine));

  if (result.stale.length) {
    const old = [...new Set(result.stale.map((a) => `\`${shortFingerprint(a.fingerprint)}\``))].join(", ");
    out.push("", `⚠️ A later push changed the capability change; approvals for ${old} no longer apply:`, "", ...result.stale.map(approvalLine));
  }
  if (result.excluded.length) {
    const who = result.excluded.map(({ approval, why }) => `**${approval.user}** (${why === "pr-author" ? "author of this pull request" : "author of a commit that changes a capability file"})`);
    out.push("", `Not counted: ${who.join(", ")}. Authors of the change cannot approve it.`);
  }
  if (valid.length && !closed.length) out.push("", `An approver can withdraw theirs with \`${COMMAND} revoke\`.`);
  return out.join("\n") + "\n";
}
