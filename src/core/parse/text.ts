// Turns raw file bytes into text, refusing what no agent config can be: too big, binary, not UTF-8.
import type { FileProblem } from "../model.js";

/** Larger files are not parsed (a config this size is an attack or a mistake). */
export const MAX_FILE_BYTES = 1024 * 1024;

export type TextResult = { ok: true; text: string } | { ok: false; problem: FileProblem };

const decoder = new TextDecoder("utf-8", { fatal: true });

export function decodeText(path: string, data: Uint8Array | string): TextResult {
  const size = typeof data === "string" ? Buffer.byteLength(data, "utf8") : data.byteLength;
  if (size > MAX_FILE_BYTES) {
    return unreadable(path, `file is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit; it was not analysed`);
  }
  let text: string;
  if (typeof data === "string") {
    text = data;
  } else {
    try {
      text = decoder.decode(data);
    } catch {
      return unreadable(path, "file is not valid UTF-8 text; it was not analysed");
    }
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) return unreadable(path, "file is binary (contains NUL bytes); it was not analysed", lineAt(text, nul));
  // A byte-order mark is legal in JSON/TOML files written on Windows; parsers should not see it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

function unreadable(path: string, message: string, line = 1): TextResult {
  return { ok: false, problem: { rule: "file.unreadable", path, line, message } };
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Precomputed line starts: offset→line in O(log n) for parsers that report offsets. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    // indexOf jumps to each newline natively, instead of a JavaScript loop over every character.
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  /** Offset where a 1-based line starts (a column without scanning back through a long line). */
  startOfLine(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1]!;
  }
}

/** Where the nesting scan stops outside a string: a quote or a bracket. */
const OUTSIDE = /["'[\]{}]/g;
/** Where it stops inside a string opened by `"` or `'`: a backslash or the closing quote. */
const INSIDE: Record<number, RegExp> = { 34: /[\\"]/g, 39: /[\\']/g };

/**
 * Deepest bracket nesting (`[` `{`) outside strings; recursive parsers overflow the stack on hostile
 * input. A string opens at `"` or `'` and a backslash escapes the next character in it. Runs on
 * every JSON, TOML and YAML file before it is parsed: the regular expressions skip from one
 * character that matters to the next, instead of a JavaScript step per character.
 */
export function maxNesting(text: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  OUTSIDE.lastIndex = 0;
  for (let m = OUTSIDE.exec(text); m; m = OUTSIDE.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      const inside = INSIDE[c]!;
      inside.lastIndex = i + 1;
      let end = inside.exec(text);
      while (end && text.charCodeAt(end.index) === 92) {
        inside.lastIndex = end.index + 2;
        end = inside.exec(text);
      }
      // A string left open runs to the end of the text.
      if (!end) break;
      OUTSIDE.lastIndex = end.index + 1;
    } else if (c === 91 || c === 123) {
      depth++;
      if (depth > max) {
        max = depth;
        at = i;
      }
    } else depth--;
  }
  return { depth: max, offset: at };
}

/** Nesting deeper than this is refused before parsing. Real agent configs stay under 10. */
export const MAX_NESTING = 64;
