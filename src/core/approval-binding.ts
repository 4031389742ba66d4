// Binding an approval to what the approver could see: the fingerprint of the app's report as it
// stood when the command was written, the fingerprint named in the command, or the check run the
// Approve button is on; and the reply when that is not the current change. Pure.
import { codeSpan, shortFingerprint } from "./approvals.js";
import { cleanText } from "./commands.js";
import type { PolicedFinding } from "./policy.js";

/** The line a report ends with when findings were left out to fit (src/app/report-fit.ts). */
const OMISSION_LINE = /^✂️ \*\*\d+ of \d+ findings? left out\*\* to fit GitHub's /;

/**
 * The fingerprint a report (the sticky comment or a check run's summary) was written for: its LAST
 * line is the app's fingerprint line (or the one before the app's "left out to fit" line). Text
 * from files sits above it, so a quoted fingerprint line cannot pose as the report's; a report cut
 * short or a resolved comment has none.
 */
export function reportFingerprint(text: string): string | undefined {
  const lines = text.trimEnd().split("\n");
  if (OMISSION_LINE.test(lines.at(-1) ?? "")) {
    lines.pop();
    while (lines.at(-1) === "") lines.pop();
  }
  // `<sub>Fingerprint: …` today; the bare form is how earlier versions wrote it.
  return /^(?:<sub>)?Fingerprint: `(sha256:[0-9a-f]{64})`/.exec(lines.at(-1) ?? "")?.[1];
}

/** What the approver could have seen when approving. */
export type ApproverView =
  /** `approve sha256:…`: the fingerprint the approver names. */
  | { via: "named"; fingerprint: string }
  /** The check run's Approve button: the fingerprint of the run the button is on. */
  | { via: "check-run"; fingerprint: string | undefined }
  /** A command comment written at `writtenAt`; `report` is the sticky comment as it stands now. */
  | { via: "comment"; writtenAt: string; report?: { fingerprint: string | undefined; updatedAt: string } };

export type Binding =
  | { ok: true; fingerprint: string }
  /** The approver saw (or named) `seen`, not the current change. */
  | { ok: false; why: "changed"; via: ApproverView["via"]; seen: string }
  /** The report was edited at or after the command's time: what the approver saw is not known. */
  | { ok: false; why: "report-edited"; via: "comment"; at: string }
  /** Nothing showing a fingerprint was there to read. */
  | { ok: false; why: "no-report"; via: ApproverView["via"] };

/**
 * Bind an approval to the review the approver could have read: a push between their reading and
 * the app's handling of the command must not move the approval onto a change they never saw. A
 * command binds to the app's report as it stood before the command was written (GitHub's times,
 * both; equal times are not an order); a report edited since leaves the view unknown and is refused.
 */
export function bindApproval(current: string, view: ApproverView): Binding {
  let seen: string | undefined;
  if (view.via === "comment") {
    const written = Date.parse(view.writtenAt);
    const updated = Date.parse(view.report?.updatedAt ?? "");
    if (!view.report || Number.isNaN(written) || Number.isNaN(updated)) return { ok: false, why: "no-report", via: view.via };
    if (updated >= written) return { ok: false, why: "report-edited", via: view.via, at: view.report.updatedAt };
    seen = view.report.fingerprint;
  } else seen = view.fingerprint;
  if (seen === undefined) return { ok: false, why: "no-report", via: view.via };
  return seen === current ? { ok: true, fingerprint: current } : { ok: false, why: "changed", via: view.via, seen };
}

const FINDINGS_SHOWN = 5;

/** The reply to a refused binding: what the approver saw, what the change is now, how to approve it. */
export function bindingRefusal(b: Exclude<Binding, { ok: true }>, now: { fingerprint: string; headSha: string; blocking: readonly PolicedFinding[] }): string {
  const is = `\`${shortFingerprint(now.fingerprint)}\` at commit \`${now.headSha.slice(0, 7)}\``;
  const opening =
    b.why === "changed"
      ? b.via === "named"
        ? `the fingerprint you named (\`${shortFingerprint(b.seen)}\`) is not the current capability change, which is ${is}.`
        : `${b.via === "check-run" ? "that check run showed" : "the app's report showed"} the capability change \`${shortFingerprint(b.seen)}\` when you approved; it is now ${is}.`
      : b.why === "report-edited"
        ? `the app's report changed after you wrote your command (at ${new Date(Date.parse(b.at)).toISOString().slice(0, 16).replace("T", " ")} UTC), so it cannot tell which capability change you saw. It is now ${is}.`
        : `no report of the capability change could be read from before your approval, so there was nothing you could have approved. It is now ${is}.`;
  const shown = now.blocking.slice(0, FINDINGS_SHOWN).map((f) => `${codeSpan(f.rule)} at ${codeSpan(`${cleanText(f.path, 200)}:${f.line}`)}`);
  const more = now.blocking.length > FINDINGS_SHOWN ? ` and ${now.blocking.length - FINDINGS_SHOWN} more` : "";
  const needs = shown.length ? ` Needing approval now: ${shown.join(", ")}${more}.` : "";
  return `${opening}${needs} Nothing was approved. Review the current report; to approve this change, comment \`/capability-review approve ${now.fingerprint} [reason]\`.`;
}
