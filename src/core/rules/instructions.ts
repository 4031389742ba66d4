// Rules for instruction files: what a change newly tells the agent to do, or hides from the reviewer.
import type { CapabilityOf, InstructionsAttrs } from "../model.js";
import { carriesPayload, describesAnOption } from "../surfaces/instructions-phrases.js";
import { gradeTool, widestIndex } from "../tool-grants.js";
import { settingSpec } from "./settings-catalog.js";
import { added, code, codeMax, escalation, neutral, reduction, type Evaluator, type Hit, rule, type RuleDef } from "./types.js";

/** The rules of this family: id, default severity, title and explanation (every report and `explain` show these). */
export const INSTRUCTIONS_RULES: readonly RuleDef[] = [
  rule("instructions.hidden-unicode", "critical", "Invisible characters in agent instructions",
    "Instruction text contains characters a reviewer cannot see but the model reads: zero-width characters, bidirectional controls (Trojan Source), Unicode tag characters (ASCII smuggling), variation selectors outside emoji, soft hyphens. This is the 'rules file backdoor': hidden instructions that steer the agent and tell it not to mention them. The finding shows the line with the characters made visible; remove them."),
  rule("instructions.hidden-comment", "medium", "Hidden text in agent instructions",
    "New text sits inside an HTML comment or other markup GitHub does not render, so the agent reads it and a reviewer of the rendered file does not. High when it holds a command or URL. Read the raw text."),
  rule("instructions.new-command", "medium", "Agent told to run a new command",
    "The instructions now tell the agent to run a shell command or fetch something (a fenced shell block, curl/wget, npx, pip install, piping into a shell). Agents tend to follow such text, often without asking. Check the command is what you expect."),
  rule("instructions.new-url", "low", "Instructions mention a new host",
    "The instructions mention a URL on a host they did not mention before; agents fetch links they are told about. Check the host."),
  rule("instructions.tools-widened", "high", "Agent or command gains tools",
    "The front matter of an agent, prompt, command or chat mode grants more tools (`tools`, `allowed-tools`), graded by the widest tool gained, as permission allow rules are: a whole shell or every tool (`*`, or a tools list removed) is critical; tools that run code, reach the network or write without a narrow path limit are high; tools that only read are medium. A new agent profile without a tools list gets the platform's default tools, no more than the default agent has: that is no widening."),
  rule("instructions.approval-language", "high", "Instructions remove the human from the loop",
    "New text tells the agent to skip confirmation, approve automatically, disable the sandbox or hide what it does from the user. Such text is how a prompt injection turns into unreviewed actions. Medium where the line documents a tool's option that skips that tool's own confirmation prompt (`--yes`: skip the confirmation), unless it names the agent's approvals, permissions, sandbox or bypass flags."),
  rule("instructions.changed", "low", "Agent instructions changed",
    "Text an agent follows changed (sections added or removed are summarized). Reflowed paragraphs and whitespace are not changes."),
];

const clip = (s: string, n = 120): string => (s.length > n ? s.slice(0, n - 1) + "…" : s);
const quote = (s: string, n = 200): string => codeMax(clip(s, n), n + 1);

/** A hit placed on the item's own line when the surface recorded one. */
function at(hit: Hit, cap: CapabilityOf<"instructions">, item: string): Hit {
  const loc = cap.locations?.[item];
  return loc ? { ...hit, line: loc.line } : hit;
}

const MAX_TOOLS = 12;

/** Tools as code spans, at most a dozen named. */
function toolNames(tools: readonly string[]): string {
  const shown = tools.slice(0, MAX_TOOLS).map(code).join(", ");
  return tools.length > MAX_TOOLS ? `${shown} and ${tools.length - MAX_TOOLS} more` : shown;
}

/**
 * Agent profiles that get the platform's default tools, all of them, when they list none: a Claude
 * sub-agent inherits the main thread's tools, a Copilot custom agent gets every available tool, an
 * Amazon Q or Kiro agent every tool, with prompts as usual. The surfaces record that as `["*"]`.
 */
const DEFAULT_ALL = new Set(["claude-agent", "copilot-agent", "amazonq-agent"]);

/** A profile that is new (or was no profile: no front matter) and has the default tools: no more than the default agent has. */
function defaultTools(b: InstructionsAttrs | undefined, a: InstructionsAttrs): boolean {
  return DEFAULT_ALL.has(a.format) && a.tools?.length === 1 && a.tools[0] === "*" && (b?.tools ?? null) === null;
}

/** Tools gained, graded by the widest of them (tool-grants.ts: what each lets the agent do). */
function toolsHit(path: string, b: InstructionsAttrs | undefined, a: InstructionsAttrs): Hit[] {
  // A new profile with the default tools widens nothing; removing a list it had (below) does.
  if (a.tools === null || defaultTools(b, a)) return [];
  // From every tool (`*`) nothing more can be gained; from none set (null) everything listed is new.
  const gained = b?.tools?.includes("*") ? [] : b?.tools ? added(b.tools, a.tools) : a.tools;
  if (!gained.length) return [];
  const grades = gained.map((t) => gradeTool(t, { claudePaths: a.client === "claude" }));
  const i = widestIndex(grades);
  const widest = grades[i]!;
  const what = gained.includes("*")
    ? `${b ? "now has" : "has"} every tool (\`*\` or no tools list)`
    : `${b ? "gains" : "grants"} tools ${toolNames(gained)}; the widest, ${code(gained[i]!)}: ${widest.why}`;
  return [escalation("instructions.tools-widened", `${a.format} ${code(path)} ${what}.`, widest.severity)];
}

