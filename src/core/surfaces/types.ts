// The contract every surface module fulfils: which paths it reads and how it turns a text into
// capabilities. Surfaces are pure: no I/O, no globals; everything they need comes in the file.
import type { Capability, FileProblem, ParseResult } from "../model.js";
import type { DocumentResult, LocatedDocument } from "../parse/document.js";

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
}

/** Shared prologue: parse with positions or return the file problem. */
export function withDocument(
  result: DocumentResult,
  build: (doc: LocatedDocument) => Capability[] | ParseResult,
): ParseResult {
  if (!result.ok) return { capabilities: [], problems: [result.problem] };
  const out = build(result.doc);
  return Array.isArray(out) ? { capabilities: out, problems: [] } : out;
}

/** A file whose top level has the wrong shape (e.g. an array where an object belongs). */
export function shapeProblem(path: string, line: number, message: string): FileProblem {
  return { rule: "file.parse-error", path, line, message };
}
