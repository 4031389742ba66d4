// Rules for hooks: commands, URLs and prompts that run automatically on agent events.
import type { HookAttrs } from "../model.js";
import { code, escalation, reduction, type Evaluator, rule, type RuleDef } from "./types.js";

/** The rules of this family: id, default severity, title and explanation (every report and `explain` show these). */
export const HOOK_RULES: readonly RuleDef[] = [
  rule("hooks.command-added", "high", "New hook",
    "A hook runs a command (or calls a URL, or prompts a model) automatically on an agent event such as every tool call or session start, with the user's privileges and no prompt. Read the command and the script it calls."),
  rule("hooks.command-changed", "high", "Hook command changed",
    "An existing hook now runs a different command or script, or its script file changed. Review it as a new hook."),
];

function what(h: HookAttrs): string {
  if (h.type === "http") return `calls ${code(h.url ?? "?")}`;
  if (h.type === "prompt" || h.type === "agent") return `runs a ${h.type} hook`;
  return `runs ${code(h.command ?? "?")}`;
}

function when(h: HookAttrs): string {
  return `on ${code(h.event)}${h.matcher && h.matcher !== "*" ? ` for ${code(h.matcher)}` : ""}`;
}

export const hookRules: Evaluator<"hook"> = (c) => {
  const b = c.before?.attrs;
  const a = c.after?.attrs;
  if (!a) return [reduction(`Hook ${when(b!)} removed (it ${what(b!)}).`)];
  const model = a.type === "prompt" || a.type === "agent";
  if (!b) return [escalation("hooks.command-added", `New ${a.client} hook ${when(a)} ${what(a)}.`, model ? "medium" : undefined)];
  const scriptOnly = b.command === a.command && b.digest !== a.digest;
  // Same text shown, another value behind it: a redacted token, a URL's query, the prompt.
  const hiddenOnly = !scriptOnly && what(a) === what(b) && b.hiddenDigest !== a.hiddenDigest;
  // Same command in another folder or environment: `./check.sh` is another script, PATH another program.
  const contextOnly = !scriptOnly && !hiddenOnly && what(a) === what(b) && (b.cwd !== a.cwd || b.envDigest !== a.envDigest);
  const why = scriptOnly
    ? " (script content changed)"
    : hiddenOnly
      ? " (a value not shown changed)"
      : contextOnly
        ? ` (${b.cwd !== a.cwd ? `now in folder ${code(a.cwd ?? ".")}, was ${code(b.cwd ?? ".")}` : `its environment changed: ${(a.env ?? []).map(code).join(", ") || "none"}`})`
        : ` (was: ${what(b)})`;
  return [escalation("hooks.command-changed", `Hook ${when(a)} now ${what(a)}${why}.`, model ? "medium" : undefined)];
};
