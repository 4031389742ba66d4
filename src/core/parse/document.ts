// A parsed config file that still knows where each value came from.
import type { FileProblem } from "../model.js";

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
