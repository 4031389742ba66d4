// The CLI's I/O: read capability files from a directory or from git objects (never the work tree).
// Both list their whole tree first (files, symbolic links, submodules) and let the core resolve
// links (src/core/links.ts); content is read only at the real paths it resolves to, all inside the
// tree: nothing outside the given directory or commit is ever read.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { readThrough, resolvePath, resolveTree, type Resolved, type TreeEntry } from "../core/links.js";
import { MAX_FILE_BYTES } from "../core/parse/text.js";
import type { FileContent } from "../core/review.js";

const SKIP_DIRS = new Set([".git", "node_modules"]);

export class InputError extends Error {}

/** A source of file contents: a directory or a git commit, as a checkout of it shows them. */
export interface TreeSource {
  /** Every in-scope path (through links). `include`: the policy's extra scope patterns. */
  readScope(inScope: (path: string) => boolean, include?: readonly string[]): Map<string, FileContent>;
  /** Named files (those that exist), for imports that no scope pattern names. */
  readPaths(paths: string[]): Map<string, FileContent>;
}

/** A file over the limit, named by `id` (its blob id, or digest) so that an untouched one is no change. */
const oversize = (size: number, id: string): FileContent => ({ error: `file is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit; it was not analysed`, id });

/** The SHA-256 of an open file, read in 1 MiB pieces (a file over the limit is never held whole). */
function digestOf(fd: number): string {
  const h = createHash("sha256");
  const chunk = Buffer.allocUnsafe(1 << 20);
  for (let n: number, at = 0; (n = readSync(fd, chunk, 0, chunk.length, at)) > 0; at += n) h.update(chunk.subarray(0, n));
  return `sha256:${h.digest("hex")}`;
}

/** A listing and a reader of its regular files, turned into a TreeSource through the core's link rules. */
function linkedSource(entries: () => Map<string, TreeEntry>, read: (sources: string[]) => Map<string, FileContent>): TreeSource {
  const through = (plan: Map<string, Resolved>) => {
    const sources = [...new Set([...plan.values()].flatMap((r) => ("source" in r ? [r.source] : [])))];
    const contents = read(sources);
    return readThrough(plan, (s) => contents.get(s));
  };
  return {
    readScope: (inScope, include) => through(resolveTree(entries(), inScope, include ? { include } : {})),
    readPaths(paths) {
      const plan = new Map<string, Resolved>();
      for (const p of paths) {
        const r = resolvePath(entries(), p);
        if (r) plan.set(p, r);
      }
      return through(plan);
    },
  };
}

export function dirSource(dir: string): TreeSource {
  const root = realRoot(dir);
  let listing: Map<string, TreeEntry> | undefined;
  return linkedSource(() => (listing ??= listDir(root)), (sources) => new Map(sources.map((s) => [s, readInside(root, s)])));
}

/** Every in-scope file under `dir`, symbolic links resolved inside it. */
export function readTree(dir: string, inScope: (path: string) => boolean, include?: readonly string[]): Map<string, FileContent> {
  return dirSource(dir).readScope(inScope, include);
}

