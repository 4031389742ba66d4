// What the GitHub App writes, as pure data: the check run's title, summary and annotations, the
// sticky pull-request comment and the inline review. Everything fits GitHub's limits (summary and
// bodies 65,535 characters, titles 255, annotation texts 64 KiB, 50 annotations per request), so
// a pull request with thousands of findings still gets a complete check. Every text returned here
// has passed `outbound` (credentials redacted) and quotes files only in code spans. No I/O here.
import { FAIL_CLOSED_RULES } from "../core/rules/registry.js";
import type { ApprovedVerdict } from "../core/approvals.js";
import type { Severity } from "../core/model.js";
import { SEVERITIES, SEVERITY_RANK } from "../core/model.js";
import type { Policy, PolicedFinding } from "../core/policy.js";
import type { Verdict } from "../core/review.js";
import { ruleById } from "../core/rules/registry.js";
import { findingsByFile, fingerprintLine, verdictTitle, type LineUrl } from "../core/render/markdown.js";
import { outbound, outboundJson } from "../core/render/outbound.js";
import { byImportance, clip, clipBytes, fitReview, GITHUB_BODY_LIMIT, mdLink, omissionLine } from "./report-fit.js";
import { plainText } from "../core/render/plain.js";
import { codeSpan } from "../core/render/inert.js";

export { GITHUB_BODY_LIMIT } from "./report-fit.js";
export { addedLines, findingId, findingIdsIn, inlineComments, MAX_INLINE_COMMENTS, type InlineComment } from "./report-inline.js";

/** The check run's name; branch protection requires it, pinned to this app. */
export const CHECK_NAME = "Capability Review";
/** First line of the one comment per pull request that is updated in place. */
export const STICKY_MARKER = "<!-- capability-review:sticky -->";
/** Hidden in the review that holds the inline comments. */
export const REVIEW_MARKER = "<!-- capability-review:review -->";
/** GitHub's limits for a check run's title and an annotation's title (characters). */
export const TITLE_LIMIT = 255;
/** GitHub's limit for an annotation's message and raw details ("64 KB"; measured in UTF-8 bytes). */
export const ANNOTATION_TEXT_LIMIT = 64 * 1024;
/** Annotations GitHub accepts per create / update request. */
export const ANNOTATIONS_PER_REQUEST = 50;

export type Conclusion = "success" | "failure" | "neutral";

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
  raw_details?: string;
}

export interface CheckOutput {
  conclusion: Conclusion;
  title: string;
  summary: string;
  /** The complete list of findings, when the summary had to leave some out. */
  text?: string;
  annotations: CheckAnnotation[];
}

const NO_FILES_TITLE = "No agent capability files changed";
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `1 critical, 3 high`: counts by severity, most severe first. */
export function severityCounts(counts: Record<Severity, number>): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(", ");
}

export function checkTitle(v: Verdict): string {
  return clip(outbound(verdictTitle(v)), TITLE_LIMIT);
}

/** A body as written: through `outbound`, then within GitHub's limit (a redaction can lengthen it). */
const written = (text: string): string => clip(outbound(text), GITHUB_BODY_LIMIT);

const ALL_IN_CHECK = "the complete list follows below the summary, by file, and `capability-review diff … --format json` lists all of them";
const ALL_IN_TEXT = "the annotations list every finding except reductions, and `capability-review diff … --format json` lists all of them";
const ALL_IN_COMMENT = "the check run lists all of them, and `capability-review diff … --format json` too";

export interface ReportOptions {
  /** The approvals section (render/approvals.ts). */
  approvals?: string;
  /** Replaces the app's "to approve" paragraph (the Action takes no approvals). */
  next?: string;
  /** Links each location to its line at the reviewed commit. */
  lineUrl?: LineUrl;
}

/** The completed check run for a review: conclusion, title, Markdown summary and annotations. */
export function checkRunOutput(v: Verdict, opts: ReportOptions & { detailsUrl?: string } = {}): CheckOutput {
  if (v.files.length === 0 && v.findings.length === 0) return noCapabilityOutput((v as { coverage?: string }).coverage);
  // `policySource` (set by app/evaluate.ts): which policy judged the change.
  const after = [opts.approvals ?? "", opts.next ?? nextSteps(v), opts.detailsUrl ? `Details: ${mdLink(opts.detailsUrl, opts.detailsUrl)}` : "", (v as { policySource?: string }).policySource ?? "", (v as { coverage?: string }).coverage ?? "", fingerprintLine(v)].filter(Boolean).join("\n\n");
  const fitted = fitReview(v, { after, whereAll: ALL_IN_CHECK, ...(opts.lineUrl ? { lineUrl: opts.lineUrl } : {}) });
  const text = fitted.omitted > 0 ? { text: written(fullList(v, opts.lineUrl)) } : {};
  return { conclusion: v.conclusion, title: checkTitle(v), summary: written(fitted.text), ...text, annotations: checkAnnotations(v) };
}

