// Markdown reports: readable in a terminal and rendered on GitHub (check summary, PR comment).
// Text from files is inert (code spans, see inert.ts) and the finished report passes `outbound`.
import type { Severity } from "../model.js";
import { SEVERITIES } from "../model.js";
import type { PolicedFinding } from "../policy.js";
import type { ApprovedVerdict } from "../approvals.js";
import type { Verdict } from "../review.js";
import { FAIL_CLOSED_RULES } from "../rules/registry.js";
import { code } from "../rules/types.js";
import { inertMarkdown } from "./inert.js";
import { outbound } from "./outbound.js";
import { byImportance, capabilityRows, gainSentence, ICON, titleInSentence } from "./rows.js";

export { ICON };

export function countsLine(counts: Record<Severity, number>): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(", ") : "no findings";
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The verdict in a few words, with the counts: the check run's title and the report's heading
 * say the same thing. Plain text (logins as written), no Markdown.
 */
export function verdictTitle(v: Verdict | ApprovedVerdict): string {
  if (v.files.length === 0 && v.findings.length === 0) return "No agent capability files changed";
  const notAnalysed = v.files.filter((f) => f.kind === "not-analysed").length;
  const note = notAnalysed ? `; ${plural(notAnalysed, "file")} not analysed` : "";
  const counts = countsLine(v.counts);
  const approved = (v as ApprovedVerdict).approved;
  const allowed = v.findings.filter((f) => f.allowedBy && f.direction !== "reduction").length;
  let title: string;
  if (v.findings.length === 0) title = "No capability change";
  else if (approved) title = `Approved by ${approved.by.map((a) => a.user).join(", ")}: ${counts}`;
  else if (v.blocking.some((f) => f.rule === "policy.denied")) title = `Denied by policy: ${counts}`;
  else if (v.conclusion === "failure") title = `Needs approval: ${counts}`;
  else if (v.conclusion === "neutral") title = `Needs approval (warn mode, not blocking): ${counts}`;
  else title = `No approval needed${allowed ? ` (${allowed} allowed by policy)` : ""}: ${counts}`;
  return title + note;
}

const MARK = { success: "✅", neutral: "⚠️", failure: "❌" } as const;

/** The report's heading: the verdict title, with logins in bold. */
export function headline(v: Verdict | ApprovedVerdict): string {
  const approved = (v as ApprovedVerdict).approved;
  const title = approved ? verdictTitle(v).replace(/^Approved by [^:]*/, `Approved by ${approved.by.map((a) => `**${a.user}**`).join(", ")}`) : verdictTitle(v);
  return `${MARK[v.conclusion]} ${title}`;
}

/** How the report links a line of a file at the reviewed commit; none in the CLI. */
export type LineUrl = (path: string, line: number) => string;

/** `https://github.com/o/r/blob/<sha>/<path>#L<line>` for `repoUrl` (the repository's web address, GHES too). */
export function blobLineUrl(repoUrl: string, sha: string): LineUrl {
  let base = repoUrl;
  while (base.endsWith("/")) base = base.slice(0, -1);
  const segment = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return (path, line) => `${base}/blob/${sha}/${path.split("/").map(segment).join("/")}${line > 0 ? `#L${line}` : ""}`;
}

/** A link whose text is a code span; the URL percent-encodes what could end it. */
function linked(text: string, url: string | undefined): string {
  if (!url) return text;
  return `[${text}](${url.replace(/[()\s<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)})`;
}

function findingLine(f: PolicedFinding, url?: LineUrl): string {
  const allowed = f.allowedBy ? ` _(allowed by policy: ${code(f.allowedBy)}${f.allowReason ? `, reason ${code(f.allowReason)}` : ""})_` : "";
  // File problems carry `path:line: ` for plain-text output; under the file's heading it says it twice.
  const where = `${f.path}:${f.line}: `;
  const message = f.message.startsWith(where) ? f.message.slice(where.length) : f.message;
  const at = linked(`line ${f.line}`, url?.(f.path, f.line));
  return `- ${ICON[f.severity]} **${f.severity}** \`${f.rule}\` ${at}: ${inertMarkdown(message)}${allowed}`;
}

/**
 * `items` grouped by `keyOf`, groups in order of first appearance and items in order: one pass that
 * pushes (copying a group per item, or filtering all items per group, was quadratic in a large file
 * or a repository-wide scan).
 */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const group = out.get(k);
    if (group) group.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export interface ListOptions {
  lineUrl?: LineUrl;
  /** Each file in its own collapsed section (the check's full list), else a heading per file. */
  collapsed?: boolean;
}

/**
 * Findings grouped by file, files in the order of their most important finding, most important
 * first within a file; at most `limit` findings.
 */
