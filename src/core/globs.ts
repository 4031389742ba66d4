// Glob matchers compiled once per glob list: compiling costs far more than matching (the ~100
// scope globs cost more than a whole small review). Bounded by the glob text kept, since globs
// come from each repository's policy: about 64 scope sets, or thousands of single allow globs.
import picomatch from "picomatch";

const MAX_KEPT_CHARS = 192_000;
const compiled = new Map<string, (value: string) => boolean>();
let keptChars = 0;

/** A matcher for any of `globs` (picomatch semantics, `dot: true`), compiled on first use. */
export function globMatcher(globs: readonly string[], options: { nocase?: boolean } = {}): (value: string) => boolean {
  const nocase = options.nocase ?? false;
  const key = `${nocase ? "i" : "c"}${JSON.stringify(globs)}`;
  let match = compiled.get(key);
  if (!match) {
    if (keptChars + key.length > MAX_KEPT_CHARS) {
      compiled.clear();
      keptChars = 0;
    }
    compiled.set(key, (match = compile(globs, nocase)));
    keptChars += key.length;
  }
  return match;
}

/**
 * picomatch's matcher for a list tries the globs one by one, each through a wrapper that builds two
 * objects per call: a path that matches none of the ~150 scope globs (most of a tree) cost about
 * 11 µs. This is the same test with picomatch's own expressions (`makeRe`, as its matcher builds
 * them) joined in groups: about 2.5x faster warm, and quicker to first answer. Groups of 32, not
 * one: a single expression of all the globs takes longer to compile than it saves in one review.
 * Where picomatch rewrites a path before matching it (backslashes on Windows), its matcher answers.
 */
const GROUP = 32;

function compile(globs: readonly string[], nocase: boolean): (value: string) => boolean {
  const options = { dot: true, nocase };
  // A glob equal to the path matches without its expression, so the probe compiles nothing.
  const rewrites = picomatch("x", options)("x", true).posix;
  if (rewrites || globs.length === 0 || globs.some((g) => typeof g !== "string" || g === "")) return picomatch([...globs], options);
  const regexes = globs.map((g) => picomatch.makeRe(g, { ...options, windows: false }));
  const flags = regexes[0]!.flags;
  if (regexes.some((r) => r.flags !== flags)) return picomatch([...globs], options);
  const groups: RegExp[] = [];
  try {
    for (let i = 0; i < regexes.length; i += GROUP) groups.push(new RegExp(regexes.slice(i, i + GROUP).map((r) => r.source).join("|"), flags));
  } catch {
    return picomatch([...globs], options);
  }
  const literal = new Set(globs);
  // As picomatch.test: an empty path matches nothing; a glob matches its own text.
  return (value: string) => {
    if (value === "") return false;
    if (literal.has(value)) return true;
    for (const re of groups) if (re.test(value)) return true;
    return false;
  };
}

// Linux's PATH_MAX: no checkout holds a longer path, so no agent reads such a file, yet picomatch's
// expressions for globs like `**/.gemini/agents/**/*.md` match a long path of such folders in
// quadratic time (64 kB: 0.9 s). Such a path is matched against no glob: it is in scope, and its
// review fails closed.
export const MAX_PATH_BYTES = 4_096;

/** Over MAX_PATH_BYTES in UTF-8 (a UTF-16 unit is at most 3 bytes, so short strings skip the count). */
export const isOverlongPath = (path: string): boolean => path.length * 3 > MAX_PATH_BYTES && Buffer.byteLength(path) > MAX_PATH_BYTES;

const ASCII = /^[\x00-\x7f]*$/;

/**
 * A path as a case-insensitive file system compares it (APFS, NTFS): NFC, then case folded through
 * upper case, so the KELVIN SIGN matches `k` and the long s matches `s`. Folding a little more than a
 * given file system does widens what is matched, which is the safe side for a scope.
 */
export function foldCase(path: string): string {
  // ASCII (nearly every path): NFC and the trip through upper case change nothing, and cost time.
  if (ASCII.test(path)) return path.toLowerCase();
  return path.normalize("NFC").toUpperCase().toLowerCase();
}
