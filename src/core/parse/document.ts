// A parsed config file that still knows where each value came from.
import type { FileProblem } from "../model.js";
import { LineIndex, MAX_NESTING, maxNesting } from "./text.js";

export type PathSegment = string | number;

export interface LocatedDocument {
  /** The parsed value (plain JSON-like data). */
  value: unknown;
  /** 1-based line of the value (or its key) at `path`; the nearest existing ancestor if absent. */
  lineOf(path: PathSegment[]): number;
}

export type DocumentResult = { ok: true; doc: LocatedDocument } | { ok: false; problem: FileProblem };

export function parseError(path: string, line: number, message: string): DocumentResult {
  return { ok: false, problem: { rule: "file.parse-error", path, line, message } };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function asStringArray(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === "string");
}

/** Hostile input guard for recursive parsers: too deep a nesting is refused before parsing. */
export function refuseDeepNesting(path: string, text: string): DocumentResult | undefined {
  const nesting = maxNesting(text);
  if (nesting.depth <= MAX_NESTING) return undefined;
  return parseError(path, new LineIndex(text).lineOf(nesting.offset), `nesting deeper than ${MAX_NESTING} levels; refused`);
}

/** Line of the deepest existing prefix of `segments` (a missing key points at its parent). */
export function nearestLine(segments: PathSegment[], lineOfPrefix: (prefix: PathSegment[]) => number | undefined): number {
  for (let n = segments.length; n >= 0; n--) {
    const line = lineOfPrefix(segments.slice(0, n));
    if (line !== undefined) return line;
  }
  return 1;
}
