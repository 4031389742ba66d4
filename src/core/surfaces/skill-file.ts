// Files shipped beside a SKILL.md (scripts/, references/, agents/openai.yaml...): skills tell the
// agent to run or read them, so each is tracked by digest and shown by its first lines.
// The registry lists the skill surface (SKILL.md) and the config surfaces (.mcp.json, hooks.json,
// plugin manifests) first: they claim their own files before this catch-all does.
import { foldCase } from "../globs.js";
import type { SkillFileAttrs } from "../model.js";
import { redactCommand, sha256 } from "./hooks-json.js";
import type { Surface } from "./types.js";

const SCRIPT_EXTENSIONS = /\.(sh|bash|zsh|py|js|cjs|mjs|ts|rb|pl|ps1|bat|cmd)$/i;
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

export function isExecutable(file: string, text: string): boolean {
  const dirs = file.split("/").slice(0, -1);
  return dirs.includes("scripts") || text.startsWith("#!") || SCRIPT_EXTENSIONS.test(file);
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
    const where = skillFolderOf(path);
    // SKILL.md belongs to the skill surface; reachable here only when called directly.
    if (!where || where.file === "" || foldCase(path).split("/").pop() === "skill.md") return { capabilities: [], problems: [] };
    const executable = isExecutable(where.file, text);
    const normalized = text.replace(/\r\n/g, "\n");
    // Line endings are a checkout setting (autocrlf), not an edit.
    const digest = sha256(normalized);
    const attrs: SkillFileAttrs = { folder: where.folder, file: where.file, digest, head: headOf(normalized), executable };
    return { capabilities: [{ kind: "skill_file", key: `${path}#skill-file`, path, line: 1, attrs }], problems: [] };
  },
};
