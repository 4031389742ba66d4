// Inline review comments: one per line the pull request adds that carries high or critical
// escalations (all of that line's findings in it), the riskiest lines first and at most 10 per
// review (the check lists the rest); each finding tagged with a stable id so a re-run never posts
// it twice. Pure, no I/O.
import { createHash } from "node:crypto";
import type { Severity } from "../core/model.js";
import { SEVERITY_RANK } from "../core/model.js";
import type { PolicedFinding } from "../core/policy.js";
import type { Verdict } from "../core/review.js";
import { inertMarkdown } from "../core/render/inert.js";
import { outbound } from "../core/render/outbound.js";
import { ruleById } from "../core/rules/registry.js";
import { byImportance, clip, GITHUB_BODY_LIMIT } from "./report-fit.js";

/** Comments in one review: the riskiest lines; more would bury the conversation (the check has all). */
export const MAX_INLINE_COMMENTS = 10;

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
  /** The ids of the findings the comment is about, most important first. */
  ids: string[];
}

function commentBody(line: PolicedFinding[], ids: string[], blocking: ReadonlySet<PolicedFinding>): string {
  const top = line[0]!;
  const needs = line.some((f) => blocking.has(f)) ? " · needs approval" : "";
  const head = `${ICON[top.severity]} **${top.severity}**${needs}`;
  // The messages quote the file: inert (code spans), and the body as written passes `outbound`.
  const items = line.map((f) => `- **${ruleById(f.rule)?.title ?? f.rule}** (\`${f.rule}\`): ${inertMarkdown(f.message)}`);
  const rules = [...new Set(line.map((f) => f.rule))];
  const why = rules
    .map((r) => ruleById(r))
    .filter((r) => r !== undefined)
    .map((r) => `**${r.title}:** ${r.explanation}`);
  const explain = `<details><summary>Why it matters</summary>\n\n${why.join("\n\n")}\n\n</details>`;
  const markers = ids.map(findingMarker).join("\n");
  const room = GITHUB_BODY_LIMIT - head.length - explain.length - markers.length - 8;
  const body = outbound([head, clip(items.join("\n"), room), why.length ? explain : ""].filter(Boolean).join("\n\n"));
  return `${clip(body, GITHUB_BODY_LIMIT - markers.length - 2)}\n\n${markers}`;
}

/**
 * One comment per added line of a file's patch that carries high or critical escalations the
 * policy does not allow, riskiest line first, at most MAX_INLINE_COMMENTS; findings already
 * commented on (their id in `already`) are left out, and a line with none left gets no comment.
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
  // Lines in order of their most important finding (byImportance), findings in that order within.
  const lines = new Map<string, { path: string; line: number; findings: PolicedFinding[]; ids: string[] }>();
  for (const f of byImportance(v.findings, blocking)) {
    if (f.direction !== "escalation" || f.allowedBy || SEVERITY_RANK[f.severity] < SEVERITY_RANK.high) continue;
    if (!addedIn(f.path).has(f.line)) continue;
    const id = findingId(f);
    if (already.has(id)) continue;
    const at = `${f.line}\0${f.path}`;
    let entry = lines.get(at);
    if (!entry) {
      if (lines.size >= MAX_INLINE_COMMENTS) continue;
      lines.set(at, (entry = { path: f.path, line: f.line, findings: [], ids: [] }));
    }
    if (entry.ids.includes(id)) continue;
    entry.findings.push(f);
    entry.ids.push(id);
  }
  return [...lines.values()].map((l) => ({ path: l.path, line: l.line, side: "RIGHT" as const, body: commentBody(l.findings, l.ids, blocking), ids: l.ids }));
}
