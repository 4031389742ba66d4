// One review of one commit: read what changed (constant number of requests), run the pure core,
// write the check, the sticky comment and one review. Any failure ends in a completed `failure`
// check that says why: a required check must never pass by accident or hang.
import type { Logger } from "pino";
import { DEFAULT_POLICY, parsePolicy, type Policy } from "../core/policy.js";
import { MAX_FILE_BYTES } from "../core/parse/text.js";
import { review, type FileContent, type Verdict } from "../core/review.js";
import { scopeMatcher } from "../core/scope.js";
import { GitHubApi, MAX_PR_FILES, type ChangedFile, type Repo } from "./github.js";
import { withLock } from "./lock.js";
import {
  annotationPages,
  CHECK_NAME,
  checkRunOutput,
  errorOutput,
  findingIdsIn,
  inlineComments,
  resolvedComment,
  reviewBody,
  STICKY_MARKER,
  stickyComment,
} from "./report.js";
import { POLICY_PATH, type BlobNode, type BlobRequest } from "./snapshot.js";

export interface ReviewTarget {
  repo: Repo;
  headSha: string;
  /** Tip of the base branch: the policy is read from here, never from the head. */
  baseSha: string;
  /** Absent for merge-queue groups (no conversation to comment on). */
  pullNumber?: number;
}

export interface RunOutcome {
  conclusion: string;
  fingerprint?: string;
  error?: string;
}

export class ReviewError extends Error {}

/** Review a target and report; never throws for GitHub or input problems, it reports them. */
export async function runReview(api: GitHubApi, target: ReviewTarget, log: Logger): Promise<RunOutcome> {
  const key = `${target.repo.owner}/${target.repo.repo}#${target.pullNumber ?? target.headSha}`;
  return withLock(key, async () => {
    let checked = false;
    try {
      return await reviewAndReport(api, target, log, () => (checked = true));
    } catch (e) {
      const reason = e instanceof ReviewError ? e.message : describeError(e);
      log.error({ err: e instanceof Error ? { message: e.message, name: e.name } : String(e), headSha: target.headSha }, "review failed");
      if (!checked) {
        try {
          const out = errorOutput(reason);
          await api.createCheck(target.repo, target.headSha, CHECK_NAME, out.conclusion, { title: out.title, summary: out.summary });
        } catch (inner) {
          log.error({ err: describeError(inner) }, "could not report the failure on the check");
        }
      }
      return { conclusion: "failure", error: reason };
    }
  });
}

function describeError(e: unknown): string {
  const status = (e as { status?: number }).status;
  const message = e instanceof Error ? e.message : String(e);
  return status ? `GitHub API error ${status}: ${message}` : message;
}

async function changedFiles(api: GitHubApi, t: ReviewTarget): Promise<{ files: ChangedFile[]; mergeBase: string }> {
  const cmp = await api.compare(t.repo, t.baseSha, t.headSha);
  if (!cmp.truncated) return { files: cmp.files, mergeBase: cmp.mergeBase };
  if (t.pullNumber === undefined) throw new ReviewError("the change touches more than 300 files, more than GitHub's compare API lists; it cannot be reviewed completely");
  const files = await api.listPullFiles(t.repo, t.pullNumber);
  if (files.length >= MAX_PR_FILES) throw new ReviewError(`the pull request changes ${files.length} files or more, GitHub's limit for listing them; it cannot be reviewed completely`);
  return { files, mergeBase: cmp.mergeBase };
}

/** Blobs to read, keyed `base:<new path>` / `head:<path>`: a renamed file's base is its old path. */
function blobRequests(files: ChangedFile[], mergeBase: string, headSha: string): BlobRequest[] {
  const out: BlobRequest[] = [];
  for (const f of files) {
    if (f.status !== "added") out.push({ id: `base:${f.path}`, expression: `${mergeBase}:${f.previousPath ?? f.path}` });
    if (f.status !== "removed") out.push({ id: `head:${f.path}`, expression: `${headSha}:${f.path}` });
  }
  return out;
}

async function contentOf(api: GitHubApi, repo: Repo, blob: BlobNode): Promise<FileContent> {
  if (blob.byteSize > MAX_FILE_BYTES) return { error: `file is ${blob.byteSize} bytes, over the ${MAX_FILE_BYTES}-byte limit; it was not analysed` };
  if (blob.isBinary) return { error: "file is binary; it was not analysed" };
  if (blob.isTruncated || blob.text === null) return api.blobBytes(repo, blob.oid);
  return blob.text;
}

