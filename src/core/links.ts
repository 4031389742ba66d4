// Symbolic links and submodules, resolved as an agent's checkout sees them. Pure: a listing of a
// tree in, the paths to review and where their content comes from out. Used by the CLI (git
// objects and directories) and meant for the app as well (same rules at base and head).
//
// API
//   TreeEntry       { mode, target?, oid? }: git's mode ("100644"/"100755" file, "120000" symbolic
//                   link, "160000" submodule, "040000" directory (optional: directories are implied
//                   by the paths under them)); any other mode is a special file (a FIFO, a device)
//                   or a folder that was not listed on purpose ("opaque": only a link into it is a
//                   problem), or "unreadable" (a folder that could not be listed). `target` is a
//                   link's text (its blob).
//                   `oid` names a submodule's commit (it enters the message, so a bump is a change).
//   resolveTree(entries, wanted, opts?) → Map<path, Resolved>: every path `wanted` accepts, as the
//                   checkout shows it: regular files at their own paths, a link to a file at the
//                   link's path, a link to a directory exposing that directory's files under the
//                   link's path (`.claude -> cfg/claude` reads `cfg/claude/settings.json` as
//                   `.claude/settings.json`). A link leaving the tree, a dangling link, a loop, a
//                   submodule or a special file at or above a wanted path is a LinkProblem, keyed at
//                   the link's path (or, when that is no wanted path, at the first wanted path under
//                   it, such as `vendor/AGENTS.md`).
//   resolvePath(entries, path) → Resolved | undefined: one path through links (an `@import`);
//                   undefined when the path does not exist and no link was involved.
//   readThrough(plan, read) → Map<path, FileContent>: the contents, `read(source)` for each source.
//   settleUnchanged(base, head): drops the LinkProblems that are identical at base and head (same
//                   link text, same submodule commit): nothing an agent reads changed there.
// `entries` must list every entry (at least everything under the folders links point to): a path
// not listed does not exist. Paths are `/`-separated from the root, without a leading `/`.
import { DEFAULT_SCOPE } from "./scope.js";
import { SURFACES } from "./surfaces/index.js";
import type { FileContent } from "./review.js";
import { code } from "./rules/types.js";

export interface TreeEntry {
  mode: string;
  target?: string;
  oid?: string;
}

/**
 * Why a path cannot be reviewed. `identity`, when present: the problem is fully determined by the
 * listing (link texts, submodule commits), written out whole (see settleUnchanged).
 */
export interface LinkProblem {
  error: string;
  identity?: string;
}

export type Resolved = { source: string } | LinkProblem;

/** Links followed to resolve one path (Linux allows 40; real trees need a handful). */
export const MAX_LINK_HOPS = 16;
/** Directory links expanded inside one another. */
export const MAX_LINK_NESTING = 8;
/** Entries visited through directory links per tree: links can multiply a tree exponentially. */
export const MAX_LINKED_ENTRIES = 20_000;

type Kind = "file" | "link" | "submodule" | "dir" | "special";

interface Index {
  kind(path: string): Kind | undefined;
  children(dir: string): string[];
  entry(path: string): TreeEntry | undefined;
}

function kindOf(mode: string): Kind {
  if (mode === "100644" || mode === "100755" || mode === "100664") return "file";
  if (mode === "120000") return "link";
  if (mode === "160000") return "submodule";
  if (mode === "040000" || mode === "40000") return "dir";
  return "special";
}

const indexes = new WeakMap<ReadonlyMap<string, TreeEntry>, Index>();
/** The folders of a listing, built once per listing (resolvePath is called once per import). */
function indexOf(entries: ReadonlyMap<string, TreeEntry>): Index {
  let ix = indexes.get(entries);
  if (!ix) indexes.set(entries, (ix = buildIndex(entries)));
  return ix;
}

function buildIndex(entries: ReadonlyMap<string, TreeEntry>): Index {
  const dirs = new Map<string, Set<string>>([["", new Set()]]);
  for (const [path, e] of entries) {
    const parts = path.split("/");
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      let set = dirs.get(dir);
      if (!set) dirs.set(dir, (set = new Set()));
      set.add(parts[i]!);
    }
    if (kindOf(e.mode) === "dir" && !dirs.has(path)) dirs.set(path, new Set());
  }
  return {
    kind: (p) => (p === "" ? "dir" : entries.has(p) && kindOf(entries.get(p)!.mode) !== "dir" ? kindOf(entries.get(p)!.mode) : dirs.has(p) ? "dir" : undefined),
    children: (d) => [...(dirs.get(d) ?? [])].sort(),
    entry: (p) => entries.get(p),
  };
}

type Walk = { real: string; kind: Kind; hops: number } | { problem: LinkProblem } | { missing: true; hops: number };

