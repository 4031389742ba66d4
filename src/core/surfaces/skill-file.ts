// Files shipped beside a SKILL.md (scripts/, references/, assets, agents/openai.yaml...): skills
// tell the agent to run or read them, so each is tracked by digest and shown by its first lines.
// Text files are scanned for invisible characters (the agent reads a reference, a shell runs a
// script); binary files are judged by their first bytes (file-kind.ts), never by their names.
// The registry lists the skill surface (SKILL.md) and the config surfaces (.mcp.json, hooks.json,
// plugin manifests) first: they claim their own files before this catch-all does.
import { hash } from "node:crypto";
import { foldCase } from "../globs.js";
import type { Capability, Location, SkillFileAttrs } from "../model.js";
import { binaryKind } from "./file-kind.js";
import { findHidden } from "./hidden-unicode.js";
import { redactCommand, sha256 } from "./hooks-json.js";
import type { Surface } from "./types.js";

const SCRIPT_EXTENSIONS = /\.(sh|bash|zsh|fish|ksh|csh|py|pyw|js|cjs|mjs|jsx|ts|cts|mts|tsx|rb|pl|php|lua|tcl|r|ps1|psm1|bat|cmd|vbs|wsf|applescript)$/i;
/** Files whose tools run the code they name: npm's lifecycle scripts, make and just recipes. */
const BUILD_FILES = new Set(["package.json", "makefile", "gnumakefile", "justfile", "rakefile"]);
/** Documents and data: read, never run as they are, even in `scripts/` (`scripts/README.md`, `requirements.txt`). */
const DOCUMENT_EXTENSIONS = /\.(md|markdown|mdx|txt|rst|adoc|csv|tsv|json|jsonc|yaml|yml|toml|xml|xsd|ini|cfg)$/i;
const HEAD_LINES = 5;
const HEAD_WIDTH = 160;

/**
 * The skill's folder (the directory directly under `skills/`) and the file's path inside it.
 * Catalog groupings such as `skills/.curated/<name>/` (openai/skills) count one level deeper.
 */
export function skillFolderOf(path: string): { folder: string; file: string } | undefined {
  const parts = path.split("/");
  // Folded per segment (same count): `Skills/` is `skills/` on a case-insensitive checkout.
  const folded = foldCase(path).split("/");
  for (let i = 0; i < parts.length - 2; i++) {
    if (folded[i] !== "skills") continue;
    let end = i + 2;
    if (parts[i + 1]!.startsWith(".") && parts.length - end >= 2) end++;
    return { folder: parts.slice(0, end).join("/"), file: parts.slice(end).join("/") };
  }
  return undefined;
}

/** First lines, cut and with token-like words redacted, for the finding. */
export function headOf(text: string): string {
  return text
    .split("\n")
    .slice(0, HEAD_LINES)
    // Cut before redacting, with room for a word that crosses the cut: redacting a whole 1 MB line
    // for the 160 characters shown made a one-line script 100 times dearer than an ordinary one.
    .map((l) => redactCommand(l.slice(0, HEAD_WIDTH * 4).replace(/\r$/, "")).slice(0, HEAD_WIDTH))
    .join("\n")
    .trimEnd(); // the same characters as `\s`; `/\s+$/` rescanned a run of spaces from each
}

/**
 * A script: a shebang, a script's extension, a build file (`package.json` runs `postinstall`), or
 * any file in `scripts/` without a document's extension (`scripts/deploy` run as `bash
 * scripts/deploy`). A `.txt` with a shebang is a script.
 */
export function isExecutable(file: string, text: string): boolean {
  if (text.startsWith("#!") || SCRIPT_EXTENSIONS.test(file)) return true;
  const parts = foldCase(file).split("/");
  return BUILD_FILES.has(parts.at(-1)!) || (parts.slice(0, -1).includes("scripts") && !DOCUMENT_EXTENSIONS.test(file));
}

/** The path inside a skill's folder, or undefined for paths this surface does not own (SKILL.md, `skills/x`). */
function ownFile(path: string) {
  const where = skillFolderOf(path);
  // SKILL.md belongs to the skill surface; reachable here only when called directly.
  return !where || where.file === "" || foldCase(path).split("/").pop() === "skill.md" ? undefined : where;
}

function skillFile(path: string, attrs: SkillFileAttrs, locations?: Record<string, Location>): Capability {
  return { kind: "skill_file", key: `${path}#skill-file`, path, line: 1, ...(locations && Object.keys(locations).length ? { locations } : {}), attrs };
}

/** Invisible characters, each as `U+XXXX` with its line made visible, sorted, and where each is. */
export function hiddenIn(text: string): { hidden: string[]; locations: Record<string, Location> } {
  const locations: Record<string, Location> = {};
  for (const h of findHidden(text)) locations[h.text] ??= { line: h.line, column: h.column };
  return { hidden: Object.keys(locations).sort(), locations };
}

export const skillFileSurface: Surface = {
  id: "skill-file",
  description: "Files inside a skill's folder (scripts, references, agent sidecars) that a skill tells the agent to run or read",
  // At least one directory below `skills/`: files directly in `skills/` belong to no skill.
  // Skill folders of the agents and of plugins, not every `skills/` directory of application code.
  patterns: [
    "**/{.claude,.codex,.agents,.github,.gemini,.clinerules,.cursor,.windsurf,.kiro,.opencode}/skills/*/**/*",
    "skills/*/**/*",
    "**/plugins/*/skills/*/**/*",
  ],
  parse({ path, text }) {
    const where = ownFile(path);
    if (!where) return { capabilities: [], problems: [] };
    const executable = isExecutable(where.file, text);
    const normalized = text.replace(/\r\n/g, "\n");
    // Line endings are a checkout setting (autocrlf), not an edit.
    const digest = sha256(normalized);
    const { hidden, locations } = hiddenIn(text);
    const attrs: SkillFileAttrs = { folder: where.folder, file: where.file, digest, head: headOf(normalized), executable, content: executable ? "script" : "text", hidden };
    return { capabilities: [skillFile(path, attrs, locations)], problems: [] };
  },
  parseBytes({ path, bytes }) {
    const where = ownFile(path);
    const kind = where ? binaryKind(bytes) : undefined;
    if (!where || !kind) return undefined;
    // Named as a script, it is run as one whatever its first bytes say (a GIF that is also JavaScript).
    const content = kind.class === "data" && SCRIPT_EXTENSIONS.test(where.file) ? "script" : kind.class;
    const attrs: SkillFileAttrs = {
      folder: where.folder,
      file: where.file,
      digest: hash("sha256", bytes, "hex"),
      head: "",
      executable: content === "script" || content === "program",
      content,
      binary: kind.name,
    };
    return { capabilities: [skillFile(path, attrs)], problems: [] };
  },
};
