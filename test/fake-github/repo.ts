// The in-memory repositories of the fake GitHub API: commits as path → content maps with parents,
// blob ids computed as git does, merge bases, and compare/pull-file listings with unified diffs.
import { createHash } from "node:crypto";
import { structuredPatch } from "diff";

export type Content = string | Buffer;
/** A symbolic link (its blob is the target text) or a submodule (a commit of another repository). */
export type Special = { link: string } | { submodule: string };
export const symlink = (target: string): Special => ({ link: target });
export const submodule = (commit: string): Special => ({ submodule: commit });

/** Git's mode of a path in a commit, and a submodule's commit. */
export interface Mode {
  mode: "120000" | "160000";
  commit?: string;
}

export interface Commit {
  sha: string;
  parents: string[];
  files: Map<string, Buffer>;
  /** Paths that are not regular files (symbolic links, submodules); every other path is 100644. */
  modes: Map<string, Mode>;
  /** Login of the commit's author. */
  author: string;
  /** Login of its committer, when it is not the author. */
  committer?: string;
  /** The commit message (`Co-authored-by:` trailers name further authors, as on GitHub). */
  message?: string;
}

export interface PullRequest {
  number: number;
  baseRef: string;
  baseSha: string;
  headRef: string;
  headSha: string;
  author: string;
  state: "open" | "closed";
  /** A fork's pull request: the repository its head branch lives in. */
  headRepo?: { owner: string; name: string };
}

/** A collaborator's role (`role_name`); GitHub's `permission` folds maintain into write, triage into read. */
export type Role = "admin" | "maintain" | "write" | "triage" | "read";

export interface FileEntry {
  sha: string;
  filename: string;
  status: "added" | "modified" | "removed" | "renamed";
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
  previous_filename?: string;
}

/** GitHub's blob id: sha1 of `blob <size>\0<bytes>`. */
export function blobSha(bytes: Buffer): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

const isBinary = (b: Buffer) => b.includes(0);

/** A stable id for folder `dir` of a commit: over its paths, modes and blob ids. */
function sha1Of(c: Commit, dir: string): string {
  const h = createHash("sha1");
  for (const [path, bytes] of [...c.files].sort(([a], [b]) => (a < b ? -1 : 1))) if (path.startsWith(`${dir}/`)) h.update(`${path}\0${c.modes.get(path)?.mode ?? ""}${blobSha(bytes)}\0`);
  return h.digest("hex");
}

export class FakeRepo {
  readonly commits = new Map<string, Commit>();
  readonly branches = new Map<string, string>();
  readonly pulls = new Map<number, PullRequest>();
  readonly blobs = new Map<string, Buffer>();
  /** Lower-case login → role; anyone else is not a collaborator (404). */
  readonly collaborators = new Map<string, Role>();
  defaultBranch = "main";
  /** The trees API answers `truncated: true` with half the entries (a tree too big to list). */
  truncatedTrees = false;
  private counter = 0;

  constructor(
    readonly owner: string,
    readonly name: string,
  ) {}

  /**
   * Record a commit. `files` is the whole tree, or with `parent` only the changes (`null` deletes).
   * Returns its sha (deterministic from the content, the parents and a counter).
   */
  commit(files: Record<string, Content | Special | null>, opts: { parent?: string; branch?: string; author?: string; committer?: string; message?: string } = {}): string {
    const tree = new Map<string, Buffer>(opts.parent ? this.need(opts.parent).files : []);
    const modes = new Map<string, Mode>(opts.parent ? this.need(opts.parent).modes : []);
    for (const [path, content] of Object.entries(files)) {
      modes.delete(path);
      if (content === null) tree.delete(path);
      else if (typeof content === "object" && "link" in content) tree.set(path, Buffer.from(content.link, "utf8")), modes.set(path, { mode: "120000" });
      // GitHub's compare shows a submodule as this one-line text.
      else if (typeof content === "object" && "submodule" in content) tree.set(path, Buffer.from(`Subproject commit ${content.submodule}\n`)), modes.set(path, { mode: "160000", commit: content.submodule });
      else tree.set(path, typeof content === "string" ? Buffer.from(content, "utf8") : content);
    }
    const h = createHash("sha1").update(`commit ${++this.counter}\0${opts.parent ?? ""}\0`);
    for (const [path, bytes] of [...tree].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const oid = blobSha(bytes);
      this.blobs.set(oid, bytes);
      h.update(`${path}\0${modes.get(path)?.mode ?? ""}${oid}\0`);
    }
    const sha = h.digest("hex");
    this.commits.set(sha, { sha, parents: opts.parent ? [opts.parent] : [], files: tree, modes, author: opts.author ?? "octocat", ...(opts.committer ? { committer: opts.committer } : {}), ...(opts.message ? { message: opts.message } : {}) });
    if (opts.branch) this.branches.set(opts.branch, sha);
    return sha;
  }