/**
 * Every finding by file, each file collapsed: the check's `text` when the summary could not hold
 * them all. As many as fit GitHub's limit, most important first, then where the rest are.
 */
export function fullList(v: Verdict, lineUrl?: LineUrl, limit = GITHUB_BODY_LIMIT): string {
  const total = v.findings.length;
  const head = `## All ${plural(total, "finding")}, by file\n`;
  const o = { collapsed: true, ...(lineUrl ? { lineUrl } : {}) };
  const ranked = byImportance(v.findings, new Set(v.blocking));
  let n = total;
  for (;;) {
    const { text } = findingsByFile(v, ranked.slice(0, n), o);
    const tail = n < total ? `\n\n${omissionLine(total - n, total, ALL_IN_TEXT, n > 0)}` : "";
    const out = `${head}${text}${tail}\n`;
    if (out.length <= limit || n === 0) return out;
    // Keep the share that fits (less 2 %, for the tail and uneven lines), so a few passes do.
    n = Math.min(n - 1, Math.floor((n * limit * 0.98) / out.length));
  }
}

function annotationLevel(f: PolicedFinding, blocking: ReadonlySet<PolicedFinding>, approved: ReadonlySet<PolicedFinding>): CheckAnnotation["annotation_level"] {
  if (blocking.has(f)) return "failure";
  if (approved.has(f)) return "notice";
  return SEVERITY_RANK[f.severity] >= SEVERITY_RANK.medium ? "warning" : "notice";
}

/**
 * One annotation per finding except reductions, blocking and most severe first: the rule's title
 * as the title; severity, rule id, what it needs and the finding in the message. A finding an
 * approval cleared is a notice naming who approved. GitHub shows annotation texts as plain text (no
 * Markdown): code spans become quoted text, then everything passes `outbound`.
 */
export function checkAnnotations(v: Verdict): CheckAnnotation[] {
  const blocking = new Set(v.blocking);
  const approval = (v as ApprovedVerdict).approved;
  const approved = new Set(approval?.findings ?? []);
  const approvers = approval?.by.map((a) => a.user).join(", ") ?? "";
  const all = byImportance(
    v.findings.filter((f) => f.direction !== "reduction"),
    blocking,
  ).map((f) => {
    const rule = ruleById(f.rule);
    const line = Math.max(1, f.line);
    const status = blocking.has(f) ? " · needs approval" : approved.has(f) ? ` · approved by ${approvers}` : f.allowedBy ? ` · allowed by policy (${f.allowedBy}${f.allowReason ? `, reason: ${f.allowReason}` : ""})` : "";
    return {
      path: f.path,
      start_line: line,
      end_line: line,
      annotation_level: annotationLevel(f, blocking, approved),
      title: clip(rule?.title ?? f.rule, TITLE_LIMIT),
      message: clipBytes(`${f.severity} · ${f.rule}${status}\n${plainText(f.message)}`, ANNOTATION_TEXT_LIMIT),
      ...(rule ? { raw_details: clipBytes(plainText(rule.explanation), ANNOTATION_TEXT_LIMIT) } : {}),
    };
  });
  // Redacted before the byte limits are checked again: a redaction can lengthen a text.
  return outboundJson(all).map((a) => ({ ...a, title: clip(a.title, TITLE_LIMIT), message: clipBytes(a.message, ANNOTATION_TEXT_LIMIT) }));
}

/** Split annotations into requests GitHub accepts (50 each). */
export function annotationPages(a: CheckAnnotation[], size = ANNOTATIONS_PER_REQUEST): CheckAnnotation[][] {
  const step = Math.max(1, Math.floor(size));
  const pages: CheckAnnotation[][] = [];
  for (let i = 0; i < a.length; i += step) pages.push(a.slice(i, i + step));
  return pages;
}

/** The check for a pull request that touches no capability file: it still reports, so it can be required. */
/** `coverage`: what was checked less thoroughly than usual (see app/evaluate.ts), shown below. */
export function noCapabilityOutput(coverage?: string): CheckOutput {
  return {
    conclusion: "success",
    title: NO_FILES_TITLE,
    summary: written(
      "## Capability Review: ✅ no agent capability files changed\n\n" +
        "This pull request changes none of the files that give coding agents their powers (MCP server configs, agent settings, plugins, marketplaces, hooks, instructions, skills, agent workflows), so there is nothing to review.\n" +
        (coverage ? `\n${coverage}\n` : ""),
    ),
    annotations: [],
  };
}

