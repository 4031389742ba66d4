// Writes shared by the GitHub App (review-run.ts) and the GitHub Action (src/action): the check run
// with its annotations paged 50 at a time, and the one sticky comment per pull request.
import type { PrComment } from "../core/approvals.js";
import type { Verdict } from "../core/review.js";
import type { GitHubApi, Repo } from "./github.js";
import { annotationPages, CHECK_NAME, resolvedComment, STICKY_MARKER, type CheckOutput } from "./report.js";

/** A completed check run; annotations past the first 50 are appended in further requests. Returns its id. */
export async function postCheck(
  api: GitHubApi,
  repo: Repo,
  headSha: string,
  out: CheckOutput,
  actions: { label: string; description: string; identifier: string }[] = [],
): Promise<number> {
  const [firstPage = [], ...rest] = annotationPages(out.annotations);
  const texts = { title: out.title, summary: out.summary, ...(out.text ? { text: out.text } : {}) };
  const id = await api.createCheck(repo, headSha, CHECK_NAME, out.conclusion, { ...texts, annotations: firstPage }, undefined, actions);
  for (const page of rest) await api.addAnnotations(repo, id, { ...texts, annotations: page });
  return id;
}

/** Does the verdict hold anything a comment should mention (a finding that is not a reduction)? */
export function worthComment(v: Verdict): boolean {
  return v.findings.some((f) => f.direction !== "reduction");
}

/**
 * Does the verdict need a person: a finding that needs approval (or would, in warn mode), which
 * includes files that could not be read or parsed? The policy's `comment: on-attention` creates
 * the sticky comment only then; a pull request with only low or info findings gets the check alone.
 */
export function needsAttention(v: Verdict): boolean {
  return v.conclusion !== "success";
}

/** Whether a new sticky comment may be created under the policy's `comment` setting. */
export function mayCreateComment(mode: "always" | "on-attention" | "never", v: Verdict): boolean {
  return mode === "always" || (mode === "on-attention" && needsAttention(v));
}

export type StickyResult = "created" | "updated" | "unchanged" | "none";

/**
 * One sticky comment per pull request, found among `comments` (read with the review) as the
 * viewer's own comment starting with STICKY_MARKER. `body` is the comment to show, or null when
 * there is nothing to report: an existing comment is then marked resolved. A new comment is created
 * only when `create` allows it; afterwards it is edited only when its text changes.
 */
export async function upsertSticky(
  api: GitHubApi,
  repo: Repo,
  pr: number,
  comments: readonly PrComment[],
  body: string | null,
  opts: { create?: boolean } = {},
): Promise<StickyResult> {
  const existing = comments.find((c) => c.viewerDidAuthor && c.body.startsWith(STICKY_MARKER));
  if (!existing) {
    if (body === null || opts.create === false) return "none";
    await api.createComment(repo, pr, body);
    await removeDuplicateStickies(api, repo, pr);
    return "created";
  }
  const next = body ?? resolvedComment(existing.body);
  // Someone else edited the app's report: it is written again, so it says what the app found.
  if (sameReport(next, existing.body) && !existing.editedByOther) return "unchanged";
  await api.updateComment(repo, existing.id, next);
  return "updated";
}

const BLOB_AT = /\/blob\/[0-9a-f]{40}\//g;

/**
 * The same report but for the commit its line links point at: a push that leaves the findings
 * and their lines as they were need not edit the comment (the links still show those lines).
 */
export function sameReport(a: string, b: string): boolean {
  return a === b || a.replace(BLOB_AT, "/blob/@/") === b.replace(BLOB_AT, "/blob/@/");
}

/** Another replica may have created one at the same moment: the oldest stays, the rest go. */
async function removeDuplicateStickies(api: GitHubApi, repo: Repo, pr: number): Promise<void> {
  // Both copies were created moments ago; the hour leaves room for clock skew between us and GitHub.
  const since = new Date(Date.now() - 60 * 60 * 1000);
  const mine = (await api.recentComments(repo, pr, since)).filter((c) => c.mine && c.body.startsWith(STICKY_MARKER)).sort((a, b) => a.id - b.id);
  for (const dup of mine.slice(1)) await api.deleteComment(repo, dup.id);
}
