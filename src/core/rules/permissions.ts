// Rules for permission allow/ask/deny entries (Claude, Gemini, OpenCode, Codex).
import { code, escalation, neutral, reduction, type Evaluator } from "./types.js";

/** Tools that run arbitrary commands: allowing them without a narrow specifier allows everything. */
const SHELL_TOOLS = /^(bash|shell|run_shell_command|execute_bash|runcommands|terminal|exec|command)$/i;
const ANY_SPECIFIER = /^(\*|:\*|\*\*|\* \*|\*:\*)?$/;

/** `Bash`, `Bash(*)`, `Bash(:*)`, `*`, `run_shell_command`, `bash(*)`: an allow rule covering any command. */
export function isWildcardRule(rule: string): boolean {
  const m = /^([^()]+?)\s*(?:\((.*)\))?$/.exec(rule.trim());
  if (!m) return false;
  const tool = m[1]!.trim();
  const spec = (m[2] ?? "").trim();
  if (tool === "*" || tool === "mcp__*") return true;
  return SHELL_TOOLS.test(tool) && ANY_SPECIFIER.test(spec);
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
