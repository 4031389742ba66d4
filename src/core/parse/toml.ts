// TOML via smol-toml. It keeps no positions, so lines are found by indexing table headers and keys.
import { parse as parseTomlValue, TomlError } from "smol-toml";
import { nearestLine, parseError, refuseDeepNesting, type DocumentResult } from "./document.js";

export function parseToml(path: string, text: string): DocumentResult {
  const deep = refuseDeepNesting(path, text);
  if (deep) return deep;
  let value: unknown;
  try {
    value = parseTomlValue(text);
  } catch (e) {
    // Only smol-toml's syntax error means a malformed file; anything else is a crash, not bad input.
    if (!(e instanceof TomlError)) throw e;
    const line = e.line;
    const message = e.message.split("\n")[0] ?? "syntax error";
    return parseError(path, line, `invalid TOML: ${message}`);
  }
  const index = indexTomlLines(text);
  return {
    ok: true,
    doc: {
      value,
      // Array indices have no line of their own in the index: the key that holds the array stands in.
      lineOf: (segments) => nearestLine(segments.filter((s) => typeof s === "string"), (prefix) => index.get(prefix.join("\u0000"))),
    },
  };
}

/** Maps each table path and key path (segments joined by NUL) to the first line that declares it. */
export function indexTomlLines(text: string): Map<string, number> {
  const index = new Map<string, number>();
  let table: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    // `[^]`, not `.`: with `.`, a line terminator (`\u2028` in a quoted key) after many `]#` made the
    // lazy key and the comment retry each other, quadratically.
    const header = /^\[\[?([^]+?)\]\]?\s*(#[^]*)?$/.exec(line);
    if (header && !line.includes("=")) {
      table = splitDottedKey(header[1]!);
      remember(index, table, i + 1);
      continue;
    }
    const eq = keyEnd(line);
    if (eq > 0) remember(index, [...table, ...splitDottedKey(line.slice(0, eq))], i + 1);
  }
  return index;
}

function remember(index: Map<string, number>, path: string[], line: number): void {
  // Every prefix too, so that `[a.b.c]` gives a line for `a` and `a.b` when they have no header.
  for (let n = 1; n <= path.length; n++) {
    const k = path.slice(0, n).join("\u0000");
    if (!index.has(k)) index.set(k, line);
  }
}

/** Offset of the `=` that ends a key, ignoring `=` inside quoted key parts; -1 if none. */
function keyEnd(line: string): number {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "=") return i;
  }
  return -1;
}

/** `a."b.c".d` → ["a", "b.c", "d"]. */
export function splitDottedKey(key: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let quote = "";
  for (const c of key.trim()) {
    if (quote) {
      if (c === quote) quote = "";
      else cur += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ".") {
      parts.push(cur.trim());
      cur = "";
    } else cur += c;
  }
  parts.push(cur.trim());
  return parts.filter((p) => p !== "");
}