/**
 * Remove anything that looks like a credential from text meant for a check, a comment or a log:
 * `outbound`, under the name the logger and the Action know it by.
 */
export const redactSecrets = outbound;

const REASON_LIMIT = 4000;

/** A fenced block that shows `text` literally, whatever backticks it holds. */
function fenced(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

const APP_RETRY =
  "**To try again:** re-run this check from the pull request's Checks tab (Re-run), or comment `/capability-review` on the pull request. If it keeps failing, fix the cause above (for example an invalid `.github/capability-review.yml` on the base branch) or ask the app's administrator to look at its logs.";

/** The check when the review could not run: it fails closed, with the (redacted) reason. `retry` replaces the app's "to try again" paragraph. */
export function errorOutput(reason: string, retry = APP_RETRY): CheckOutput {
  const why = clip(redactSecrets(reason).trim() || "unknown error", REASON_LIMIT);
  const summary = [
    "## Capability Review: ❌ the review could not complete",
    "The review stopped with this error:",
    fenced(why),
    "**This check fails closed:** a review that did not run is never reported as a success, so the pull request stays blocked until a review completes.",
    retry,
  ].join("\n\n");
  return { conclusion: "failure", title: "Capability review failed", summary: written(summary + "\n"), annotations: [] };
}

/** Who may approve under the policy, in one clause (logins in bold: no mention). */
export function whoMayApprove(policy: Policy): string {
  const a = policy.approvers;
  const named = [...(a?.users ?? []).map((u) => `**${u}**`), ...(a?.teams ?? []).map((t) => `team ${codeSpan(t)}`)];
  const who = named.length ? named.join(", ") : "anyone with admin or maintain permission on the repository";
  const min = Math.max(1, a?.min ?? 1);
  return `${min === 1 ? "one approval" : `${min} approvals`} from ${who}; the pull request's author and authors of commits that change capability files do not count`;
}

/** What to do next, said once: the copy-paste approval command where an approval can clear the check. */
export function nextSteps(v: Verdict): string {
  if ((v as ApprovedVerdict).approved) return "";
  if (v.conclusion === "failure") {
    if (v.blocking.some((f) => FAIL_CLOSED_RULES.has(f.rule))) {
      return "**Next:** fix the files that cannot be read or parsed, or remove what the policy denies; approvals cannot clear these findings.";
    }
    return [
      "**To approve** an intended change, comment:",
      "```text\n/capability-review approve <reason>\n```",
      `or press **Approve** on the check run. It needs ${whoMayApprove(v.policy)}. The approval holds while the capability change stays the same; otherwise push a fix.`,
    ].join("\n\n");
  }
  if (v.conclusion === "neutral") return "**Next:** the policy is in warn mode, so nothing blocks the merge; review the findings above before merging.";
  return "";
}

/** The one pull-request comment, updated in place; starts with STICKY_MARKER. `next` replaces the app's next steps. */
export function stickyComment(v: Verdict, opts: ReportOptions & { checkUrl?: string } = {}): string {
  const after = [opts.approvals ?? "", opts.next ?? nextSteps(v), opts.checkUrl ? `Full report: ${mdLink("the check run", opts.checkUrl)}.` : "", fingerprintLine(v)].filter(Boolean).join("\n\n");
  return written(fitReview(v, { before: STICKY_MARKER, after, whereAll: ALL_IN_COMMENT, ...(opts.lineUrl ? { lineUrl: opts.lineUrl } : {}) }).text);
}

const FINGERPRINT = /sha256:[0-9a-f]{64}/;

/** The sticky comment once the pull request no longer changes agent capabilities. */
export function resolvedComment(prev?: string): string {
  const was = prev ? FINGERPRINT.exec(prev)?.[0] : undefined;
  const lines = [
    STICKY_MARKER,
    "## Capability Review: ✅ resolved",
    "Resolved: this PR no longer changes agent capabilities. Nothing needs approval.",
  ];
  if (was) lines.push(`<sub>Previously reviewed fingerprint: \`${was}\`</sub>`);
  return lines.join("\n\n") + "\n";
}

/** The body of the single review that holds the inline comments. */
export function reviewBody(n: number, checkUrl?: string): string {
  const comments = plural(n, "inline comment");
  const report = checkUrl ? ` The ${mdLink("check run", checkUrl)} has the full report.` : " The Capability Review check has the full report.";
  return outbound(`${REVIEW_MARKER}\n**Capability Review:** ${comments} on added lines that give coding agents high-risk capabilities.${report}`);
}
