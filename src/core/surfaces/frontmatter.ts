// YAML front matter (`---` ... `---` at the top of a Markdown file), shared by instruction and skill files.
import type { FileProblem } from "../model.js";
import { isRecord } from "../parse/document.js";
import { parseYaml } from "../parse/yaml.js";

export interface FrontMatter {
  /** The parsed mapping; undefined when the file has no front matter (or it could not be read). */
  data: Record<string, unknown> | undefined;
  /** The text after the closing `---` (the whole text when there is no front matter). */
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyStartLine: number;
  problem?: FileProblem;
}

const OPEN = /^\uFEFF?---[ \t]*\r?$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*\r?$/;

export function splitFrontMatter(path: string, text: string): FrontMatter {
  const lines = text.split("\n");
  if (!OPEN.test(lines[0] ?? "")) return { data: undefined, body: text, bodyStartLine: 1 };
  const end = lines.findIndex((l, i) => i > 0 && CLOSE.test(l));
  // An opening `---` with no closing one is a Markdown thematic break, not front matter.
  if (end < 0) return { data: undefined, body: text, bodyStartLine: 1 };
  const yamlText = lines.slice(1, end).map((l) => l.replace(/\r$/, "")).join("\n");
  const body = lines.slice(end + 1).join("\n");
  const bodyStartLine = end + 2;
  if (yamlText.trim() === "") return { data: {}, body, bodyStartLine };
  const parsed = parseYaml(path, yamlText);
  if (parsed.ok) {
    if (parsed.doc.value === null || parsed.doc.value === undefined) return { data: {}, body, bodyStartLine };
    if (isRecord(parsed.doc.value)) return { data: parsed.doc.value, body, bodyStartLine };
    return { data: undefined, body, bodyStartLine, problem: problem(path, 2, "front matter must be a YAML mapping") };
  }
  // Cursor rules and many agent files write `globs: **/*.ts` unquoted, which strict YAML rejects
  // (an alias); the agents read such lines as plain `key: value`, so do the same when every line fits.
  // Not for YAML refused as hostile (an alias bomb, too deep): that stays a problem with the file.
  const hostile = /Excessive alias count|nesting deeper/.test(parsed.problem.message);
  const lenient = hostile ? undefined : simpleKeyValues(yamlText);
  if (lenient) return { data: lenient, body, bodyStartLine };
  return { data: undefined, body, bodyStartLine, problem: { ...parsed.problem, line: parsed.problem.line + 1 } };
}

/** `[a] [b]`, `[a] (b)`: a closed bracket, then more text; no flow list is read from it. */
const BRACKETED_TEXT = /^\[[^\][]*\][ \t]*[^\s,\]][^]*$/;

function simpleKeyValues(yamlText: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const raw of yamlText.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    // The value is trimmed below: a `[ \t]*` before `(.*)` would only let the two retry each other.
    const m = /^([A-Za-z_][\w.-]*)[ \t]*:(.*)$/.exec(line);
    // Flow collections and block scalars need real YAML: a broken one is a broken file. Bracketed
    // text (`argument-hint: [path] [count]`, Claude Code's own convention) is text.
    if (!m || (/^[[{|>]/.test(m[2]!.trim()) && !BRACKETED_TEXT.test(m[2]!.trim()))) return undefined;
    const value = m[2]!.trim().replace(/^(["'])(.*)\1$/, "$2");
    if (!(m[1]! in out)) out[m[1]!] = value === "true" ? true : value === "false" ? false : value;
  }
  return out;
}

function problem(path: string, line: number, message: string): FileProblem {
  return { rule: "file.parse-error", path, line, message };
}
