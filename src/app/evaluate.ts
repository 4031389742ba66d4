// The read side of a review: what changed (a constant number of requests whatever the number of
// files), the policy from the base, the app's earlier comments; then the pure core's verdict.
import type { Severity } from "../core/model.js";
import { DEFAULT_POLICY, parsePolicy, type Policy } from "../core/policy.js";
import { decodeText, MAX_FILE_BYTES } from "../core/parse/text.js";
import { MAX_IMPORT_DEPTH } from "../core/imports.js";
import { importedFiles, parseFile, type FileContent, type Verdict } from "../core/review.js";
import { declaresHooks, hookScriptCandidates, MAX_HOOK_SCRIPTS } from "../core/hook-script-files.js";
import { resolvePath } from "../core/links.js";
import { analyse } from "./analysis.js";
import { scopeMatcher } from "../core/scope.js";
import { ownSurfaceFor, surfaceFor } from "../core/surfaces/index.js";
import { GitHubApi, MAX_PR_FILES, type ChangedFile, type Repo, type Snapshot } from "./github.js";
import { caseTwins, folderRequests, LinkError, linksSeen, linkView, listedHeadPaths, listingHasLinks, listTree, type Listing } from "./links.js";
import { POLICY_PATH, type BlobNode, type BlobRequest } from "./snapshot.js";

export interface ReviewTarget {
  repo: Repo;
  headSha: string;
  /** Tip of the base branch: the policy is read from here, never from the head. */
  baseSha: string;
  /** Absent for merge-queue groups (no conversation to comment on). */
  pullNumber?: number;
  /**
   * Where the policy is read, when not `baseSha`: a merge group's entries are each compared with
   * the entry ahead of them but judged by the base branch's policy (see merge-group.ts).
   */
  policySha?: string;
}

/** The commit whose policy judges the target. */
const policyAt = (t: ReviewTarget) => t.policySha ?? t.baseSha;

/** A problem to report on the check as the reason it failed (not a crash). */
export class ReviewError extends Error {}

/** For the GitHub Action: its `policy` and `fail-on` inputs. The app uses the defaults. */
export interface EvaluateOptions {
  /** Path of the policy in the base commit (default `.github/capability-review.yml`, with the organization's as fallback). */
  policyPath?: string;
  /** Overrides the policy's `fail_on`. */
  failOn?: Severity;
}

