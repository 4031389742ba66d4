// Rules for hooks: commands, URLs and prompts that run automatically on agent events.
import type { HookAttrs, HookScriptAttrs } from "../model.js";
import { runContextOf, scriptsOfCommand } from "../hook-scripts.js";
import { pinnedReleaseMoves } from "../package-specs.js";
import { added, code, escalation, neutral, reduction, type Evaluator, type Hit, rule, type RuleDef } from "./types.js";

/** The rules of this family: id, default severity, title and explanation (every report and `explain` show these). */
export const HOOK_RULES: readonly RuleDef[] = [
  rule("hooks.command-added", "high", "New hook",
    "A hook runs a command (or calls a URL, or prompts a model) automatically on an agent event such as every tool call or session start, with the user's privileges and no prompt. Read the command and the script it calls: a repository file the hook runs is shown by its first lines, with what it downloads and runs, the hosts it names, the credentials it holds or reads, the agent configuration it writes and the flags that turn prompts off (critical when it downloads and runs code or turns prompts off). A script the command names in a way that cannot be resolved (a variable, a substitution, a path leaving the repository) is said so: read it by hand."),
  rule("hooks.command-changed", "high", "Hook command changed",
    "An existing hook now runs a different command or script, or the script file it runs changed (wherever it is in the repository, whether or not the scope names it). Review it as a new hook; critical when the script now downloads and runs code or turns an agent's prompts off; medium when only the pinned release of a package it runs moved (`npx tool@1.2.0` → `npx tool@1.3.0`), a dependency update to read as one."),
];

function what(h: HookAttrs): string {
  if (h.type === "http") return `calls ${code(h.url ?? "?")}`;
  if (h.type === "prompt" || h.type === "agent") return `runs a ${h.type} hook`;
  return `runs ${code(h.command ?? "?")}`;
}

function when(h: HookAttrs): string {
  return `on ${code(h.event)}${h.matcher && h.matcher !== "*" ? ` for ${code(h.matcher)}` : ""}`;
}

/** " It runs …, which cannot be resolved …" when the command names scripts no repository path can be given for. */
function unresolvedNote(h: HookAttrs, path: string): string {
  if (h.type !== "command" || !h.command) return "";
  const words = scriptsOfCommand(h.command, runContextOf({ path, client: h.client, ...(h.cwd !== undefined ? { cwd: h.cwd } : {}) }, () => false)).unresolved;
  if (!words.length) return "";
  return ` It runs ${words.slice(0, 3).map(code).join(", ")}${words.length > 3 ? ` and ${words.length - 3} more` : ""}, which this review cannot resolve to a repository file: read what it runs by hand.`;
}

export const hookRules: Evaluator<"hook"> = (c) => {
  const b = c.before?.attrs;
  const a = c.after?.attrs;
  if (!a) return [reduction(`Hook ${when(b!)} removed (it ${what(b!)}).`)];
  const model = a.type === "prompt" || a.type === "agent";
  const note = unresolvedNote(a, c.after!.path);
  if (!b) return [escalation("hooks.command-added", `New ${a.client} hook ${when(a)} ${what(a)}.${note}`, model ? "medium" : undefined)];
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
  // Only a pinned package's release moved (`npx tool@1.2.0` → `@1.3.0`): a dependency update, to read as one.
  const moves = !scriptOnly && !hiddenOnly && !contextOnly && b.type === "command" && a.type === "command" ? pinnedReleaseMoves(b.command ?? "", a.command ?? "") : undefined;
  if (moves) {
    const moved = moves.map((m) => `${code(m.name)} ${code(m.to)} (was ${code(m.from)})`).join(", ");
    return [escalation("hooks.command-changed", `Hook ${when(a)} now runs ${moved}, the same command otherwise: another pinned release of the same package; read what the release changes.${note}`, "medium")];
  }
  return [escalation("hooks.command-changed", `Hook ${when(a)} now ${what(a)}${why}.${note}`, model ? "medium" : undefined)];
};

const list = (items: string[]): string => items.slice(0, 5).map(code).join(", ") + (items.length > 5 ? ` and ${items.length - 5} more` : "");

/** What a script gained, in the order of concern: each part says what it does. */
const SCRIPT_PARTS: [field: keyof HookScriptAttrs & ("remoteScripts" | "bypasses" | "configWrites" | "credentials" | "hosts"), says: string][] = [
  ["remoteScripts", "downloads and runs"],
  ["bypasses", "turns prompts or the sandbox off with"],
  ["configWrites", "writes agent configuration"],
  ["credentials", "holds or reads credentials:"],
  ["hosts", "names hosts"],
];

/**
 * The first lines as an indented code block: six spaces, so that it stays a code block inside the
 * Markdown report's list item (two for the item, four for the block).
 */
function scriptHead(s: HookScriptAttrs): string {
  if (!s.head) return " (empty).";
  return `; its first lines:\n\n${s.head.split("\n").map((l) => `      ${l}`).join("\n")}`;
}

export const hookScriptRules: Evaluator<"hook_script"> = (c) => {
  const b = c.before?.attrs;
  const a = c.after?.attrs;
  const path = code((c.after ?? c.before)!.path);
  if (!a) return [reduction(`Script ${path} is no longer run by a hook.`)];
  const by = `run by ${list(a.runBy)}`;
  const gained = SCRIPT_PARTS.map(([field, says]) => ({ field, says, items: added(b?.[field], a[field]) })).filter((g) => g.items.length);
  const does = gained.map((g) => `${g.says} ${list(g.items)}`).join("; ");
  // Downloading and running code, or an agent run without prompts, from a hook: nothing stands between it and the machine.
  const severe = gained.some((g) => (g.field === "remoteScripts" || g.field === "bypasses") && g.items.some((i) => !i.startsWith("(")));
  const first = gained[0];
  const line = first ? c.after!.locations?.[`${first.field}:${first.items[0]}`]?.line : undefined;
  const at = (h: Hit): Hit => (line !== undefined ? { ...h, line } : h);
  if (!b) return [at(escalation("hooks.command-added", `Hook script ${path}, ${by}, is new to the review${does ? ` and ${does}` : ""}${scriptHead(a)}`, severe ? "critical" : undefined))];
  if (b.digest === a.digest) return [neutral(`Script ${path} is now ${by}.`)];
  return [at(escalation("hooks.command-changed", `Hook script ${path}, ${by}, changed${does ? ` and now ${does}` : ""}${scriptHead(a)}`, severe ? "critical" : undefined))];
};