  /** Open a pull request, or move an existing one (its author and state stay unless given). */
  openPull(pr: Omit<PullRequest, "baseRef" | "headRef" | "author" | "state"> & Partial<PullRequest>): PullRequest {
    const full: PullRequest = { baseRef: this.defaultBranch, headRef: `topic-${pr.number}`, author: "octocat", state: "open", ...this.pulls.get(pr.number), ...pr };
    this.pulls.set(pr.number, full);
    return full;
  }

  closePull(number: number): void {
    this.pulls.get(number)!.state = "closed";
  }

  addCollaborator(login: string, role: Role): void {
    this.collaborators.set(login.toLowerCase(), role);
  }

  need(sha: string): Commit {
    const c = this.commits.get(sha);
    if (!c) throw new Error(`no commit ${sha}`);
    return c;
  }

  /** A sha, a branch name or `HEAD` (the default branch) → the commit, if any. */
  resolve(rev: string): Commit | undefined {
    if (rev === "HEAD") rev = this.defaultBranch;
    const sha = this.branches.get(rev) ?? rev;
    return this.commits.get(sha);
  }

  /**
   * The entries of folder `dir` (`""`: the root) in commit `rev`, as git's tree lists them, or
   * undefined when no such folder exists there (also when the path runs through a link).
   */
  treeEntries(rev: string, dir: string): { name: string; path: string; mode: string; type: "blob" | "tree" | "commit"; oid: string }[] | undefined {
    const c = this.resolve(rev);
    if (!c) return undefined;
    const prefix = dir === "" ? "" : `${dir}/`;
    const out = new Map<string, { name: string; path: string; mode: string; type: "blob" | "tree" | "commit"; oid: string }>();
    for (const [path, bytes] of c.files) {
      if (!path.startsWith(prefix)) continue;
      const [name, ...rest] = path.slice(prefix.length).split("/");
      const at = prefix + name!;
      if (rest.length) {
        if (!out.has(name!)) out.set(name!, { name: name!, path: at, mode: "040000", type: "tree", oid: createHash("sha1").update(`tree ${sha1Of(c, at)}`).digest("hex") });
        continue;
      }
      const m = c.modes.get(path);
      out.set(name!, { name: name!, path: at, mode: m?.mode ?? "100644", type: m?.mode === "160000" ? "commit" : "blob", oid: m?.commit ?? blobSha(bytes) });
    }
    return out.size || dir === "" ? [...out.values()].sort((a, b) => (a.name < b.name ? -1 : 1)) : undefined;
  }

  /** Every entry of commit `rev`, folders included, as the recursive tree listing gives them. */
  allEntries(rev: string): { path: string; mode: string; type: "blob" | "tree" | "commit"; oid: string }[] {
    const out: { path: string; mode: string; type: "blob" | "tree" | "commit"; oid: string }[] = [];
    const walk = (dir: string) => {
      for (const e of this.treeEntries(rev, dir) ?? []) {
        out.push({ path: e.path, mode: e.mode, type: e.type, oid: e.oid });
        if (e.type === "tree") walk(e.path);
      }
    };
    walk("");
    return out;
  }