export interface Evaluation {
  /**
   * `policySource`: which policy judged the change, a sentence for the check's summary;
   * `coverage`: what was checked less thoroughly than usual, and why (absent when nothing was).
   */
  verdict: Verdict & { policySource: string; coverage?: string };
  policy: Policy;
  snapshot: Snapshot;
  patches: Map<string, string | undefined>;
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

/** Paths whose binary files the core judges by their bytes (skill assets: file-kind.ts); no other binary is fetched. */
const readsBytes = (path: string | undefined): boolean => path !== undefined && surfaceFor(path)?.parseBytes !== undefined;

/** `path`: where the blob is read, so that a binary file in a skill's folder is fetched as bytes. */
async function contentOf(api: GitHubApi, repo: Repo, blob: BlobNode, path?: string): Promise<FileContent> {
  // Named by its blob id: the same unread file at base and head is no change (see review.ts `same`).
  const id = `git:${blob.oid}`;
  if (blob.byteSize > MAX_FILE_BYTES) return { error: `file is ${blob.byteSize} bytes, over the ${MAX_FILE_BYTES}-byte limit; it was not analysed`, id };
  if (blob.isBinary && !readsBytes(path)) return { error: "file is binary; it was not analysed", id };
  if (blob.isBinary || blob.isTruncated || blob.text === null) {
    try {
      return await api.blobBytes(repo, blob.oid);
    } catch (e) {
      // Gone or hidden since the query listed it: a file problem that fails the review closed.
      if ((e as { status?: number }).status === 404) return { error: "file could not be fetched: GitHub answered 404 for its content" };
      throw e;
    }
  }
  return blob.text;
}

/**
 * The policy the change is judged by: the base commit's file, else the organization's, else the
 * default. An organization policy that exists but could not be read fails closed: falling back to
 * the default would silently drop its deny lists.
 */
async function basePolicy(api: GitHubApi, t: ReviewTarget, snap: Snapshot, policyPath: string): Promise<{ policy: Policy; source: string }> {
  if (!snap.policy) {
    if (policyPath !== POLICY_PATH) throw new ReviewError(`the policy file ${policyPath} does not exist at the base commit ${policyAt(t)}`);
    if (snap.orgPolicyError) throw new ReviewError(`the organization's policy (${t.repo.owner}/.github) could not be read, so nothing can be judged: ${snap.orgPolicyError}`);
    return { policy: DEFAULT_POLICY, source: `Policy: the default (no \`${policyPath}\` at the base commit nor in \`${t.repo.owner}/.github\`).` };
  }
  // A truncated policy's bytes come from the repository that holds it.
  const text = await contentOf(api, snap.policy.from === "repository" ? t.repo : { owner: t.repo.owner, repo: ".github" }, snap.policy.blob);
  const decoded = typeof text === "object" && !(text instanceof Uint8Array) ? undefined : decodeText(policyPath, text);
  const parsed = decoded?.ok ? parsePolicy(decoded.text, `${snap.policy.source}:${policyPath}`) : { ok: false as const, error: `${policyPath}: unreadable (${decoded ? decoded.problem.message : (text as { error: string }).error})` };
  if (!parsed.ok) throw new ReviewError(`the policy is invalid, so nothing can be judged: ${parsed.error}`);
  const where = snap.policy.from === "repository" ? "this repository at the base commit" : `the organization's repository \`${snap.policy.source}\``;
  return { policy: parsed.policy, source: `Policy: \`${policyPath}\` of ${where}.` };
}

/**
 * The head policy's text for `policy.changed`. Bytes (a file GraphQL truncated) are decoded; a file
 * that cannot be read or decoded becomes a text that does not validate, naming why, so the edit
 * is a high finding rather than no change.
 */
function policyText(path: string, content: FileContent | undefined): string | undefined {
  if (content === undefined || typeof content === "string") return content;
  const decoded = content instanceof Uint8Array ? decodeText(path, content) : undefined;
  if (decoded?.ok) return decoded.text;
  const why = decoded ? decoded.problem.message : (content as { error: string }).error;
  return `${JSON.stringify(`the edited policy could not be read: ${why}`)}: true\n`;
}

/**
 * What links and submodules decide, over the contents read by path: a link or submodule itself is
 * no file an agent reads; what it shows at its paths is (or a problem saying why not).
 */
async function throughLinks(
  api: GitHubApi,
  t: ReviewTarget,
  mergeBase: string,
  trees: { base: Map<string, FileContent>; head: Map<string, FileContent> },
  headTree: Listing,
  opts: { wanted: (path: string) => boolean; include: readonly string[]; policyPath: string },
): Promise<void> {
  let view;
  try {
    view = await linkView(api, t.repo, { base: mergeBase, head: headTree }, { ...opts, policyBase: policyAt(t), read: (blob) => contentOf(api, t.repo, blob) });
  } catch (e) {
    if (e instanceof LinkError) throw new ReviewError(e.message);
    throw e;
  }
  for (const side of ["base", "head"] as const) {
    for (const p of view.special[side]) trees[side].delete(p);
    for (const [p, c] of view[side]) trees[side].set(p, c);
  }
  // `@path` imports through a link (`@docs/guide.md`, `docs` a link): read where the link decides them.
  // And the scripts hooks run (`.claude/hooks` a link, or the script one): read where the link decides them.
  // Candidates only where the head shows something (a file, or a link that cannot be followed): a
  // path that resolves to nothing runs nothing, and is not the hook's script.
  const shown = (p: string) => {
    const r = resolvePath(headTree.entries, p);
    return r !== undefined && ("source" in r || !r.error.endsWith("which does not exist"));
  };
  const scripts = hookScriptCandidates([trees.base, trees.head], opts.wanted, parseFile, (p) => headTree.entries.has(p)).filter(shown);
  // A script swapped for a link is gone from the head only (its base is the file it was).
  const targets = [...new Set([...importedFiles([trees.base, trees.head], opts.wanted).filter((p) => !trees.base.has(p)), ...scripts])].filter((p) => !trees.head.has(p));
  if (!targets.length) return;
  const more = await view.more(targets);
  for (const side of ["base", "head"] as const) for (const [p, c] of more[side]) trees[side].set(p, c);
}

/** The check's note when GitHub lists only part of the head's tree: what was checked instead. */
export const PARTIAL_TREE =
  "Coverage: the head's tree is too big for GitHub to list whole, so symbolic links, submodules and file names that differ only by case were looked for only in the agent folders at the root and in the changed files' folders.";

/** Instruction files at the repository root whose `@path` imports are followed even when unchanged. */
const ROOT_IMPORTERS = ["CLAUDE.md", "CLAUDE.local.md", ".claude/CLAUDE.md", "GEMINI.md"];

/** Hook files at the root, read to find the scripts they run when the head's tree is too big to list. */
const ROOT_HOOK_FILES = [".claude/settings.json", ".claude/settings.local.json", ".gemini/settings.json", ".cursor/hooks.json", ".codex/hooks.json", "hooks/hooks.json", "hooks.json"];
/** Unchanged hook files read per review to find the scripts they run; past it the review fails closed. */
const MAX_HOOK_FILES = 200;

/**
 * The head's hook files the pull request leaves unchanged (regular files), read in the first query
 * when it changes any file no surface reads: such a file may be a script one of their hooks runs.
 */
function hookFileProbes(files: ChangedFile[], headTree: Listing): string[] {
  // Text only the generic agent-text reading takes may be a script too (`bash .claude/notes/setup.md`).
  if (!files.some((f) => !ownSurfaceFor(f.path))) return [];
  const changed = new Set(files.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path])));
  const listed = headTree.truncated ? ROOT_HOOK_FILES : [...headTree.entries].filter(([, e]) => e.mode === "100644" || e.mode === "100755").map(([p]) => p);
  // Hook files are JSON, TOML or `.kiro.hook`: the name spares matching every path of a big tree against every surface.
  return listed.filter((p) => /\.(?:json|jsonc|toml|hook)$/i.test(p) && !changed.has(p) && declaresHooks(p)).sort();
}

