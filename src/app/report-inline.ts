// Inline review comments: one per high or critical escalation on a line the pull request adds,
// each tagged with a stable id so a re-run never posts the same comment twice. Pure, no I/O.
import { createHash } from "node:crypto";
import type { Severity } from "../core/model.js";
import { SEVERITY_RANK } from "../core/model.js";
import type { PolicedFinding } from "../core/policy.js";
import type { Verdict } from "../core/review.js";
import { inertMarkdown } from "../core/render/inert.js";
import { outbound } from "../core/render/outbound.js";
import { ruleById } from "../core/rules/registry.js";
import { byImportance, clip, GITHUB_BODY_LIMIT } from "./report-fit.js";

/** GitHub's practical limit of comments in one review. */
export const MAX_INLINE_COMMENTS = 50;

export const ICON: Record<Severity, string> = { critical: "🔴", high: "🟠", medium: "🟡", low: "🔵", info: "⚪" };

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * New-side line numbers of the added (`+`) lines of a unified diff, as `pulls.listFiles` returns
 * it in `patch` (hunks only; file headers, if any, are skipped). No patch (binary or too large
 * for GitHub to diff) means no line can be commented on.
 */
export function addedLines(patch: string | undefined): Set<number> {
  const out = new Set<number>();
  if (!patch) return out;
  let line = 0;
  let oldLeft = 0;
  let newLeft = 0;
  for (const raw of patch.split("\n")) {
    const hunk = HUNK.exec(raw);
    if (hunk) {
      oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      line = Number(hunk[2]);
      newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
      continue;
    }
    if (oldLeft <= 0 && newLeft <= 0) continue; // between hunks: headers of a full diff
    const mark = raw[0];
    if (mark === "+") {
      out.add(line++);
      newLeft--;
    } else if (mark === "-") {
      oldLeft--;
    } else if (mark === "\\") {
      // `\ No newline at end of file`: about the previous line, not a line itself.
    } else {
      // Context (` `), or an empty line where a tool trimmed the leading space.
      line++;
      oldLeft--;
      newLeft--;
    }
  }
  return out;
}

/** Stable across runs and line moves: rule, capability key (or path) and message, not the line. */
export function findingId(f: Pick<PolicedFinding, "rule" | "key" | "path" | "message">): string {
  return createHash("sha256").update(`capability-review/finding/1\0${f.rule}\0${f.key ?? f.path}\0${f.message}`).digest("hex").slice(0, 16);
}

const findingMarker = (id: string) => `<!-- capability-review:finding:${id} -->`;
const FINDING_MARKER = /<!-- capability-review:finding:([0-9a-f]{16}) -->/g;

/** Ids of the findings earlier review comments were posted for. */
export function findingIdsIn(body: string): string[] {
  return [...body.matchAll(FINDING_MARKER)].map((m) => m[1]!);
}

export interface InlineComment {
  path: string;
  line: number;
  side: "RIGHT";
  body: string;
  id: string;
}

function commentBody(f: PolicedFinding, id: string, blocking: boolean): string {
  const rule = ruleById(f.rule);
  const head = `${ICON[f.severity]} **${f.severity}** · \`${f.rule}\`${rule ? ` · ${rule.title}` : ""}${blocking ? " · needs approval" : ""}`;
  const why = rule ? `<details><summary>Why it matters</summary>\n\n${rule.explanation}\n\n</details>` : "";
  const marker = findingMarker(id);
  const room = GITHUB_BODY_LIMIT - head.length - why.length - marker.length - 8;
  // The message quotes the file: inert (code spans), and the body as written passes `outbound`.
  const body = outbound([head, clip(inertMarkdown(f.message, ""), room), why].filter(Boolean).join("\n\n"));
  return `${clip(body, GITHUB_BODY_LIMIT - marker.length - 2)}\n\n${marker}`;
}

/**
 * Comments for the high and critical escalations that sit on added lines of their file's patch,
 * most severe first, at most 50; findings already commented on (their id in `already`) and
 * findings the policy allows are skipped.
 */
export function inlineComments(
  v: Verdict,
  patches: ReadonlyMap<string, string | undefined>,
  already: ReadonlySet<string>,
): InlineComment[] {
  const added = new Map<string, Set<number>>();
  const addedIn = (path: string) => {
    let lines = added.get(path);
    if (!lines) added.set(path, (lines = addedLines(patches.get(path))));
    return lines;
  };
  const blocking = new Set(v.blocking);
  const seen = new Set<string>();
  const out: InlineComment[] = [];
  for (const f of byImportance(v.findings, blocking)) {
    if (out.length >= MAX_INLINE_COMMENTS) break;
    if (f.direction !== "escalation" || f.allowedBy || SEVERITY_RANK[f.severity] < SEVERITY_RANK.high) continue;
    if (!addedIn(f.path).has(f.line)) continue;
    const id = findingId(f);
    if (already.has(id) || seen.has(id)) continue;
    seen.add(id);
    out.push({ path: f.path, line: f.line, side: "RIGHT", body: commentBody(f, id, blocking.has(f)), id });
  }
  return out;
}