  /** Commits reachable from `head` but not from `base`, oldest first (a pull request's commits). */
  commitsBetween(base: string, head: string): Commit[] {
    const stop = this.mergeBase(base, head);
    const out: Commit[] = [];
    let sha: string | undefined = head;
    while (sha && sha !== stop) {
      const c = this.commits.get(sha);
      if (!c) break;
      out.unshift(c);
      sha = c.parents[0];
    }
    return out;
  }

  /** The nearest common ancestor (first found breadth-first from `head`). */
  mergeBase(base: string, head: string): string | undefined {
    const ancestors = new Set<string>();
    const walk = [base];
    while (walk.length) {
      const sha = walk.shift()!;
      if (ancestors.has(sha)) continue;
      ancestors.add(sha);
      walk.push(...(this.commits.get(sha)?.parents ?? []));
    }
    const queue = [head];
    const seen = new Set<string>();
    while (queue.length) {
      const sha = queue.shift()!;
      if (ancestors.has(sha)) return sha;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(this.commits.get(sha)?.parents ?? []));
    }
    // Unrelated histories (commits seeded without parents): compare against the base itself.
    return this.commits.has(base) ? base : undefined;
  }

  /** Files changed from `from` to `to`, sorted by path, with renames of identical content detected. */
  diffFiles(from: string, to: string): FileEntry[] {
    const a = this.need(from).files;
    const b = this.need(to).files;
    const out: FileEntry[] = [];
    const added: string[] = [];
    const removed: string[] = [];
    for (const [path, bytes] of b) {
      const old = a.get(path);
      if (!old) added.push(path);
      else if (!old.equals(bytes)) out.push(entry(path, "modified", old, bytes));
    }
    for (const path of a.keys()) if (!b.has(path)) removed.push(path);
    for (const path of added) {
      const bytes = b.get(path)!;
      const i = removed.findIndex((r) => a.get(r)!.equals(bytes));
      if (i >= 0) {
        const [old] = removed.splice(i, 1);
        out.push({ ...entry(path, "renamed", bytes, bytes), previous_filename: old! });
      } else out.push(entry(path, "added", undefined, bytes));
    }
    for (const path of removed) out.push(entry(path, "removed", a.get(path), undefined));
    return out.sort((x, y) => (x.filename < y.filename ? -1 : x.filename > y.filename ? 1 : 0));
  }
}

function entry(path: string, status: FileEntry["status"], before: Buffer | undefined, after: Buffer | undefined): FileEntry {
  const sha = blobSha(after ?? before!);
  const base = { sha, filename: path, status };
  if ((before && isBinary(before)) || (after && isBinary(after)) || status === "renamed") {
    return { ...base, additions: 0, deletions: 0, changes: 0 };
  }
  const { patch, additions, deletions } = unifiedDiff(before?.toString("utf8") ?? "", after?.toString("utf8") ?? "");
  return { ...base, additions, deletions, changes: additions + deletions, ...(patch ? { patch } : {}) };
}

/** A unified diff as GitHub puts it in `patch`: hunks only, three lines of context, no file headers. */
export function unifiedDiff(before: string, after: string): { patch: string; additions: number; deletions: number } {
  const p = structuredPatch("a", "b", before, after, "", "", { context: 3 });
  let additions = 0;
  let deletions = 0;
  const lines: string[] = [];
  for (const h of p.hunks) {
    // GitHub writes `-0,0` for an added file and omits a count of 1.
    const range = (start: number, n: number) => (n === 1 ? `${start}` : `${n === 0 ? 0 : start},${n}`);
    lines.push(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`);
    for (const l of h.lines) {
      if (l.startsWith("+")) additions++;
      else if (l.startsWith("-")) deletions++;
      lines.push(l);
    }
  }
  return { patch: lines.join("\n"), additions, deletions };
}

/** New-side lines a review comment may sit on (added or context lines of the patch). */
export function commentableLines(patch: string | undefined): Set<number> {
  const out = new Set<number>();
  let line = 0;
  for (const raw of (patch ?? "").split("\n")) {
    const m = /^@@ -\S+ \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (m) line = Number(m[1]);
    else if (raw.startsWith("+") || raw.startsWith(" ")) out.add(line++);
  }
  return out;
}

export { isBinary };