/**
 * The files the hooks run (core/hook-script-files.ts), once the hook files are loaded: changed
 * ones are compared like any changed file (whatever the scope says), unchanged ones that a hook
 * the PR adds or edits runs are read once, the same at both sides, to be shown with the hook. One
 * more query, only when there are any; at most one past MAX_HOOK_SCRIPTS, so the review fails closed.
 */
async function withHookScripts(api: GitHubApi, t: ReviewTarget, s: { files: ChangedFile[]; candidates: ChangedFile[]; snap: Snapshot; base: Map<string, FileContent>; head: Map<string, FileContent>; headTree: Listing; inScope: (p: string) => boolean; mergeBase: string; policyPath: string }): Promise<ChangedFile[]> {
  const { files, candidates, snap, base, head, headTree } = s;
  await loadCandidates(api, t, candidates, snap, base, head);
  const hasFile = (p: string) => (headTree.truncated ? base.has(p) || head.has(p) : headTree.entries.has(p));
  const run = new Set(hookScriptCandidates([base, head], s.inScope, parseFile, hasFile));
  const taken = new Set(candidates);
  const changed = files.filter((f) => !taken.has(f) && (run.has(f.path) || (f.previousPath !== undefined && run.has(f.previousPath))));
  const changedPaths = new Set(files.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path])));
  const edited = new Set(candidates.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path])));
  const only = (tree: Map<string, FileContent>) => new Map([...tree].filter(([p]) => edited.has(p)));
  const fresh = hookScriptCandidates([only(base), only(head)], s.inScope, parseFile, hasFile).filter((p) => !changedPaths.has(p) && !head.has(p) && (headTree.truncated || headTree.entries.has(p)));
  const room = MAX_HOOK_SCRIPTS + 1;
  const [reading, unchanged] = [changed.slice(0, room), fresh.slice(0, Math.max(0, room - changed.length))];
  if (!reading.length && !unchanged.length) return candidates;
  const requests = [...blobRequests(reading, s.mergeBase, t.headSha), ...unchanged.map((p) => ({ id: `script:${p}`, expression: `${t.headSha}:${p}` }))];
  const more = await api.snapshot(t.repo, requests, { baseSha: policyAt(t), policyPath: s.policyPath });
  for (const [id, blob] of more.blobs) if (!id.startsWith("script:")) snap.blobs.set(id, blob);
  for (const p of unchanged) {
    const blob = more.blobs.get(`script:${p}`);
    // The same text at both sides: no change of its own, shown with the hook that now runs it.
    if (blob) base.set(p, await contentOf(api, t.repo, blob)), head.set(p, base.get(p)!);
  }
  return [...candidates, ...reading];
}

