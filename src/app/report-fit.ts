// Fitting reports into GitHub's size limits: a check summary or comment body holds at most 65,535
// characters, so a pull request with thousands of findings gets the most severe ones and a line
// saying how many were left out (never an API error). Pure string work, no I/O.
import type { PolicedFinding } from "../core/policy.js";
import { findingsByFile, reviewMarkdown, type LineUrl } from "../core/render/markdown.js";
import { byImportance } from "../core/render/rows.js";
import type { Verdict } from "../core/review.js";

export { byImportance } from "../core/render/rows.js";

/** GitHub's cap on a check-run summary and on an issue or review comment body (characters). */
export const GITHUB_BODY_LIMIT = 65535;

const ELLIPSIS = "…";

/** At most `max` UTF-16 code units (never more than GitHub's character count), ending with `…` when cut. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 0) return "";
  let end = max - ELLIPSIS.length;
  // Never split a surrogate pair.
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return s.slice(0, Math.max(0, end)) + ELLIPSIS;
}

/** At most `max` UTF-8 bytes, cut on a character boundary, ending with `…` when cut. */
export function clipBytes(s: string, max: number): string {
  if (Buffer.byteLength(s, "utf8") <= max) return s;
  const room = max - Buffer.byteLength(ELLIPSIS, "utf8");
  let bytes = 0;
  let out = "";
  for (const ch of s) {
    const n = Buffer.byteLength(ch, "utf8");
    if (bytes + n > room) break;
    bytes += n;
    out += ch;
  }
  return out + ELLIPSIS;
}

/** A Markdown link that survives parentheses and spaces in the URL. */
export function mdLink(text: string, url: string): string {
  const escaped = url.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return `[${text.replace(/[[\]]/g, "\\$&")}](${escaped})`;
}

export interface Fitted {
  text: string;
  /** Findings listed in the text. */
  shown: number;
  /** Findings left out to fit. */
  omitted: number;
}

export interface FitOptions {
  /** Text before the review (a hidden marker). */
  before?: string;
  /** Text after the review (links, next steps, fingerprint). */
  after?: string;
  /** Where the reader finds every finding when some are left out. */
  whereAll: string;
  limit?: number;
  lineUrl?: LineUrl;
}

/**
 * The review's Markdown wrapped in `before` / `after`, with as many findings as fit in `limit`
 * (most important first, still grouped by file); when some are left out, the text ends with a line
 * saying how many and where all of them are. Not yet through `outbound`: the caller writes it.
 */
export function fitReview(v: Verdict, o: FitOptions): Fitted {
  const limit = o.limit ?? GITHUB_BODY_LIMIT;
  const total = v.findings.length;
  const list = o.lineUrl ? { lineUrl: o.lineUrl } : {};
  const compose = (findings: PolicedFinding[], omitted: number, someShown = findings.length > 0): string => {
    const parts = [o.before ?? "", reviewMarkdown(v, { ...list, listed: findings }).trimEnd()];
    if (o.after) parts.push(o.after.trimEnd());
    if (omitted > 0) parts.push(omissionLine(omitted, total, o.whereAll, someShown));
    return parts.filter(Boolean).join("\n\n") + "\n";
  };
  // Every finding line is longer than 20 characters, so more findings than this never fit.
  if (total <= limit / 20) {
    const full = compose(v.findings, 0);
    if (full.length <= limit) return { text: full, shown: total, omitted: 0 };
  }

  // Greedy by importance, using each finding's exact length under `findingsByFile` (its line, and
  // its file's heading for the first of a file) and the collapsed list's frame.
  const empty = compose([], total, true).length + "\n\n<details><summary>0 of 0 findings, by file</summary>\n\n\n</details>".length + 20;
  let budget = limit - empty;
  const headed = new Set<string>();
  const chosen = new Set<PolicedFinding>();
  for (const f of byImportance(v.findings, new Set(v.blocking))) {
    const one = findingsByFile(v, [f], list).text.length;
    const line = findingsByFile(v, [f, f], list).text.length - one;
    const cost = headed.has(f.path) ? line : one;
    if (cost > budget) break;
    budget -= cost;
    headed.add(f.path);
    chosen.add(f);
  }
  // Check the real text; estimates aside, drop the least important until it fits.
  let keep = v.findings.filter((f) => chosen.has(f));
  let ranked = byImportance(keep, new Set(v.blocking));
  let text = compose(keep, total - keep.length);
  while (text.length > limit && ranked.length > 0) {
    ranked = ranked.slice(0, ranked.length - Math.max(1, Math.ceil((text.length - limit) / 40)));
    const set = new Set(ranked);
    keep = v.findings.filter((f) => set.has(f));
    text = compose(keep, total - keep.length);
  }
  if (text.length > limit) {
    // Even with no finding listed the rest is too long (thousands of unanalysed files): cut it.
    const tail = total
      ? omissionLine(total, total, o.whereAll, false)
      : `✂️ **Report cut** to fit GitHub's ${GITHUB_BODY_LIMIT.toLocaleString("en-US")}-character limit.`;
    text = clip(compose([], 0).trimEnd(), limit - tail.length - 3) + "\n\n" + tail + "\n";
    return { text, shown: 0, omitted: total };
  }
  return { text, shown: keep.length, omitted: total - keep.length };
}

export function omissionLine(omitted: number, total: number, whereAll: string, someShown: boolean): string {
  return `✂️ **${omitted} of ${total} finding${total === 1 ? "" : "s"} left out** to fit GitHub's ${GITHUB_BODY_LIMIT.toLocaleString("en-US")}-character limit${someShown ? " (the most severe are listed above)" : ""}; ${whereAll}.`;
}
