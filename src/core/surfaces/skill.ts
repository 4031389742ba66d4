// Agent skills: a folder with a `SKILL.md` (YAML front matter `name`, `description`, `allowed-tools`,
// then Markdown instructions) that Claude Code, Codex, Copilot, Gemini CLI and Cline load when the
// description matches the task. `allowed-tools` pre-approves tools while the skill is active.
import { splitToolList } from "../tool-lists.js";
import type { Client, FileProblem, Location, SkillAttrs } from "../model.js";
import { canonicalJson } from "../canonical.js";
import { foldCase } from "../globs.js";
import { splitFrontMatter } from "./frontmatter.js";
import { sha256 } from "./hooks-json.js";
import { hiddenIn } from "./skill-file.js";
import { dedupe, shapeProblem, typeName, type Surface } from "./types.js";

/**
 * A first non-blank line of three or more dashes: front matter to parsers that trim the text first
 * or take `----` (python-frontmatter), or an unclosed block gray-matter reads to the end.
 */
const LOOKS_LIKE_FRONT_MATTER = /^\uFEFF?\s*-{3,}[ \t]*(?:\r?\n|$)/;

/** Front-matter keys that have their own attribute; every other key goes into the digest. */
const OWN_KEYS = new Set(["name", "description", "allowed-tools"]);

/** The agent that reads skills from this folder, by the dot-directory the path runs through. */
export function skillClient(path: string): Client {
  const dirs = foldCase(path).split("/").slice(0, -1);
  if (dirs.includes(".claude")) return "claude";
  if (dirs.includes(".codex") || dirs.includes(".agents")) return "codex";
  if (dirs.includes(".github")) return "copilot";
  if (dirs.includes(".gemini")) return "gemini";
  if (dirs.includes(".clinerules")) return "cline";
  return "generic";
}

/** Whitespace runs folded to one space: reflowing a paragraph is no change. */
export const foldWhitespace = (text: string): string => text.replace(/\s+/g, " ").trim();

type ToolsValue = { tools: string[] | null; problem?: string };

function readTools(value: unknown): ToolsValue {
  if (value === undefined || value === null) return { tools: null };
  if (typeof value === "string") return { tools: splitToolList(value) };
  if (Array.isArray(value)) {
    const scalars = value.filter((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean");
    if (scalars.length !== value.length) return { tools: null, problem: "allowed-tools items must be tool names (strings)" };
    return { tools: scalars.flatMap((v) => splitToolList(String(v))) };
  }
  return { tools: null, problem: `allowed-tools must be a list or a string, found ${typeName(value)}` };
}

/** Front-matter lines (1-based, in the file) and a finder for top-level keys. */
function frontLines(text: string, bodyStartLine: number) {
  const lines = text.split("\n");
  // Front matter sits between line 1 (`---`) and the closing line just before the body.
  const last = Math.max(1, bodyStartLine - 2);
  const keyLine = (key: string): number | undefined => {
    const re = new RegExp(`^["']?${key.replace(/[-]/g, "\\-")}["']?\\s*:`);
    for (let i = 1; i < last && i < lines.length; i++) if (re.test(lines[i]!)) return i + 1;
    return undefined;
  };
  return { lines, last, keyLine };
}

/** Line of each tool: the first front-matter line after the key that mentions it (else the key's). */
function toolLocations(text: string, bodyStartLine: number, tools: string[]): Record<string, Location> {
  const { lines, last, keyLine } = frontLines(text, bodyStartLine);
  const start = keyLine("allowed-tools") ?? 1;
  let end = start;
  // The value runs until the next top-level key.
  while (end < last && !/^[^\s#-][^:]*:/.test(lines[end] ?? "")) end++;
  const out: Record<string, Location> = {};
  for (const tool of tools) {
    let line = start;
    for (let i = start - 1; i < end && i < lines.length; i++) {
      if (hasListItem(foldWhitespace(lines[i]!), tool)) {
        line = i + 1;
        break;
      }
    }
    out[tool] = { line };
  }
  return out;
}

/** What may stand just before and just after a list item: separators, brackets, quotes, `- `. */
const ITEM_START = new Set([" ", ",", "[", "-", "'", '"']);
const ITEM_END = new Set([" ", ",", "]", "'", '"']);

/**
 * Does `line` hold `tool` as a whole list item? `Bash` is not found inside `Bash(git log:*)` or
 * `WebFetchAll`: the text around it must end an item (index scans, linear in the line).
 */
function hasListItem(line: string, tool: string): boolean {
  for (let at = line.indexOf(tool); at >= 0; at = line.indexOf(tool, at + 1)) {
    const before = at === 0 ? " " : line[at - 1]!;
    const after = at + tool.length >= line.length ? " " : line[at + tool.length]!;
    if (ITEM_START.has(before) && ITEM_END.has(after)) return true;
  }
  return false;
}

export const skillSurface: Surface = {
  id: "skill",
  description: "Agent skills (SKILL.md in .claude/.codex/.agents/.github/.gemini/.clinerules skills and plugin skills/): instructions and pre-approved tools",
  patterns: ["**/SKILL.md"],
  parse({ path, text }) {
    const fm = splitFrontMatter(path, text);
    if (fm.problem) return { capabilities: [], problems: [fm.problem] };
    // No front matter: a skill that declares no tools, named by its folder. A block that some
    // parser could still take for front matter (unclosed, indented, `----`) fails closed instead.
    if (!fm.data && LOOKS_LIKE_FRONT_MATTER.test(text)) {
      return { capabilities: [], problems: [shapeProblem(path, 1, "SKILL.md opens a front matter block that is not a closed `---` block at its first line; agents may read it differently, so the review fails closed")] };
    }
    const data = fm.data ?? {};
    const problems: FileProblem[] = [];
    const { keyLine } = frontLines(text, fm.bodyStartLine);
    const folder = path.split("/").slice(0, -1).join("/");
    const name = typeof data.name === "string" && data.name.trim() !== "" ? data.name.trim() : (folder.split("/").pop() ?? "");
    const { tools, problem } = readTools(data["allowed-tools"]);
    if (problem) problems.push(shapeProblem(path, keyLine("allowed-tools") ?? 1, problem));
    const allowedTools = tools === null ? null : [...new Set(tools)].sort();

    const description = typeof data.description === "string" ? data.description : canonicalJson(data.description ?? "");
    const rest = Object.fromEntries(Object.entries(data).filter(([k]) => !OWN_KEYS.has(k)));
    // Other keys (model, hooks, context, metadata...) still change what the skill does: digest them.
    const extra = Object.keys(rest).length ? `\u0000${canonicalJson(rest)}` : "";
    const digest = sha256(`${foldWhitespace(description)}\u0000${foldWhitespace(fm.body)}${extra}`);

    // The agent reads the whole file: invisible characters anywhere in it are the rules-file backdoor.
    const { hidden, locations: hiddenAt } = hiddenIn(text);
    const attrs: SkillAttrs = { client: skillClient(path), name, folder, allowedTools, digest, hidden };
    const locations = { ...hiddenAt, ...(allowedTools?.length ? toolLocations(text, fm.bodyStartLine, allowedTools) : {}) };
    return {
      capabilities: dedupe([
        { kind: "skill", key: `${path}#skill`, path, line: keyLine("name") ?? 1, attrs, ...(Object.keys(locations).length ? { locations } : {}) },
      ]),
      problems,
    };
  },
};
