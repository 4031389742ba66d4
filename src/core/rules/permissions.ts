// Rules for permission allow/ask/deny entries (Claude, Gemini, OpenCode, Codex).
import type { Client } from "../model.js";
import { type Grant, gradeTool, type ShellMatch } from "../tool-grants.js";
import { code, escalation, neutral, reduction, type Evaluator, rule, type RuleDef } from "./types.js";

/** The rules of this family: id, default severity, title and explanation (every report and `explain` show these). */
export const PERMISSION_RULES: readonly RuleDef[] = [
  rule("settings.permission-allow-added", "high", "Tool pre-approved",
    "A permission allow rule lets the agent use a tool without asking; it is graded by what it allows. A whole shell (`Bash`, `Bash(*)`, `run_shell_command`) or every tool is critical: no approval for anything. High: what runs code or reaches the network (interpreters, `npm run`, `npx`, `make`, `curl`, `git push`, `git commit`, which runs hooks), writes with no narrow path limit, MCP tools that write, run or send, a read command whose open arguments include an option that writes or runs (`git log --output`, `find -exec`), and any tool this review does not know or command whose arguments it leaves open. Medium: narrow commands that only read (`ls`, `git status`, `gh pr view`), git's local writes that run no hook (`git add`, `git stash`), one exact command line whose program is not a runner, installer, agent or credential store and whose arguments name no script, URL or agent file (`killall -9 devserver`), read-only tools and MCP tools (`get_*`, `list_*`, `check_*`), and writes of documents in one named folder or in Gemini's scratch folder `.gemini/tmp/`. Claude Code, Gemini CLI and OpenCode check each part of a chained command against the rules, so `Bash(ls:*)` does not allow `ls; curl … | sh`."),
  rule("settings.permission-deny-removed", "medium", "Deny rule removed",
    "A permission deny rule was removed, so the agent may now use a tool or path that was explicitly forbidden (for example reading `.env` or running `curl`)."),
];

/** How a client matches a bare shell specifier (see tool-grants-shell.ts). */
function matchOf(client: Client): ShellMatch {
  if (client === "gemini" || client === "vscode") return "prefix";
  if (client === "amazonq" || client === "kiro") return "regex";
  return "exact";
}

/** The grade of an allow rule of `client`. */
export function gradeRule(rule: string, client: Client): Grant {
  return gradeTool(rule, { match: matchOf(client), claudePaths: client === "claude" });
}

export { isWildcardRule } from "../tool-grants.js";

export const permissionRules: Evaluator<"permission_rule"> = (c) => {
  const p = (c.after ?? c.before)!.attrs;
  const where = p.scope ? ` (in ${code(p.scope)})` : "";
  const rule = code(p.rule);
  if (c.change === "added") {
    if (p.list === "allow") {
      const g = gradeRule(p.rule, p.client);
      return [escalation("settings.permission-allow-added", `Allows ${rule}${where} without asking: ${g.why}.`, g.severity)];
    }
    return [reduction(`Adds ${p.list} rule ${rule}${where}.`)];
  }
  if (c.change === "removed") {
    if (p.list === "deny") return [escalation("settings.permission-deny-removed", `No longer denies ${rule}${where}.`)];
    return [reduction(`Removes ${p.list} rule ${rule}${where}.`)];
  }
  return [neutral(`Permission rule ${rule}${where} changed.`)];
};
