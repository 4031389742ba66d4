// `curl [options] URL` and `npx [options] package` in a line of text, found word by word in one
// pass. As regular expressions (`curl\s+(?:-{1,2}[\w-]+(?:[ =]\S+)?\s+)*https?://...`) they took
// exponential time on a line of many options and no URL: the same words could be read as an option,
// an option's value or both (`npx --a --a ... !`, 180 bytes, ran for minutes).

interface Word {
  start: number;
  text: string;
  /** The whitespace between this word and the next ("" for the last). */
  gap: string;
}

const isSpace = (c: string): boolean => /\s/.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /\w/.test(c);

/** Whitespace-separated words with their offsets. */
function wordsOf(line: string): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isSpace(line[i]!)) i++;
    if (i >= line.length) break;
    const start = i;
    while (i < line.length && !isSpace(line[i]!)) i++;
    const end = i;
    while (i < line.length && isSpace(line[i]!)) i++;
    out.push({ start, text: line.slice(start, end), gap: line.slice(end, i) });
  }
  return out;
}

/** ASCII letters only, as a regex's `i` flag folds them (without `u`). */
const asciiLower = (c: string): string => (c >= "A" && c <= "Z" ? c.toLowerCase() : c);

/** Where a (lower-case) verb ends `word` after a word boundary (`x.curl`, not `xcurl`), as an offset in the line; else -1. */
function verbAtEnd(word: Word, verbs: readonly string[], ignoreCase: boolean): number {
  for (const v of verbs) {
    const tail = word.text.slice(-v.length);
    const same = ignoreCase ? tail.length === v.length && [...v].every((ch, i) => asciiLower(tail[i]!) === ch) : tail === v;
    if (same && !isWordChar(word.text[word.text.length - v.length - 1])) return word.start + word.text.length - v.length;
  }
  return -1;
}

/** `-x`, `--x`, `---`: one or two dashes and word characters or dashes, nothing else. */
const OPTION = /^-[\w-]+$/;

interface Grammar {
  /** Where an invocation starts in word `k`, and the first word after the verb; or undefined. */
  verb(words: Word[], k: number): { start: number; next: number } | undefined;
  /** The words reachable after an option at word `k` (its value may be a word of its own). */
  after(words: Word[], k: number): number[];
  accept(word: string): boolean;
}

/**
 * Offset of the leftmost verb from which options lead to an accepted word, or -1: the leftmost match
 * the regular expression would give. Each word keeps the leftmost start that reaches it (two starts
 * that reach the same word go on alike), so the pass is linear in the words.
 */
function leftmostInvocation(line: string, g: Grammar): number {
  const words = wordsOf(line);
  const reach = new Array<number>(words.length + 2).fill(Infinity);
  let best = Infinity;
  for (let k = 0; k < words.length; k++) {
    const v = g.verb(words, k);
    if (v) reach[v.next] = Math.min(reach[v.next]!, v.start);
    const from = reach[k]!;
    if (from === Infinity) continue;
    if (g.accept(words[k]!.text)) best = Math.min(best, from);
    for (const n of g.after(words, k)) reach[n] = Math.min(reach[n]!, from);
  }
  return best === Infinity ? -1 : best;
}

const URL_START = /^['"]?https?:\/\/./i;
const HTTP_PREFIX = /^https?:/i;

/** `curl`/`wget`, options (`-o f`, `--x=v`, a value never a URL), then a URL. */
const FETCH_GRAMMAR: Grammar = {
  verb: (words, k) => {
    const start = verbAtEnd(words[k]!, ["curl", "wget"], true);
    return start >= 0 ? { start, next: k + 1 } : undefined;
  },
  after: (words, k) => {
    const w = words[k]!;
    const eq = w.text.indexOf("=");
    if (eq >= 0) {
      // `--x=value`: the value is the rest of the word (not empty, not a URL).
      const value = w.text.slice(eq + 1);
      return OPTION.test(w.text.slice(0, eq)) && value && !HTTP_PREFIX.test(value) ? [k + 1] : [];
    }
    if (!OPTION.test(w.text)) return [];
    // `-x value` takes the next word as its value only after exactly one space.
    const next = words[k + 1];
    return w.gap === " " && next && !HTTP_PREFIX.test(next.text) ? [k + 1, k + 2] : [k + 1];
  },
  accept: (word) => URL_START.test(word),
};

const RUNNERS = ["npx", "bunx", "uvx"];
const DLX_RUNNERS = ["pnpm", "yarn"];

/** `npx`/`bunx`/`uvx`/`pnpm dlx`/`yarn dlx`, flag words, then a package-looking word. */
const RUNNER_GRAMMAR: Grammar = {
  verb: (words, k) => {
    const start = verbAtEnd(words[k]!, RUNNERS, false);
    if (start >= 0) return { start, next: k + 1 };
    const dlx = verbAtEnd(words[k]!, DLX_RUNNERS, false);
    return dlx >= 0 && words[k + 1]?.text === "dlx" ? { start: dlx, next: k + 2 } : undefined;
  },
  after: (words, k) => (OPTION.test(words[k]!.text) ? [k + 1] : []),
  accept: (word) => /^[@\w]/.test(word),
};

/** Offset of a `curl`/`wget` of a URL in the line, or -1. */
export function fetchAt(line: string): number {
  return leftmostInvocation(line, FETCH_GRAMMAR);
}

/** Offset of a package runner invocation (`npx -y pkg`, `pnpm dlx pkg`) in the line, or -1. */
export function runnerAt(line: string): number {
  return leftmostInvocation(line, RUNNER_GRAMMAR);
}

/**
 * `s` without the leading and trailing characters `strip` accepts (or the trailing ones only): a trim
 * for any set, in linear time (`/^[…]+|[…]+$/` rescans a run of them from each of its characters).
 */
export function trimWhere(s: string, strip: (c: string) => boolean, side: "both" | "end" = "both"): string {
  let a = 0;
  let b = s.length;
  while (side === "both" && a < b && strip(s[a]!)) a++;
  while (b > a && strip(s[b - 1]!)) b--;
  return s.slice(a, b);
}