/** A Claude sub-agent's `permissionMode`, ranked as settings' `defaultMode`: `bypassPermissions` runs its tools unasked. */
function permissionModeHit(path: string, b: InstructionsAttrs | undefined, a: InstructionsAttrs): Hit[] {
  const spec = settingSpec("defaultMode");
  if (a.permissionMode === undefined || spec?.type !== "rank") return [];
  const rank = (m: string | undefined) => (m === undefined ? spec.absent : (spec.ranks[m] ?? spec.other ?? spec.absent));
  if (rank(a.permissionMode) <= rank(b?.permissionMode)) return [];
  const was = b?.permissionMode ? ` (was ${code(b.permissionMode)})` : "";
  return [escalation("settings.approval-bypass", `${a.format} ${code(path)} sets \`permissionMode\` ${code(a.permissionMode)}${was}: the sub-agent's tool calls are approved that way, whatever the session's mode.`, spec.severity(a.permissionMode))];
}

/** Headings (file text), each in a code span, as many as fit in about `max` characters. */
function headings(items: readonly string[], max: number): string {
  const out: string[] = [];
  let used = 0;
  for (const [i, h] of items.entries()) {
    const shown = codeMax(h, max);
    if (out.length && used + shown.length > max) {
      out.push(`and ${items.length - i} more`);
      break;
    }
    out.push(shown);
    used += shown.length + 2;
  }
  return out.join(", ");
}

/** Sections added/removed, model and scope changes: the summary of an ordinary edit. */
function summary(b: InstructionsAttrs | undefined, a: InstructionsAttrs): string {
  const tools = defaultTools(b, a) ? "; the platform's default tools (no tools list)" : "";
  if (!b) return (a.sections.length ? `sections: ${headings(a.sections, 200)}` : "no sections") + tools;
  const parts: string[] = [];
  const plus = added(b.sections, a.sections);
  const minus = added(a.sections, b.sections);
  if (plus.length || minus.length) {
    parts.push([plus.length ? `sections added: ${headings(plus, 150)}` : "", minus.length ? `removed: ${headings(minus, 150)}` : ""].filter(Boolean).join("; "));
  }
  if (b.model !== a.model) parts.push(`model ${code(b.model ?? "default")} → ${code(a.model ?? "default")}`);
  if ((b.applies ?? []).join() !== (a.applies ?? []).join() || b.alwaysApply !== a.alwaysApply) {
    parts.push(`applies to ${a.alwaysApply ? "every request" : (a.applies ?? []).map(code).join(", ") || "no pattern"}`);
  }
  const dropped = added(a.tools ?? [], b.tools ?? []);
  if (dropped.length && a.tools !== null) parts.push(`tools removed: ${dropped.map(code).join(", ")}`);
  if (tools) parts.push("now an agent profile with the platform's default tools (no tools list)");
  return parts.length ? parts.join("; ") : "text changed";
}

export const instructionsRules: Evaluator<"instructions"> = (c) => {
  const before = c.before;
  const after = c.after;
  if (!after) return [reduction(`Instructions ${code(c.before!.path)} removed: the agent no longer reads them.`)];
  const b = before?.attrs;
  const a = after.attrs;
  const path = after.path;
  const hits: Hit[] = [];

  for (const h of added(b?.hidden, a.hidden)) {
    const loc = after.locations?.[h];
    const where = loc ? `${loc.line}:${loc.column ?? 1}` : "?";
    hits.push(at(escalation("instructions.hidden-unicode", `Invisible characters at ${code(`${path}:${where}`)}: ${codeMax(h, 400)}`), after, h));
  }
  for (const comment of added(b?.comments, a.comments)) {
    const payload = carriesPayload(comment);
    hits.push(at(escalation("instructions.hidden-comment", `Hidden comment the rendered file does not show${payload ? " (holds a command or URL)" : ""}: ${quote(comment)}`, payload ? "high" : undefined), after, comment));
  }
  for (const cmd of added(b?.commands, a.commands)) {
    hits.push(at(escalation("instructions.new-command", `The agent is told to run ${code(clip(cmd))}.`), after, cmd));
  }
  for (const host of added(b?.urlHosts, a.urlHosts)) {
    hits.push(at(escalation("instructions.new-url", `New host in the instructions: ${code(host)}.`), after, host));
  }
  hits.push(...toolsHit(path, b, a), ...permissionModeHit(path, b, a));
  for (const phrase of added(b?.approvalPhrases, a.approvalPhrases)) {
    // A tool's option documented (`yes`: skip the confirmation prompt) is read, not obeyed: medium.
    const option = describesAnOption(phrase);
    const says = option ? "Text that documents an option skipping a confirmation (a tool's flag, not an instruction to the agent)" : "Text that takes the user out of the loop";
    hits.push(at(escalation("instructions.approval-language", `${says}: ${quote(phrase)}`, option ? "medium" : undefined), after, phrase));
  }
  for (const imp of added(b?.imports, a.imports)) {
    // An import pulls a whole other file into the agent's context; that file is reviewed as instructions too.
    hits.push(at(escalation("instructions.changed", `${code(path)} now pulls ${code(imp)} into the agent's context (\`@\` import).`, "medium"), after, imp));
  }
  if (a.override && !b?.override) {
    // Codex reads AGENTS.override.md instead of AGENTS.md in that directory, without saying so.
    const target = a.governs ? `${a.governs.replace(/\/$/, "")}/AGENTS.md` : "AGENTS.md";
    hits.push(escalation("instructions.changed", `${code(path)} replaces ${code(target)} for the agent; ${summary(b, a)}.`, "medium"));
  }
  if (hits.length) return hits;
  const what = b ? "changed" : "added";
  return [neutral(`${a.format} ${code(path)} ${what}${a.governs ? ` (governs ${code(a.governs)})` : ""}: ${summary(b, a)}.`, "instructions.changed")];
};
