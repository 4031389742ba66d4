// Rules for skills (SKILL.md) and the files shipped in a skill's folder.
import type { Location, SkillAttrs, SkillFileAttrs } from "../model.js";
import { gradeTool, widestIndex } from "../tool-grants.js";
import { added, code, codeMax, escalation, neutral, reduction, type Evaluator, type Hit, rule, type RuleDef } from "./types.js";

/** The rules of this family: id, default severity, title and explanation (every report and `explain` show these). */
export const SKILL_RULES: readonly RuleDef[] = [
  rule("skill.added", "medium", "Skill added",
    "A new skill gives the agent instructions (and often scripts) it loads when its description matches the task. Read the SKILL.md and what it ships."),
  rule("skill.allowed-tools-widened", "high", "Skill pre-approves more tools",
    "A skill's `allowed-tools` grew: these tools run without a prompt while the skill is active. Graded by the widest tool gained, as permission allow rules are: a whole shell or every tool is critical, tools that run code, reach the network or write without a narrow path limit are high, tools that only read are medium."),
  rule("skill.script-added", "medium", "Script or program added to a skill",
    "A script, a compiled program (ELF, Mach-O, PE, WebAssembly) or an archive (zip, tar, gz, 7z...) was added to or changed in a skill's folder. Skills tell the agent to run their scripts, so this is code that will execute; a script's first lines are shown, a binary's kind by its content (never its name), and an archive's files were not analysed."),
  rule("skill.reference-added", "low", "Reference or asset added to a skill",
    "A text file (reference, template, data) was added to or changed in a skill's folder: the skill may load it into the agent's context, so read it; its first lines are shown, and invisible characters in it are `instructions.hidden-unicode`. An inert binary asset (image, font, PDF, media), known by its content, is info."),
  rule("skill.removed", "info", "Skill removed",
    "A skill was removed. This reduces what the agent can do."),
];

const MAX_LISTED = 12;

function toolList(tools: string[]): string {
  const shown = tools.slice(0, MAX_LISTED).map(code).join(", ");
  return tools.length > MAX_LISTED ? `${shown} and ${tools.length - MAX_LISTED} more` : shown;
}

const skillName = (s: SkillAttrs): string => `Skill ${code(s.name)}${s.folder ? ` (${code(s.folder)})` : ""}`;

/** Tools newly pre-approved, graded by the widest of them: `null` (no pre-approval) to a list counts every listed tool. */
function widened(name: string, before: string[] | null | undefined, a: SkillAttrs, line: (tool: string) => number | undefined): Hit[] {
  const gained = added(before ?? [], a.allowedTools ?? []);
  if (!gained.length) return [];
  const grades = gained.map((t) => gradeTool(t));
  const i = widestIndex(grades);
  const hit = escalation(
    "skill.allowed-tools-widened",
    `${name} pre-approves ${toolList(gained)}; the widest, ${code(gained[i]!)}: ${grades[i]!.why}. These run without a prompt while the skill is active.`,
    grades[i]!.severity,
  );
  const at = line(gained[i]!);
  return [at !== undefined ? { ...hit, line: at } : hit];
}

/** Invisible characters new in a skill's file: the rules-file backdoor, critical as in instruction files. */
function hiddenHits(path: string, before: string[] | undefined, after: string[] | undefined, at: Record<string, Location> | undefined): Hit[] {
  return added(before, after).map((h) => {
    const loc = at?.[h];
    const hit = escalation("instructions.hidden-unicode", `Invisible characters at ${code(`${path}:${loc ? `${loc.line}:${loc.column ?? 1}` : "?"}`)}: ${codeMax(h, 400)}`);
    return loc ? { ...hit, line: loc.line } : hit;
  });
}

export const skillRules: Evaluator<"skill"> = (c) => {
  const b = c.before?.attrs;
  const a = c.after?.attrs;
  if (!a) return [{ rule: "skill.removed", direction: "reduction", message: `${skillName(b!)} removed.` }];
  const name = skillName(a);
  const line = (tool: string) => c.after?.locations?.[tool]?.line;
  if (!b) {
    const tools = a.allowedTools?.length ? `; pre-approved tools: ${toolList(a.allowedTools)}` : "; no pre-approved tools";
    return [escalation("skill.added", `${name} added (${a.client})${tools}.`), ...widened(name, null, a, line), ...hiddenHits(c.after!.path, [], a.hidden, c.after!.locations)];
  }
  const hits: Hit[] = [...widened(name, b.allowedTools, a, line), ...hiddenHits(c.after!.path, b.hidden, a.hidden, c.after!.locations)];
  const dropped = added(a.allowedTools ?? [], b.allowedTools ?? []);
  if (dropped.length) hits.push(reduction(`${name} no longer pre-approves ${toolList(dropped)}.`));
  else if (b.allowedTools !== null && a.allowedTools === null) hits.push(reduction(`${name} no longer pre-approves any tools.`));
  if (b.name !== a.name) hits.push(neutral(`Skill ${code(b.name)} renamed to ${code(a.name)}.`));
  if (b.digest !== a.digest) hits.push(neutral(`${name}: description or instructions changed.`));
  return hits.length ? hits : [neutral(`${name} changed.`)];
};

/**
 * The first lines as an indented code block: six spaces, so that it stays a code block inside the
 * Markdown report's list item (two for the item, four for the block).
 */
function snippet(f: SkillFileAttrs): string {
  if (!f.head) return " (empty).";
  return `:\n\n${f.head.split("\n").map((l) => `      ${l}`).join("\n")}`;
}

export const skillFileRules: Evaluator<"skill_file"> = (c) => {
  const b = c.before?.attrs;
  const a = c.after?.attrs;
  if (!a) return [reduction(`File ${code(b!.file)} removed from skill folder ${code(b!.folder)}.`)];
  const where = `${code(a.file)} ${b ? "changed in" : "added to"} skill folder ${code(a.folder)}`;
  return [...fileHits(a, where), ...hiddenHits(c.after!.path, b?.hidden, a.hidden, c.after!.locations)];
};

function fileHits(a: SkillFileAttrs, where: string): Hit[] {
  // The kind is a name from file-kind.ts's table, found by the content, never text of the file.
  const kind = a.binary ?? "binary file";
  switch (a.content) {
    case "script":
      // A binary under a script's name is run as the script its name says (a GIF that is also JavaScript).
      return [escalation("skill.script-added", a.binary ? `Script ${where} (its content: ${kind}); the skill can run it.` : `Script ${where}${snippet(a)}`)];
    case "program":
      return [escalation("skill.script-added", `Executable ${where} (${kind}): the skill can run it, and its code cannot be shown.`)];
    case "archive":
      return [escalation("skill.script-added", `Archive ${where} (${kind}): its files were not analysed, and the skill can unpack and run them.`)];
    case "data":
      return [escalation("skill.reference-added", `Asset ${where} (${kind}, by its content): inert data that nothing runs.`, "info")];
    default:
      return [escalation("skill.reference-added", `Reference file ${where}; the skill may load it into the agent's context${snippet(a)}`)];
  }
}
