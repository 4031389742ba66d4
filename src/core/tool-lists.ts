// Tool lists as agents write them: `Bash(git add:*), Read`, `Bash(git:*) Read` (agentskills.io uses
// spaces, Claude Code commas), YAML lists, newline-separated action inputs. One splitter for all.
import { trimWhere } from "./surfaces/command-words.js";

/** Split on commas and whitespace outside parentheses; separators inside belong to the specifier. */
export function splitToolList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const c of text) {
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && (c === "," || /\s/.test(c))) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  // Stray quotes come from lenient front matter (`allowed-tools: "Read", "Write"`).
  // Trimmed by a loop: `/^["']+|["']+$/` rescanned a run of quotes from each of them.
  return out.map((t) => trimWhere(t.replace(/\s+/g, " ").trim(), (c) => c === '"' || c === "'")).filter((t) => t !== "");
}

/** Sorted, de-duplicated tools of a string or list value; null when absent. */
export function toolListOf(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  const items = Array.isArray(value) ? value : [value];
  const tools = items.filter((v): v is string => typeof v === "string").flatMap(splitToolList);
  return [...new Set(tools)].sort();
}
