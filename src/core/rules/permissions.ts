// Rules for permission allow/ask/deny entries (Claude, Gemini, OpenCode, Codex).
import { code, escalation, neutral, reduction, type Evaluator, rule, type RuleDef } from "./types.js";

/** The rules of this family: id, default severity, title and explanation (every report and `explain` show these). */
export const PERMISSION_RULES: readonly RuleDef[] = [
  rule("settings.permission-allow-added", "high", "Tool pre-approved",
    "A permission allow rule lets the agent use a tool without asking. Rules that allow a whole shell (`Bash`, `Bash(*)`, `run_shell_command`) or every tool are critical: they amount to no approval for anything. Narrow the rule to the exact commands needed."),
  rule("settings.permission-deny-removed", "medium", "Deny rule removed",
    "A permission deny rule was removed, so the agent may now use a tool or path that was explicitly forbidden (for example reading `.env` or running `curl`)."),
];

/** Tools that run arbitrary commands: allowing them without a narrow specifier allows everything. */
const SHELL_TOOLS = /^(bash|shell|run_shell_command|execute_bash|runcommands|terminal|exec|command)$/i;
const ANY_SPECIFIER = /^(\*|:\*|\*\*|\* \*|\*:\*)?$/;

/** `Bash`, `Bash(*)`, `Bash(:*)`, `*`, `run_shell_command`, `bash(*)`: an allow rule covering any command. */
export function isWildcardRule(rule: string): boolean {
  const parts = toolAndSpecifier(rule.trim());
  if (!parts) return false;
  const tool = parts.tool.trim();
  const spec = parts.spec.trim();
  if (tool === "*" || tool === "mcp__*") return true;
  return SHELL_TOOLS.test(tool) && ANY_SPECIFIER.test(spec);
}

/**
 * `Tool(spec)` → its parts; `Tool` alone has an empty specifier; anything else (a `(` first, text
 * after the `)`, a line break in the specifier) none. Cut at the first `(` instead of the pattern
 * `^([^()]+?)\s*(?:\((.*)\))?$`, whose lazy name and spaces retried each other (quadratic).
 */
function toolAndSpecifier(rule: string): { tool: string; spec: string } | undefined {
  const open = rule.indexOf("(");
  if (open < 0) return rule && !rule.includes(")") ? { tool: rule, spec: "" } : undefined;
  const tool = rule.slice(0, open);
  const spec = rule.slice(open + 1, -1);
  if (!tool || tool.includes(")") || !rule.endsWith(")") || rule.length < open + 2 || /[\n\r\u2028\u2029]/.test(spec)) return undefined;
  return { tool, spec };
}

export const permissionRules: Evaluator<"permission_rule"> = (c) => {
  const p = (c.after ?? c.before)!.attrs;
  const where = p.scope ? ` (in ${code(p.scope)})` : "";
  const rule = code(p.rule);
  if (c.change === "added") {
    if (p.list === "allow") {
      const wild = isWildcardRule(p.rule);
      return [escalation("settings.permission-allow-added", `Allows ${rule}${where} without asking${wild ? ": any command or tool" : ""}.`, wild ? "critical" : undefined)];
    }
    return [reduction(`Adds ${p.list} rule ${rule}${where}.`)];
  }
  if (c.change === "removed") {
    if (p.list === "deny") return [escalation("settings.permission-deny-removed", `No longer denies ${rule}${where}.`)];
    return [reduction(`Removes ${p.list} rule ${rule}${where}.`)];
  }
  return [neutral(`Permission rule ${rule}${where} changed.`)];
};
