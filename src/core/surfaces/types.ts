// The contract every surface module fulfils: which paths it reads and how it turns a text into
// capabilities. Surfaces are pure: no I/O, no globals; everything they need comes in the file.
import type { Capability, FileProblem, ParseResult } from "../model.js";
import { isRecord, type DocumentResult, type LocatedDocument } from "../parse/document.js";

export interface SourceFile {
  /** Repository-relative path with `/` separators. */
  path: string;
  text: string;
}

export interface Surface {
  /** Stable id, also the `kind` shown in the JSON output's `files` list. */
  id: string;
  /** One line: what the file is and which agent reads it. */
  description: string;
  /** picomatch globs (matched with `dot: true`) of the paths this surface parses. */
  patterns: string[];
  parse(file: SourceFile): ParseResult;
  /**
   * Files that are not text (binary, not UTF-8) within the size limit, for a surface that knows
   * such files by their content; undefined: no kind it knows, and the file fails closed as unreadable.
   */
  parseBytes?(file: { path: string; bytes: Uint8Array }): ParseResult | undefined;
}

type Built = Capability[] | ParseResult;

/**
 * Shared prologue and epilogue: parse with positions or return the file problem; then keep one
 * capability per kind and key (a key written twice in a file is one capability, first line wins).
 */
export function withDocument(result: DocumentResult, build: (doc: LocatedDocument) => Built): ParseResult {
  if (!result.ok) return { capabilities: [], problems: [result.problem] };
  const out = build(result.doc);
  const parsed = Array.isArray(out) ? { capabilities: out, problems: [] } : out;
  return { capabilities: dedupe(parsed.capabilities), problems: parsed.problems };
}

/** `withDocument` for files whose top level must be an object (`what` names the file kind). */
export function withObject(
  result: DocumentResult,
  path: string,
  what: string,
  build: (doc: LocatedDocument, top: Record<string, unknown>) => Built,
): ParseResult {
  return withDocument(result, (doc) => {
    if (isRecord(doc.value)) return build(doc, doc.value);
    return { capabilities: [], problems: [shapeProblem(path, doc.lineOf([]), `${what} must be an object at the top level, found ${typeName(doc.value)}`)] };
  });
}

/** A value of the wrong shape (array instead of object etc.), reported at its line. */
export function shapeProblem(path: string, line: number, message: string): FileProblem {
  return { rule: "file.parse-error", path, line, message };
}

/** `null`, `an array`, `an object`, `a string`... for shape messages. */
export function typeName(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
}

export function dedupe(caps: Capability[]): Capability[] {
  // Keys by kind: a key is looked up as it is, not joined to its kind into a new string to hash.
  const seen = new Map<string, Set<string>>();
  return caps.filter((c) => {
    let keys = seen.get(c.kind);
    if (!keys) seen.set(c.kind, (keys = new Set()));
    return keys.has(c.key) ? false : (keys.add(c.key), true);
  });
}