/** Decode the fetched candidates into the base/head trees (those not loaded yet). */
async function loadCandidates(api: GitHubApi, t: ReviewTarget, candidates: ChangedFile[], snap: Snapshot, base: Map<string, FileContent>, head: Map<string, FileContent>): Promise<void> {
  for (const f of candidates) {
    const before = snap.blobs.get(`base:${f.path}`);
    const after = snap.blobs.get(`head:${f.path}`);
    const from = f.previousPath ?? f.path;
    if (before && !base.has(from)) base.set(from, await contentOf(api, t.repo, before, from));
    // A file moved unchanged (a skill folder renamed) is one blob: its bytes are fetched once.
    if (after && !head.has(f.path)) head.set(f.path, before && after.oid === before.oid && base.has(from) ? base.get(from)! : await contentOf(api, t.repo, after, f.path));
  }
}

export async function evaluate(api: GitHubApi, t: ReviewTarget, opts: EvaluateOptions = {}): Promise<Evaluation> {
  const policyPath = opts.policyPath ?? POLICY_PATH;
  // The head's tree, beside the compare: its modes find links (however deep) and case twins.
  const [{ files, mergeBase }, headTree] = await Promise.all([changedFiles(api, t), listTree(api, t.repo, t.headSha)]);
  // Candidates by the default scope; the policy may add paths, known once it is read.
  const defaults = scopeMatcher();
  // The policy file itself is read too when the PR edits it: the edit is reported (policy.changed).
  const isCandidate = (p: string) => defaults(p) || p === policyPath;
  let candidates = files.filter((f) => isCandidate(f.path) || (f.previousPath !== undefined && isCandidate(f.previousPath)));
  // Other changed files may be pulled into an agent's context by `@path` imports: read the root
  // CLAUDE.md / GEMINI.md in the same query (no extra request) to follow their imports.
  const picked = new Set(candidates);
  const others = files.filter((f) => !picked.has(f));
  const probes = others.length ? ROOT_IMPORTERS.filter((p) => !files.some((f) => f.path === p)) : [];
  const probeRequests = probes.map((p) => ({ id: `probe:${p}`, expression: `${t.headSha}:${p}` }));
  const hookFiles = hookFileProbes(files, headTree);
  const hookRequests = hookFiles.slice(0, MAX_HOOK_FILES).map((p) => ({ id: `hookfile:${p}`, expression: `${t.headSha}:${p}` }));
  // The changed files' folders at the base: their entries' modes tell links and submodules apart.
  const folders = folderRequests(files, mergeBase, t.headSha, !headTree.truncated);
  const snap = await api.snapshot(t.repo, [...blobRequests(candidates, mergeBase, t.headSha), ...probeRequests, ...hookRequests, ...folders], { baseSha: policyAt(t), policyPath, ...(t.pullNumber !== undefined ? { pullNumber: t.pullNumber } : {}) });

  const judgedBy = await basePolicy(api, t, snap, policyPath);
  const policySource = judgedBy.source;
  let policy = judgedBy.policy;
  // A policy edit is compared with the file as written, not with the fail-on override.
  const asWritten = policy;
  if (opts.failOn) policy = { ...policy, fail_on: opts.failOn };
  const inScope = scopeMatcher(policy.paths);
  const extra = files.filter((f) => !picked.has(f) && (inScope(f.path) || (f.previousPath !== undefined && inScope(f.previousPath))));
  if (extra.length) {
    const more = await api.snapshot(t.repo, blobRequests(extra, mergeBase, t.headSha), { baseSha: policyAt(t), policyPath });
    for (const [id, blob] of more.blobs) snap.blobs.set(id, blob);
    candidates = [...candidates, ...extra];
  }

  const base = new Map<string, FileContent>();
  const head = new Map<string, FileContent>();
  // Files that `@path` imports pull in are instructions too: follow the imports of the changed files
  // and of the root CLAUDE.md / GEMINI.md (unchanged ones included) to changed files outside the scope.
  if (others.length) {
    for (const p of probes) {
      const blob = snap.blobs.get(`probe:${p}`);
      // Unchanged by the pull request: the same text on both sides, so it adds no change, only its imports.
      if (blob) base.set(p, await contentOf(api, t.repo, blob)), head.set(p, base.get(p)!);
    }
    const changedPaths = new Set(files.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path])));
    const tried = new Set<string>();
    for (let depth = 0; depth < MAX_IMPORT_DEPTH; depth++) {
      await loadCandidates(api, t, candidates, snap, base, head);
      const targets = new Set(importedFiles([base, head], inScope));
      const taken = new Set(candidates);
      const imported = others.filter((f) => !taken.has(f) && (targets.has(f.path) || (f.previousPath !== undefined && targets.has(f.previousPath))));
      // Unchanged files an import names, read so that their own imports are followed to a changed
      // file further down the chain (CLAUDE.md -> a.md, unchanged -> b.md, changed).
      const through = [...targets].filter((p) => !changedPaths.has(p) && !head.has(p) && !tried.has(p) && (headTree.truncated || headTree.entries.has(p)));
      for (const p of through) tried.add(p);
      if (!imported.length && !through.length) break;
      // Rare (an import names a file outside the scope): one more query per level of imports.
      const requests = [...blobRequests(imported, mergeBase, t.headSha), ...through.map((p) => ({ id: `through:${p}`, expression: `${t.headSha}:${p}` }))];
      const more = await api.snapshot(t.repo, requests, { baseSha: policyAt(t), policyPath });
      for (const [id, blob] of more.blobs) if (!id.startsWith("through:")) snap.blobs.set(id, blob);
      for (const p of through) {
        const blob = more.blobs.get(`through:${p}`);
        // The same text at both sides: it adds no change, only its imports.
        if (blob) base.set(p, await contentOf(api, t.repo, blob)), head.set(p, base.get(p)!);
      }
      candidates = [...candidates, ...imported];
    }
  }
  // Unchanged hook files, the same at both sides: they add no change, only the scripts they run.
  for (const r of hookRequests) {
    const p = r.id.slice("hookfile:".length);
    const blob = snap.blobs.get(r.id);
    if (blob && !head.has(p)) base.set(p, await contentOf(api, t.repo, blob)), head.set(p, base.get(p)!);
  }
  if (hookFiles.length > MAX_HOOK_FILES) {
    const error = `not read: the head holds ${hookFiles.length} hook files, over the ${MAX_HOOK_FILES} read to find the scripts they run, so the review fails closed`;
    base.set(hookFiles[MAX_HOOK_FILES]!, { error }), head.set(hookFiles[MAX_HOOK_FILES]!, { error });
  }
  candidates = await withHookScripts(api, t, { files, candidates, snap, base, head, headTree, inScope, mergeBase, policyPath });
  const renames = new Map<string, string>();
  const patches = new Map<string, string | undefined>();
  // Files already decoded while following imports are not decoded (nor a truncated one fetched) again.
  await loadCandidates(api, t, candidates, snap, base, head);
  for (const f of candidates) {
    // Listed as present but not there: never review a file as deleted because a fetch came back empty.
    if (!snap.blobs.get(`head:${f.path}`) && f.status !== "removed") head.set(f.path, { error: "file could not be fetched at the head commit" });
    if (f.previousPath) renames.set(f.path, f.previousPath);
    patches.set(f.path, f.patch);
  }
  if (linksSeen(snap) || listingHasLinks(headTree)) await throughLinks(api, t, mergeBase, { base, head }, headTree, { wanted: inScope, include: policy.paths.include, policyPath });
  const policyEdit = candidates.find((f) => f.path === policyPath || f.previousPath === policyPath);
  const headPolicy = policyEdit && policyEdit.path === policyPath ? policyText(policyPath, head.get(policyPath)) : undefined;
  // Off the event loop, under a deadline, in the server and the CLI (see analysis.ts).
  const verdict = await analyse({
    base,
    head,
    policy,
    renames,
    // Unchanged head paths that differ from another only by case: a change to one collides with them.
    headPaths: headTree.truncated ? listedHeadPaths(snap) : caseTwins(headTree),
    ...(policyEdit ? { policyChange: { path: policyPath, ...(asWritten !== policy ? { base: asWritten } : {}), ...(headPolicy !== undefined ? { headText: headPolicy } : {}) } } : {}),
  });

  const coverage = headTree.truncated ? PARTIAL_TREE : undefined;
  return { verdict: { ...verdict, policySource, ...(coverage ? { coverage } : {}) }, policy, snapshot: snap, patches };
}
