// Symbolic links, submodules and case for the app: GitHub's compare lists no file modes, so every
// review lists the head's tree whole (one read, beside the compare), and the first query lists the
// folders of the changed files at the base. Where either holds a link or a submodule, the base tree
// is listed whole too and both are resolved by core/links.ts as a checkout would show them: what an
// agent reads through a link is reviewed at the link's path, even when only its target changed,
// however deep the link. When GitHub truncates the head's tree (very large repositories), the first
// query lists the root, the folders scope patterns name there and the changed files' folders
// instead, and the check says that links and case were checked only there. Reads stay constant.
import { resolvePath, resolveTree, settleUnchanged, type Resolved, type TreeEntry } from "../core/links.js";
import type { FileContent } from "../core/review.js";
import { code } from "../core/rules/types.js";
import { foldCase } from "../core/globs.js";
import { DEFAULT_SCOPE } from "../core/scope.js";
import { SURFACES } from "../core/surfaces/index.js";
import type { ChangedFile, GitHubApi, Repo, Snapshot } from "./github.js";
import type { BlobNode, BlobRequest } from "./snapshot.js";

const SCOPE_FOLDERS = scopeFolders();
const LINK = 0o120000;
const SUBMODULE = 0o160000;

const dirOf = (path: string) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");

/**
 * The folders scope patterns name at the root (`.github`, `.github/workflows`, `.claude`, `.codex`,
 * `.vscode`, ...): a link in one of them is found even when the pull request changes only its target.
 */