/** A determined problem: names (strings) shown as code spans in `error`, kept whole in `identity`. */
function say(parts: TemplateStringsArray, ...names: (string | number)[]): LinkProblem {
  const join = (f: (n: string) => string) =>
    parts.reduce((acc, part, i) => acc + part + (i < names.length ? (typeof names[i] === "number" ? String(names[i]) : f(names[i] as string)) : ""), "");
  return { error: join(code), identity: join((n) => JSON.stringify(n)) };
}
const problem = (p: LinkProblem): { problem: LinkProblem } => ({ problem: p });
const isProblem = (r: Resolved): r is LinkProblem => "error" in r;

/** Resolve `path` component by component, following links as the file system would. */
function walk(ix: Index, path: string): Walk {
  const queue = path.split("/");
  const cur: string[] = [];
  let hops = 0;
  let via: { link: string; target: string } | undefined;
  // The last link followed names the problem: its path and its text.
  const leaves = (absolute: boolean): { problem: LinkProblem } => {
    if (!via) return problem(say`${path} leaves the repository`);
    const p = absolute ? say`symbolic link ${via.link} -> ${via.target} leaves the repository (an absolute path)` : say`symbolic link ${via.link} -> ${via.target} leaves the repository`;
    return problem({ ...p, error: `${p.error}; what it points to was not reviewed` });
  };
  while (queue.length) {
    const seg = queue.shift()!;
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (!cur.length) return leaves(false);
      cur.pop();
      continue;
    }
    const at = [...cur, seg].join("/");
    const kind = ix.kind(at);
    if (kind === undefined) return via ? problem(say`symbolic link ${via.link} -> ${via.target} points to ${at}, which does not exist`) : { missing: true, hops };
    if (kind === "link") {
      const target = ix.entry(at)!.target;
      if (target === undefined) return problem(say`symbolic link ${at} could not be read (its target is unknown)`);
      if (++hops > MAX_LINK_HOPS) return problem(say`symbolic links loop: more than ${MAX_LINK_HOPS} followed to resolve ${path}`);
      via = { link: at, target };
      if (target.startsWith("/")) return leaves(true);
      if (target === "") return problem(say`symbolic link ${at} has an empty target`);
      queue.unshift(...target.split("/"));
      continue;
    }
    const e = ix.entry(at)!;
    if (kind === "submodule") return problem(say`${at} is a submodule (commit ${e.oid ?? "unknown"}), another repository whose files are not reviewed`);
    // No identity for these two: what they hide is not in the listing, so "unchanged" cannot be known.
    if (kind === "special" && e.mode === "opaque") return problem({ error: say`${at} is a folder that is not read (.git, node_modules); nothing through it was reviewed`.error });
    if (kind === "special" && e.mode === "unreadable") return problem({ error: say`${at} could not be listed; nothing in it was reviewed`.error });
    if (kind === "special") return problem(say`${at} is not a regular file or folder (mode ${e.mode}); it was not read`);
    if (kind === "file" && queue.some((s) => s !== "" && s !== ".")) {
      return via ? problem(say`symbolic link ${via.link} -> ${via.target} goes through ${at}, a file, not a folder`) : { missing: true, hops };
    }
    cur.push(seg);
  }
  const real = cur.join("/");
  return { real, kind: ix.kind(real)!, hops };
}

export function resolvePath(entries: ReadonlyMap<string, TreeEntry>, path: string): Resolved | undefined {
  const w = walk(indexOf(entries), path);
  if ("problem" in w) return w.problem;
  if ("missing" in w || w.kind !== "file") return undefined;
  return { source: w.real };
}

/**
 * Each `open`...`close` group (up to the first `close` after it) replaced by `f` of its inside. With
 * indexOf: the patterns `\{([^,}]*)[^}]*\}` and `\[[^\]]*\]` rescanned from every unclosed `{` or `[`.
 */
function eachGroup(s: string, open: string, close: string, f: (body: string) => string): string {
  let out = "";
  let from = 0;
  for (let at = s.indexOf(open); at >= 0; at = s.indexOf(open, from)) {
    const end = s.indexOf(close, at + 1);
    if (end < 0) break; // none after this one: none after the later ones either
    out += s.slice(from, at) + f(s.slice(at + 1, end));
    from = end + 1;
  }
  return out + s.slice(from);
}

/**
 * Example paths for "is anything under this folder in scope": each scope pattern made concrete
 * (`*` → `x`, a brace list → its first item). Those starting with `**` apply under any folder.
 */
function probesOf(patterns: readonly string[]): { anywhere: string[]; rooted: string[] } {
  const anywhere = new Set<string>();
  const rooted = new Set<string>();
  for (const p of patterns) {
    const concrete = eachGroup(eachGroup(p, "{", "}", (body) => body.split(",")[0]!), "[", "]", () => "x").replace(/\*\*|\*|\?/g, "x");
    if (p.startsWith("**/")) anywhere.add(concrete.slice(1)); // "x/AGENTS.md" → "/AGENTS.md"
    else rooted.add(concrete);
  }
  return { anywhere: [...anywhere], rooted: [...rooted] };
}

