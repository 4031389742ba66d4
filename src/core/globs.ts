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
