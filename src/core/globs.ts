// Glob matchers compiled once per glob list: compiling costs far more than matching (the ~100
// scope globs cost more than a whole small review). Bounded by the glob text kept, since globs
// come from each repository's policy: about 64 scope sets, or thousands of single allow globs.
import picomatch from "picomatch";

const MAX_KEPT_CHARS = 192_000;
const compiled = new Map<string, (value: string) => boolean>();
let keptChars = 0;

/** A matcher for any of `globs` (picomatch, `dot: true`), compiled on first use. */
export function globMatcher(globs: readonly string[], options: { nocase?: boolean } = {}): (value: string) => boolean {
  const nocase = options.nocase ?? false;
  const key = `${nocase ? "i" : "c"}${JSON.stringify(globs)}`;
  let match = compiled.get(key);
  if (!match) {
    if (keptChars + key.length > MAX_KEPT_CHARS) {
      compiled.clear();
      keptChars = 0;
    }
    compiled.set(key, (match = picomatch([...globs], { dot: true, nocase })));
    keptChars += key.length;
  }
  return match;
}

/**
 * A path as a case-insensitive file system compares it (APFS, NTFS): NFC, then case folded through
 * upper case, so the KELVIN SIGN matches `k` and the long s matches `s`. Folding a little more than a
 * given file system does widens what is matched, which is the safe side for a scope.
 */
export function foldCase(path: string): string {
  return path.normalize("NFC").toUpperCase().toLowerCase();
}