export function scopeFolders(include: readonly string[] = []): string[] {
  const out = new Set<string>([""]);
  for (const pattern of [...DEFAULT_SCOPE, ...SURFACES.flatMap((x) => x.patterns), ...include]) {
    const parts = pattern.replace(/^(\*\*\/)+/, "").split("/");
    for (let i = 1; i < parts.length && !/[*?[{(!]/.test(parts[i - 1]!); i++) out.add(parts.slice(0, i).join("/"));
  }
  return [...out].sort();
}

/** A commit's tree as listed: every entry with its mode, or only part of it (`truncated`). */
export interface Listing {
  sha: string;
  entries: Map<string, TreeEntry & { blob: string }>;
  truncated: boolean;
}

/** The head's tree, listed whole in one read (see the header). */
export async function listTree(api: GitHubApi, repo: Repo, sha: string): Promise<Listing> {
  const tree = await api.tree(repo, sha);
  const entries = new Map<string, TreeEntry & { blob: string }>();
  for (const e of tree.entries) entries.set(e.path, { mode: e.type === "tree" ? "040000" : e.mode, blob: e.sha, ...(e.mode === "160000" ? { oid: e.sha } : {}) });
  return { sha, entries, truncated: tree.truncated };
}

/**
 * Folder requests for the first query, keyed `tree:<side>:<folder>`: the changed files' folders at
 * the base (a link there that the pull request replaces), and, when the head's tree could not be
 * listed whole, the root, the scope's folders and the changed files' folders at both sides.
 */
export function folderRequests(files: ChangedFile[], mergeBase: string, headSha: string, headListed: boolean): BlobRequest[] {
  const out = new Map<string, string>();
  const add = (side: "base" | "head", sha: string, dir: string) => out.set(`tree:${side}:${dir}`, `${sha}:${dir}`);
  if (!headListed) for (const [side, sha] of [["base", mergeBase], ["head", headSha]] as const) for (const dir of SCOPE_FOLDERS) add(side, sha, dir);
  for (const f of files) {
    if (f.status !== "added") add("base", mergeBase, dirOf(f.previousPath ?? f.path));
    if (f.status !== "removed" && !headListed) add("head", headSha, dirOf(f.path));
  }
  return [...out].map(([id, expression]) => ({ id, expression, tree: true }));
}

/** Does the listing hold a symbolic link or a submodule anywhere? */
export const listingHasLinks = (l: Listing) => [...l.entries.values()].some((e) => e.mode === "120000" || e.mode === "160000");

/**
 * The paths of the listing that another path equals once case is folded (usually none): the only
 * unchanged head paths a change can collide with on a case-insensitive checkout.
 */
export function caseTwins(l: Listing): string[] {
  const groups = new Map<string, string[]>();
  for (const [path, e] of l.entries) {
    if (e.mode === "040000") continue;
    // ASCII paths (nearly all) fold by lowercasing alone; large trees list 100,000 of them.
    const key = /[^\x00-\x7f]/.test(path) ? foldCase(path) : path.toLowerCase();
    const group = groups.get(key);
    if (group) group.push(path);
    else groups.set(key, [path]);
  }
  return [...groups.values()].filter((g) => g.length > 1).flat();
}

/** The head's files in the folders the first query listed (`tree:head:<folder>`), as paths. */
export function listedHeadPaths(snap: Snapshot): string[] {
  const out: string[] = [];
  for (const [id, entries] of snap.trees) {
    if (!id.startsWith("tree:head:")) continue;
    const dir = id.slice("tree:head:".length);
    for (const e of entries ?? []) if (e.type === "blob") out.push(dir ? `${dir}/${e.name}` : e.name);
  }
  return out;
}

/** Does any folder the first query listed hold a symbolic link or a submodule? */
export function linksSeen(snap: Snapshot): boolean {
  for (const entries of snap.trees.values()) if (entries?.some((e) => e.mode === LINK || e.mode === SUBMODULE)) return true;
  return false;
}

export class LinkError extends Error {}

export interface LinkView {
  /** Contents at shown paths that a link or submodule decides, per side (problems as `{ error }`). */
  base: Map<string, FileContent>;
  head: Map<string, FileContent>;
  /** Paths that are links or submodules themselves, per side: what they hold is not a file an agent reads. */
  special: { base: Set<string>; head: Set<string> };
  /** The same for more paths (the targets of `@path` imports), read in one more query when a link decides any. */
  more(paths: readonly string[]): Promise<{ base: Map<string, FileContent>; head: Map<string, FileContent> }>;
}

interface Side extends Listing {
  plan: Map<string, Resolved>;
}

type Opts = { wanted: (path: string) => boolean; include?: readonly string[]; policyBase: string; policyPath: string; read: (blob: BlobNode) => Promise<FileContent> };

/**
 * Both trees as a checkout shows them: listed whole, link texts read in one query, resolved, and
 * the sources that differ between base and head read in one more. Throws LinkError when a tree is
 * too big to list whole (what a link points to cannot be known then).
 */
export async function linkView(api: GitHubApi, repo: Repo, sides: { base: string; head: string | Listing }, opts: Opts): Promise<LinkView> {
  const headListing = typeof sides.head === "string" ? listTree(api, repo, sides.head) : sides.head;
  const listed = (await Promise.all([listTree(api, repo, sides.base), headListing])).map(whole);
  const links = listed.flatMap((l, n) => [...l.entries].filter(([, e]) => e.mode === "120000").map(([path]) => ({ id: `link:${n}:${path}`, expression: `${l.sha}:${path}` })));
  const texts = links.length ? (await api.snapshot(repo, links, { baseSha: opts.policyBase, policyPath: opts.policyPath })).blobs : new Map<string, BlobNode | null>();
  const [base, head] = listed.map((l, n): Side => {
    for (const [path, e] of l.entries) if (e.mode === "120000") e.target = texts.get(`link:${n}:${path}`)?.text ?? "";
    return { ...l, plan: resolveTree(l.entries, opts.wanted, opts.include ? { include: opts.include } : {}) };
  }) as [Side, Side];
  const decided = new Set([...linked(base), ...linked(head)]);
  const out = await readDiffering(api, repo, [base, head], new Map([...decided].map((p) => [p, [base.plan.get(p), head.plan.get(p)]])), opts);
  // The same link text or submodule commit at both sides reads nothing new there.
  settleUnchanged(out.base, out.head);
  const more = async (paths: readonly string[]) => {
    const pairs = new Map<string, [Resolved | undefined, Resolved | undefined]>();
    for (const p of paths) {
      const [b, h] = [resolvePath(base.entries, p), resolvePath(head.entries, p)];
      // Only where a link decides the path: a plain file there was read by its own path.
      const plain = (r: Resolved | undefined) => r === undefined || ("source" in r && r.source === p);
      if (!plain(b) || !plain(h)) pairs.set(p, [b, h]);
    }
    const found = await readDiffering(api, repo, [base, head], pairs, opts);
    settleUnchanged(found.base, found.head);
    return found;
  };
  return { ...out, special: { base: specials(base), head: specials(head) }, more };
}

/**
 * The contents of shown paths at each side, read in one query; skipped where both sides show the
 * same source blob through a link (nothing is then left at that path on either side). Where one side
 * is the regular file at the path, both are read even when the blobs match: the link's side is
 * dropped as `special` and needs the content, or a file swapped for a link to the same text (or
 * back) would read as removed (or added).
 */
async function readDiffering(api: GitHubApi, repo: Repo, sides: [Side, Side], pairs: Map<string, [Resolved | undefined, Resolved | undefined]>, opts: Opts) {
  const out = { base: new Map<string, FileContent>(), head: new Map<string, FileContent>() };
  const reads: (BlobRequest & { side: 0 | 1; path: string; source: string })[] = [];
  for (const [path, [b, h]] of pairs) {
    const linkedBoth = b && h && "source" in b && "source" in h && b.source !== path && h.source !== path;
    if (linkedBoth && sides[0].entries.get(b.source)?.blob === sides[1].entries.get(h.source)?.blob) continue;
    for (const [n, r] of [[0, b], [1, h]] as const) {
      if (!r) continue;
      if ("source" in r) reads.push({ id: `source:${n}:${path}`, expression: `${sides[n].sha}:${r.source}`, side: n, path, source: r.source });
      else (n === 0 ? out.base : out.head).set(path, r);
    }
  }
  if (!reads.length) return out;
  const blobs = (await api.snapshot(repo, reads, { baseSha: opts.policyBase, policyPath: opts.policyPath })).blobs;
  for (const r of reads) {
    const blob = blobs.get(r.id);
    (r.side === 0 ? out.base : out.head).set(r.path, blob ? await opts.read(blob) : { error: `${code(r.source)} could not be read through its symbolic link` });
  }
  return out;
}

function whole(l: Listing): Listing {
  if (l.truncated) throw new LinkError(`the change involves symbolic links or submodules and the tree of ${l.sha} is too big for GitHub to list whole (truncated), so what they point to cannot be known`);
  return l;
}

const specials = (s: Side) => new Set([...s.entries].filter(([, e]) => e.mode === "120000" || e.mode === "160000").map(([p]) => p));
/** Shown paths whose content is not the regular file at that path: through a link, or a problem. */
const linked = (s: Side) => [...s.plan].filter(([path, r]) => !("source" in r) || r.source !== path).map(([path]) => path);