export interface ResolveOptions {
  /** Scope patterns besides the defaults (the policy's `paths.include`), to find wanted paths under a folder. */
  include?: readonly string[];
}

export function resolveTree(entries: ReadonlyMap<string, TreeEntry>, wanted: (path: string) => boolean, opts: ResolveOptions = {}): Map<string, Resolved> {
  const ix = indexOf(entries);
  const out = new Map<string, Resolved>();
  const probes = probesOf([...DEFAULT_SCOPE, ...SURFACES.flatMap((s) => s.patterns), ...(opts.include ?? [])]);
  // Where a problem at `path` is reported: the path itself, or a wanted path under it; none: no scope path is concerned.
  const keyFor = (path: string): string | undefined => {
    if (wanted(path)) return path;
    return probes.anywhere.map((t) => `${path}${t}`).find(wanted) ?? probes.rooted.find((r) => r.startsWith(`${path}/`) && wanted(r));
  };
  const fail = (path: string, p: LinkProblem) => {
    const key = keyFor(path);
    if (key !== undefined && !out.has(key)) out.set(key, key === path ? p : { ...p, error: `${p.error}: nothing under ${code(path)} (such as ${code(key)}) was reviewed` });
  };
  let budget = MAX_LINKED_ENTRIES;
  // The files under real folder `real`, seen at `shown` (behind `nesting` directory links).
  const expand = (shown: string, real: string, nesting: number): void => {
    for (const name of ix.children(real)) {
      const at = `${shown}/${name}`;
      // Not determined by the link texts alone (what lies past the budget may change): never settled.
      if (--budget < 0) return fail(shown, { error: `more than ${MAX_LINKED_ENTRIES} entries are reachable through symbolic links; the tree was not reviewed past them` });
      const kind = ix.kind(`${real}/${name}`);
      if (kind === "file") {
        if (wanted(at)) out.set(at, { source: `${real}/${name}` });
      } else if (kind === "dir") expand(at, `${real}/${name}`, nesting);
      else if (kind === "link") follow(at, `${real}/${name}`, nesting);
      else if (!opaque(ix.entry(`${real}/${name}`))) fail(at, walkProblem(ix, `${real}/${name}`));
    }
  };
  // A link at real path `real`, seen at `shown`.
  const follow = (shown: string, real: string, nesting: number): void => {
    const w = walk(ix, real);
    if ("problem" in w) return fail(shown, w.problem);
    const target = ix.entry(real)!.target ?? "";
    if ("missing" in w) return fail(shown, say`symbolic link ${real} -> ${target} points to nothing`);
    if (w.kind === "file") {
      if (wanted(shown)) out.set(shown, { source: w.real });
      return;
    }
    if (w.kind !== "dir") return;
    // A link to a folder holding the link itself (`a -> .`, `sub/up -> ..`) repeats the tree forever.
    if (w.real === "" || real.startsWith(`${w.real}/`)) return fail(shown, say`symbolic link ${real} -> ${target} loops (it points to a folder that contains it)`);
    if (nesting >= MAX_LINK_NESTING) return fail(shown, say`symbolic links to folders nest more than ${MAX_LINK_NESTING} deep at ${shown}`);
    expand(shown, w.real, nesting + 1);
  };
  for (const [path, e] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const kind = kindOf(e.mode);
    if (kind === "file" && wanted(path)) out.set(path, { source: path });
    else if (kind === "link") follow(path, path, 0);
    else if (kind === "submodule" || (kind === "special" && !opaque(e))) fail(path, walkProblem(ix, path));
  }
  return out;
}

/** A folder the lister skipped on purpose (.git, node_modules): only a link into it is a problem. */
const opaque = (e: TreeEntry | undefined) => e?.mode === "opaque";

function walkProblem(ix: Index, path: string): LinkProblem {
  const w = walk(ix, path);
  return "problem" in w ? w.problem : { error: `${code(path)} could not be resolved` };
}

/** The contents of a plan: `read(source)` for each resolved path (undefined: not read, a problem). */
export function readThrough(plan: ReadonlyMap<string, Resolved>, read: (source: string) => FileContent | undefined): Map<string, FileContent> {
  const out = new Map<string, FileContent>();
  for (const [path, r] of plan) {
    if (isProblem(r)) out.set(path, r);
    else out.set(path, read(r.source) ?? { error: `${code(r.source)} could not be read` });
  }
  return out;
}

const stableProblem = (c: FileContent | undefined): c is FileContent & Required<LinkProblem> =>
  typeof c === "object" && !(c instanceof Uint8Array) && typeof (c as Partial<LinkProblem>).identity === "string";

/** Drop the link problems identical at base and head: the same link text or submodule commit reads nothing new. */
export function settleUnchanged(base: Map<string, FileContent>, head: Map<string, FileContent>): void {
  for (const [path, b] of base) {
    const h = head.get(path);
    if (stableProblem(b) && stableProblem(h) && b.identity === h.identity && b.error === h.error) {
      base.delete(path);
      head.delete(path);
    }
  }
}