function realRoot(dir: string): string {
  try {
    // The directory itself may be given through a link: the user named it.
    if (!statSync(dir).isDirectory()) throw new InputError(`not a directory: ${dir}`);
    return realpathSync(dir);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Files, links (with their targets) and other entries under `root`, without following links. */
function listDir(root: string): Map<string, TreeEntry> {
  const out = new Map<string, TreeEntry>();
  const walk = (d: string) => {
    let list;
    try {
      list = readdirSync(d, { withFileTypes: true });
    } catch (e) {
      if (d === root) throw new InputError(`cannot read directory ${root}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      // A folder that cannot be listed (permissions) fails closed where the scope reaches it.
      out.set(relative(root, d).split(sep).join("/"), { mode: "unreadable" });
      return;
    }
    // Listed even when empty, so a link into it names the missing file, not the folder.
    if (d !== root) out.set(relative(root, d).split(sep).join("/"), { mode: "040000" });
    for (const entry of list) {
      const full = join(d, entry.name);
      const path = relative(root, full).split(sep).join("/");
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name)) out.set(path, { mode: "opaque" });
        else walk(full);
      } else if (entry.isFile()) out.set(path, { mode: "100644" });
      else if (entry.isSymbolicLink()) out.set(path, { mode: "120000", target: readlinkSync(full) });
      else out.set(path, { mode: "special" });
    }
  };
  walk(root);
  return out;
}

/**
 * A regular file at real path `rel` under `root`, read without following any link: its folder's
 * real path must be where the listing found it, and the file itself is opened with O_NOFOLLOW.
 */
function readInside(root: string, rel: string): FileContent {
  const full = join(root, ...rel.split("/"));
  let fd: number | undefined;
  try {
    if (realpathSync(dirname(full)) !== dirname(full)) return { error: `${rel} moved out of the tree while it was read; it was not analysed` };
    fd = openSync(full, constants.O_RDONLY | constants.O_NOFOLLOW);
    const st = fstatSync(fd);
    if (!st.isFile()) return { error: `${rel} is not a regular file; it was not read` };
    return st.size > MAX_FILE_BYTES ? oversize(st.size, digestOf(fd)) : readFileSync(fd);
  } catch (e) {
    return { error: `${rel} could not be read (${(e as NodeJS.ErrnoException).code ?? "error"})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface GitSource extends TreeSource {
  commit: string;
}

export function gitSource(repo: string, ref: string): GitSource {
  if (ref.startsWith("-")) throw new InputError(`not a git ref: ${ref}`);
  const commit = git(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).toString().trim();
  let listing: Map<string, GitEntry> | undefined;
  const entries = () => (listing ??= listGitTree(repo, commit));
  return { commit, ...linkedSource(entries, (sources) => readBlobs(repo, sources.map((s) => ({ path: s, ...entries().get(s)! })))) };
}

function git(repo: string, args: string[], input?: string): Buffer {
  try {
    return execFileSync("git", ["-C", repo, ...args], { input, maxBuffer: 1 << 30, stdio: ["pipe", "pipe", "pipe"] });
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? "").trim().split("\n")[0];
    throw new InputError(`git ${args[0]} failed in ${repo}: ${stderr || (e as Error).message}`);
  }
}

interface GitEntry extends TreeEntry {
  sha: string;
  size: number;
}

/** Every entry of a commit with its mode; links carry their targets (one more git process when there are links). */
function listGitTree(repo: string, commit: string): Map<string, GitEntry> {
  const listing = git(repo, ["ls-tree", "-r", "-z", "--long", "--full-tree", commit]).toString("utf8");
  const out = new Map<string, GitEntry>();
  for (const row of listing.split("\0")) {
    // The size is `-` for a submodule and `BAD` for a blob missing from the repository: kept, then failed closed when read.
    const m = /^(\d+) (blob|commit) ([0-9a-f]+) +(\S+)\t(.*)$/s.exec(row);
    if (m) out.set(m[5]!, { mode: m[1]!, sha: m[3]!, size: Number(m[4]), ...(m[2] === "commit" ? { oid: m[3]! } : {}) });
  }
  const links = [...out].filter(([, e]) => e.mode === "120000").map(([path, e]) => ({ path, ...e }));
  // A link whose text cannot be read keeps no target: the core reports it as unreadable.
  for (const [path, target] of readBlobs(repo, links)) if (target instanceof Uint8Array) out.get(path)!.target = Buffer.from(target).toString("utf8");
  return out;
}

/** Blobs by path, read with one git process whatever their number. */
function readBlobs(repo: string, wanted: { path: string; sha: string; size: number }[]): Map<string, FileContent> {
  const files = new Map<string, FileContent>();
  const small = wanted.filter((w) => !(w.size > MAX_FILE_BYTES));
  for (const w of wanted) if (w.size > MAX_FILE_BYTES) files.set(w.path, oversize(w.size, `git:${w.sha}`));
  if (small.length === 0) return files;
  const out = git(repo, ["cat-file", "--batch"], small.map((w) => w.sha).join("\n") + "\n");
  let at = 0;
  for (const w of small) {
    const nl = out.indexOf(10, at);
    // `<sha> blob <size>`, or `<sha> missing` (a partial clone): never read past a header we do not understand.
    const [, type, sizeText] = out.subarray(at, nl < 0 ? out.length : nl).toString().split(" ");
    const size = Number(sizeText);
    if (nl < 0 || type !== "blob" || !Number.isSafeInteger(size) || nl + 1 + size > out.length) {
      files.set(w.path, { error: `git could not give the content of ${w.path} (${type ?? "no answer"}); it was not analysed` });
      if (nl < 0) break;
      at = nl + 1;
      continue;
    }
    files.set(w.path, out.subarray(nl + 1, nl + 1 + size));
    at = nl + 1 + size + 1;
  }
  for (const w of small) if (!files.has(w.path)) files.set(w.path, { error: `git could not give the content of ${w.path}; it was not analysed` });
  return files;
}

/**
 * Renames from `base` to `head` (new path → old path) by git's rename detection. `-z` keeps odd
 * names (quotes, tabs, newlines, non-ASCII) as they are.
 */
export function gitRenames(repo: string, base: string, head: string): Map<string, string> {
  const tokens = git(repo, ["diff", "--name-status", "-z", "-M", "--no-ext-diff", base, head, "--"]).toString("utf8").split("\0");
  const out = new Map<string, string>();
  for (let i = 0; i < tokens.length - 1; ) {
    const status = tokens[i++]!;
    if (/^[RC]/.test(status)) {
      const from = tokens[i++]!;
      const to = tokens[i++]!;
      if (status.startsWith("R")) out.set(to, from);
    } else i++;
  }
  return out;
}

/** Renames between two directories: a path only in `head` whose bytes equal a path only in `base`. */
export function identicalRenames(base: ReadonlyMap<string, FileContent>, head: ReadonlyMap<string, FileContent>): Map<string, string> {
  const keyOf = (c: FileContent) => (typeof c === "string" ? Buffer.from(c).toString("latin1") : c instanceof Uint8Array ? Buffer.from(c).toString("latin1") : undefined);
  const gone = new Map<string, string[]>();
  for (const [path, c] of [...base].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const k = head.has(path) ? undefined : keyOf(c);
    if (k !== undefined) gone.set(k, [...(gone.get(k) ?? []), path]);
  }
  const out = new Map<string, string>();
  for (const [path, c] of [...head].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const k = base.has(path) ? undefined : keyOf(c);
    const from = k === undefined ? undefined : gone.get(k)?.shift();
    if (from !== undefined) out.set(path, from);
  }
  return out;
}
