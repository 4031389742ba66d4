// The CLI's I/O: read capability files from a directory or from git objects (never the work tree).
import { execFileSync } from "node:child_process";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { MAX_FILE_BYTES } from "../core/parse/text.js";
import type { FileContent } from "../core/review.js";

const SKIP_DIRS = new Set([".git", "node_modules"]);

export class InputError extends Error {}

/** A source of file contents: a directory or a git commit. */
export interface TreeSource {
  /** Every in-scope file. */
  readScope(inScope: (path: string) => boolean): Map<string, FileContent>;
  /** Named files (those that exist), for imports that no scope pattern names. */
  readPaths(paths: string[]): Map<string, FileContent>;
}

export function dirSource(dir: string): TreeSource {
  return {
    readScope: (inScope) => readTree(dir, inScope),
    readPaths(paths) {
      const out = new Map<string, FileContent>();
      for (const path of paths) {
        const full = join(dir, ...path.split("/"));
        try {
          const st = lstatSync(full);
          if (!st.isFile()) continue;
          out.set(path, st.size > MAX_FILE_BYTES ? { error: `file is ${st.size} bytes, over the ${MAX_FILE_BYTES}-byte limit; it was not analysed` } : readFileSync(full));
        } catch {
          // An import of a file that does not exist imports nothing.
        }
      }
      return out;
    },
  };
}

export function gitSource(repo: string, ref: string): TreeSource {
  const commit = git(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).toString().trim();
  return {
    readScope: (inScope) => readGitTree(repo, commit, inScope),
    readPaths: (paths) => readGitTree(repo, commit, (p) => paths.includes(p)),
  };
}

/** Every in-scope regular file under `dir` (symlinks are not followed). */
export function readTree(dir: string, inScope: (path: string) => boolean): Map<string, FileContent> {
  const files = new Map<string, FileContent>();
  try {
    if (!lstatSync(dir).isDirectory()) throw new InputError(`not a directory: ${dir}`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
        continue;
      }
      if (!entry.isFile()) continue;
      const path = relative(dir, full).split(sep).join("/");
      if (!inScope(path)) continue;
      const size = lstatSync(full).size;
      files.set(path, size > MAX_FILE_BYTES ? { error: `file is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit; it was not analysed` } : readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

function git(repo: string, args: string[], input?: string): Buffer {
  try {
    return execFileSync("git", ["-C", repo, ...args], { input, maxBuffer: 1 << 30, stdio: ["pipe", "pipe", "pipe"] });
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? "").trim().split("\n")[0];
    throw new InputError(`git ${args[0]} failed in ${repo}: ${stderr || (e as Error).message}`);
  }
}

/** In-scope blobs of a commit, read with two git processes whatever the number of files. */
export function readGitTree(repo: string, ref: string, inScope: (path: string) => boolean): Map<string, FileContent> {
  const commit = git(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).toString().trim();
  const listing = git(repo, ["ls-tree", "-r", "-z", "--long", "--full-tree", commit]).toString("utf8");
  const wanted: { path: string; sha: string; size: number }[] = [];
  for (const row of listing.split("\0")) {
    const m = /^\d+ blob ([0-9a-f]+)\s+(\d+|-)\t(.*)$/s.exec(row);
    if (m && inScope(m[3]!)) wanted.push({ sha: m[1]!, size: Number(m[2]), path: m[3]! });
  }
  const files = new Map<string, FileContent>();
  const small = wanted.filter((w) => w.size <= MAX_FILE_BYTES);
  for (const w of wanted) if (w.size > MAX_FILE_BYTES) files.set(w.path, { error: `file is ${w.size} bytes, over the ${MAX_FILE_BYTES}-byte limit; it was not analysed` });
  if (small.length === 0) return files;
  const out = git(repo, ["cat-file", "--batch"], small.map((w) => w.sha).join("\n") + "\n");
  let at = 0;
  for (const w of small) {
    const nl = out.indexOf(10, at);
    const header = out.subarray(at, nl).toString();
    const size = Number(header.split(" ")[2]);
    files.set(w.path, out.subarray(nl + 1, nl + 1 + size));
    at = nl + 1 + size + 1;
  }
  return files;
}