async function reviewAndReport(api: GitHubApi, t: ReviewTarget, log: Logger, markChecked: () => void): Promise<RunOutcome> {
  const { files, mergeBase } = await changedFiles(api, t);
  // Candidates by the default scope; the policy may add paths, known once it is read.
  const defaults = scopeMatcher();
  // The policy file itself is read too when the PR edits it: the edit is reported (policy.changed).
  const isCandidate = (p: string) => defaults(p) || p === POLICY_PATH;
  let candidates = files.filter((f) => isCandidate(f.path) || (f.previousPath !== undefined && isCandidate(f.previousPath)));
  const snap = await api.snapshot(t.repo, blobRequests(candidates, mergeBase, t.headSha), { baseSha: t.baseSha, ...(t.pullNumber !== undefined ? { pullNumber: t.pullNumber } : {}) });

  let policy: Policy = DEFAULT_POLICY;
  if (snap.policy) {
    const text = await contentOf(api, t.repo, snap.policy.blob);
    const parsed = typeof text === "string" ? parsePolicy(text, `${snap.policy.source}:${POLICY_PATH}`) : { ok: false as const, error: `${POLICY_PATH}: unreadable`, line: 1 };
    if (!parsed.ok) throw new ReviewError(`the policy is invalid, so nothing can be judged: ${parsed.error}`);
    policy = parsed.policy;
  }
  const inScope = scopeMatcher(policy.paths);
  const extra = files.filter((f) => !candidates.includes(f) && (inScope(f.path) || (f.previousPath !== undefined && inScope(f.previousPath))));
  if (extra.length) {
    const more = await api.snapshot(t.repo, blobRequests(extra, mergeBase, t.headSha), { baseSha: t.baseSha });
    for (const [id, blob] of more.blobs) snap.blobs.set(id, blob);
    candidates = [...candidates, ...extra];
  }

  const base = new Map<string, FileContent>();
  const head = new Map<string, FileContent>();
  const renames = new Map<string, string>();
  const patches = new Map<string, string | undefined>();
  for (const f of candidates) {
    const before = snap.blobs.get(`base:${f.path}`);
    const after = snap.blobs.get(`head:${f.path}`);
    if (before) base.set(f.previousPath ?? f.path, await contentOf(api, t.repo, before));
    if (after) head.set(f.path, await contentOf(api, t.repo, after));
    // Listed as present but not there: never review a file as deleted because a fetch came back empty.
    else if (f.status !== "removed") head.set(f.path, { error: "file could not be fetched at the head commit" });
    if (f.previousPath) renames.set(f.path, f.previousPath);
    patches.set(f.path, f.patch);
  }
  const policyEdit = candidates.find((f) => f.path === POLICY_PATH || f.previousPath === POLICY_PATH);
  const headPolicy = policyEdit && policyEdit.path === POLICY_PATH ? head.get(POLICY_PATH) : undefined;
  const verdict = review({
    base,
    head,
    policy,
    renames,
    ...(policyEdit ? { policyChange: { path: POLICY_PATH, ...(typeof headPolicy === "string" ? { headText: headPolicy } : {}) } } : {}),
  });
  log.info({ event: "review", headSha: t.headSha, conclusion: verdict.conclusion, fingerprint: verdict.fingerprint, findings: verdict.findings.length, blocking: verdict.blocking.length, files: verdict.files.length }, "review result");

  await writeCheck(api, t, verdict);
  markChecked();
  if (t.pullNumber !== undefined) {
    await upsertSticky(api, t, verdict, snap.comments);
    const already = new Set(snap.reviewBodies.flatMap(findingIdsIn));
    const inline = inlineComments(verdict, patches, already);
    if (inline.length) await api.createReview(t.repo, t.pullNumber, t.headSha, reviewBody(inline.length), inline.map(({ path, line, side, body }) => ({ path, line, side, body })));
  }
  return { conclusion: verdict.conclusion, fingerprint: verdict.fingerprint };
}

async function writeCheck(api: GitHubApi, t: ReviewTarget, verdict: Verdict): Promise<void> {
  const out = checkRunOutput(verdict, {});
  const [firstPage = [], ...rest] = annotationPages(out.annotations);
  const id = await api.createCheck(t.repo, t.headSha, CHECK_NAME, out.conclusion, { title: out.title, summary: out.summary, annotations: firstPage });
  for (const page of rest) await api.addAnnotations(t.repo, id, { title: out.title, summary: out.summary, annotations: page });
}

/** One sticky comment per PR: created on the first finding, then edited only when its text changes. */
async function upsertSticky(api: GitHubApi, t: ReviewTarget, verdict: Verdict, comments: { databaseId: number; body: string; viewerDidAuthor: boolean }[]): Promise<void> {
  const pr = t.pullNumber!;
  const existing = comments.find((c) => c.viewerDidAuthor && c.body.startsWith(STICKY_MARKER));
  const relevant = verdict.findings.some((f) => f.direction !== "reduction");
  if (!existing) {
    if (!relevant) return;
    await api.createComment(t.repo, pr, stickyComment(verdict, {}));
    await removeDuplicateStickies(api, t.repo, pr);
    return;
  }
  const body = relevant ? stickyComment(verdict, {}) : resolvedComment(existing.body);
  if (body !== existing.body) await api.updateComment(t.repo, existing.databaseId, body);
}

/** Another replica may have created one at the same moment: the oldest stays, the rest go. */
async function removeDuplicateStickies(api: GitHubApi, repo: Repo, pr: number): Promise<void> {
  // Both copies were created moments ago; the hour leaves room for clock skew between us and GitHub.
  const since = new Date(Date.now() - 60 * 60 * 1000);
  const mine = (await api.recentComments(repo, pr, since)).filter((c) => c.mine && c.body.startsWith(STICKY_MARKER)).sort((a, b) => a.id - b.id);
  for (const dup of mine.slice(1)) await api.deleteComment(repo, dup.id);
}