export function findingsByFile(v: Pick<Verdict, "blocking">, findings: readonly PolicedFinding[], o: ListOptions = {}, limit = Infinity): { text: string; shown: number } {
  const groups = groupBy(byImportance(findings, new Set(v.blocking)), (f) => f.path);
  const lines: string[] = [];
  let shown = 0;
  for (const [path, group] of groups) {
    if (shown >= limit) break;
    lines.push("", o.collapsed ? `<details><summary>${htmlCode(path)} (${group.length})</summary>\n` : `#### ${code(path)}`);
    for (const f of group) {
      if (shown >= limit) break;
      lines.push(findingLine(f, o.lineUrl));
      shown++;
    }
    if (o.collapsed) lines.push("", "</details>");
  }
  return { text: lines.join("\n"), shown };
}

/** A path inside HTML (a `<summary>`): escaped, in `<code>`, one line. */
function htmlCode(s: string): string {
  const one = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
  return `<code>${one.replace(/[&<>"'`@#[\]*_~|\\]/g, (c) => `&#${c.charCodeAt(0)};`)}</code>`;
}

/** Table cells: a `|` ends a cell even inside a code span, unless escaped (GFM). */
const cell = (s: string) => s.replace(/\|/g, "\\|");

/** Rows the table shows; the rest are in the list by file. */
export const TABLE_ROWS = 10;

function capabilityTable(v: Verdict, lineUrl?: LineUrl): string[] {
  const rows = capabilityRows(v);
  if (rows.length === 0) return [];
  const out = ["| Risk | Capability | What changes | Where |", "| --- | --- | --- | --- |"];
  for (const row of rows.slice(0, TABLE_ROWS)) {
    const top = row.findings[0]!;
    const rules = [...new Set(row.findings.map((f) => f.rule))].map((r) => `${titleInSentence(r)} (\`${r}\`)`);
    const risk = `${ICON[top.severity]} ${top.severity}${row.allowed ? ", allowed" : ""}`;
    const where = linked(code(`${top.path}:${top.line}`), lineUrl?.(top.path, top.line));
    out.push(`| ${risk} | ${cell(row.label)} | ${cell(rules.join("; "))} | ${cell(where)} |`);
  }
  const more = rows.length - TABLE_ROWS;
  if (more > 0) out.push("", `…and ${more} more ${more === 1 ? "capability" : "capabilities"} in the list below.`);
  return out;
}

export interface ReviewMarkdownOptions {
  lineUrl?: LineUrl;
  /** The findings the list by file shows (default all; a report fitted to a size limit lists fewer). */
  listed?: readonly PolicedFinding[];
}

/**
 * The review as Markdown before `outbound` (the callers add what to do and the fingerprint, then
 * write it): the verdict, one sentence on what the agents gain, files not analysed, the riskiest
 * capabilities in a table, and every listed finding by file, collapsed.
 */
export function reviewMarkdown(v: Verdict, o: ReviewMarkdownOptions = {}): string {
  const out: string[] = [`## Capability Review: ${headline(v)}`];
  const gains = gainSentence(v);
  if (gains) out.push("", `**What changes:** ${gains}`);
  const notAnalysed = v.files.filter((f) => f.kind === "not-analysed");
  if (notAnalysed.length) {
    out.push("", `⚠️ **${plural(notAnalysed.length, "changed agent file")} not analysed** (no parser reads ${notAnalysed.length === 1 ? "it" : "them"}, so nothing in ${notAnalysed.length === 1 ? "it" : "them"} was checked): ${notAnalysed.map((f) => code(f.path)).join(", ")}. Review by hand.`);
  }
  const table = capabilityTable(v, o.lineUrl);
  if (table.length) out.push("", ...table);
  const listed = o.listed ?? v.findings;
  if (listed.length) {
    const { text } = findingsByFile(v, listed, o.lineUrl ? { lineUrl: o.lineUrl } : {});
    const of = listed.length === v.findings.length ? `All ${plural(listed.length, "finding")}` : `${listed.length} of ${v.findings.length} findings`;
    out.push("", `<details><summary>${of}, by file</summary>`, text, "", "</details>");
  }
  return out.join("\n") + "\n";
}

/** The line every report ends with: the fingerprint an approval binds to (approval-binding.ts reads it). */
export const fingerprintLine = (v: Pick<Verdict, "fingerprint">) => `<sub>Fingerprint: \`${v.fingerprint}\` (an approval binds to it)</sub>`;

const CLI_NEXT =
  "**To approve** an intended change: on the pull request, with the capability-review GitHub App, an approver comments `/capability-review approve <reason>`. Trusted packages, hosts and marketplaces can instead be listed under `allow:` in `.github/capability-review.yml` on the base branch.";

/** The review as Markdown for the CLI, as written out (credentials redacted). */
export function renderReviewMarkdown(v: Verdict, o: ReviewMarkdownOptions = {}): string {
  const parts = [reviewMarkdown(v, o).trimEnd()];
  if (v.blocking.length && !v.blocking.some((f) => FAIL_CLOSED_RULES.has(f.rule))) parts.push(CLI_NEXT);
  if (v.findings.length) parts.push(fingerprintLine(v));
  return outbound(parts.join("\n\n") + "\n");
}
