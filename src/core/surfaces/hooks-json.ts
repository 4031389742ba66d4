// Hook files in JSON: Claude Code / Codex plugin `hooks/hooks.json` and Codex plugin-root `hooks.json`,
// Copilot `.github/hooks/*.json`, Cursor `.cursor/hooks.json`, Windsurf `.windsurf/hooks.json`.
// Also home of `claudeStyleHooks`, the one walker for `{Event: [...]}` hook maps that the plugin,
// marketplace and settings surfaces reuse.
import { hash } from "node:crypto";
import type { Capability, Client, HookAttrs } from "../model.js";
import { asString, isRecord, type LocatedDocument, type PathSegment } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { canonicalJson } from "../canonical.js";
import { hiddenDigest, hiddenDigestOf, redactArgs, sanitizeUrl } from "../secrets.js";
import { shapeProblem, withDocument, type Surface } from "./types.js";

/** Hex SHA-256 of a text (one-shot: a Hash object per text costs about three times as much). */
export const sha256 = (text: string): string => hash("sha256", text, "hex");

/**
 * Replace token-looking words of a shell command line, keeping the rest of it as written: quotes
 * and brackets around a word stay, so `'X-Key: sk-…'` becomes `'X-Key: <redacted>'`.
 */
export function redactCommand(command: string): string {
  const parts = command.split(/(\s+)/);
  const words = parts.filter((_, i) => i % 2 === 0).map(splitWrapping);
  const { args } = redactArgs(words.map((w) => w.core));
  return parts.map((p, i) => (i % 2 === 0 ? words[i / 2]!.open + args[i / 2]! + words[i / 2]!.close : p)).join("");
}

const OPENING = new Set(["'", '"', "`", "(", "[", "{"]);
const CLOSING = new Set(["'", '"', "`", ")", "]", "}", ",", ";"]);

/** A command as shown (credentials replaced) and, when something was replaced, the digest of the exact text. */
export function shownCommand(command: string): { command: string; hiddenDigest?: string } {
  const shown = redactCommand(command);
  return shown === command ? { command } : { command: shown, hiddenDigest: hiddenDigest(command) };
}

/** A shell word's leading quotes and brackets, its core, and its trailing quotes and separators (index scans: linear). */
function splitWrapping(word: string): { open: string; core: string; close: string } {
  let start = 0;
  while (start < word.length && OPENING.has(word[start]!)) start++;
  let end = word.length;
  while (end > start && CLOSING.has(word[end - 1]!)) end--;
  return { open: word.slice(0, start), core: word.slice(start, end), close: word.slice(end) };
}

/** Key and slot of a hook, per the contract: the slot leaves out what runs, so an edit pairs up. */
export function hookIds(path: string, prefix: string, event: string, matcher: string | undefined, what: string): { key: string; slot: string } {
  const slot = `${path}#${prefix}.${event}[${matcher ?? "*"}]`;
  return { key: `${slot}.${what}`, slot };
}

/**
 * One hook handler → attrs, whatever the dialect: Claude/Codex `{type, command|url|prompt}`,
 * Copilot `{type:"command", bash, powershell}`, Cursor/Windsurf `{command}`. Undefined when the
 * handler runs nothing we can name.
 */
function handlerAttrs(client: Client, event: string, matcher: string | undefined, h: Record<string, unknown>): { attrs: HookAttrs; what: string; field: string } | undefined {
  const type = asString(h.type);
  const command = asString(h.command) ?? asString(h.bash) ?? asString(h.powershell);
  const field = asString(h.command) !== undefined ? "command" : asString(h.bash) !== undefined ? "bash" : "powershell";
  const base = { client, event, ...(matcher !== undefined ? { matcher } : {}) };
  // Anything carrying a command runs it, whatever its declared type says.
  // What is hidden for display (a token, a query value, the prompt) enters the attrs as a digest.
  if (command !== undefined && type !== "http" && type !== "prompt" && type !== "agent") {
    const shown = shownCommand(command);
    return { attrs: { ...base, type: "command", ...shown, ...runContext(h) }, what: shown.command, field };
  }
  const url = asString(h.url);
  if (url !== undefined && (type === "http" || type === undefined)) {
    const clean = sanitizeUrl(url);
    return { attrs: { ...base, type: "http", url: clean.url, ...(clean.hidden ? { hiddenDigest: clean.hidden } : {}) }, what: clean.url, field: "url" };
  }
  const prompt = asString(h.prompt);
  if (type === "prompt" || type === "agent") {
    return { attrs: { ...base, type, hiddenDigest: hiddenDigest(prompt ?? "") }, what: `prompt:${sha256(prompt ?? "").slice(0, 12)}`, field: "prompt" };
  }
  return undefined;
}

/** Where and with what environment a command hook runs (Copilot's `cwd` and `env`): part of what runs. */
function runContext(h: Record<string, unknown>): Pick<HookAttrs, "cwd" | "env" | "envDigest"> {
  const cwd = asString(h.cwd);
  const env = isRecord(h.env) ? h.env : undefined;
  const names = env ? Object.keys(env).sort() : [];
  return {
    ...(cwd !== undefined ? { cwd } : {}),
    ...(names.length ? { env: names, envDigest: hiddenDigestOf(names.map((n) => [n, env![n]])) } : {}),
  };
}

/**
 * Hooks from a Claude-shaped event map `{Event: [{matcher?, hooks:[handler...]}]}`; flat entries
 * `{Event: [handler...]}` (Copilot, Cursor, Windsurf) are accepted too.
 *
 * @param path      file path (goes into keys and capabilities)
 * @param client    agent that runs the hooks
 * @param hooks     the event map (the value of the `hooks` key); anything else yields nothing
 * @param doc       the located document, for lines
 * @param basePath  document path of the event map, e.g. `["hooks"]`
 * @param idPrefix  key prefix inside the file; default `hooks` (gives `${path}#hooks.Event[matcher].cmd`)
 */
export function claudeStyleHooks(path: string, client: Client, hooks: unknown, doc: LocatedDocument, basePath: PathSegment[], idPrefix = "hooks"): Capability[] {
  if (!isRecord(hooks)) return [];
  const out = new Map<string, Capability>();
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    groups.forEach((group, gi) => {
      if (!isRecord(group)) return;
      const nested = Array.isArray(group.hooks);
      const handlers: unknown[] = nested ? (group.hooks as unknown[]) : [group];
      let matcher = asString(group.matcher);
      if (matcher === "") matcher = undefined;
      handlers.forEach((h, hi) => {
        if (!isRecord(h)) return;
        // Claude's per-handler `if` (permission-rule syntax) narrows when it runs: part of "when".
        const cond = asString(h.if);
        const m = cond ? `${matcher ?? "*"} if ${cond}` : matcher;
        const built = handlerAttrs(client, event, m, h);
        if (!built) return;
        const at = nested ? [...basePath, event, gi, "hooks", hi] : [...basePath, event, gi];
        const ids = hookIds(path, idPrefix, event, m, built.what);
        // The same command twice in one slot is one capability (first declaration's line). Two that
        // only look the same (they differ in a hidden part) are two: the later one keyed by its digest.
        const seen = out.get(ids.key);
        if (seen && canonicalJson(seen.attrs) === canonicalJson(built.attrs)) return;
        if (seen) ids.key = `${ids.key}#${built.attrs.hiddenDigest ?? sha256(canonicalJson(built.attrs))}`;
        if (out.has(ids.key)) return;
        out.set(ids.key, { kind: "hook", ...ids, path, line: doc.lineOf([...at, built.field]), attrs: built.attrs });
      });
    });
  }
  return [...out.values()];
}

/** `hooks` of a manifest: an inline `{hooks:{...}}` wrapper or a bare event map; paths give nothing. */
export function inlineHooks(value: unknown, basePath: PathSegment[]): { map: unknown; at: PathSegment[] } {
  if (isRecord(value) && isRecord(value.hooks)) return { map: value.hooks, at: [...basePath, "hooks"] };
  return { map: value, at: basePath };
}

/** True when the path is a dedicated hooks file (so a wrong shape is an error, not another file). */
function dedicated(path: string): boolean {
  return /(^|\/)\.github\/hooks\/[^/]+\.json$|(^|\/)\.(cursor|windsurf)\/hooks\.json$|(^|\/)hooks\/hooks\.json$/i.test(path);
}

/** Gemini extension hooks share the Claude shape; only their event names and variables tell them apart. */
const GEMINI_EVENTS = new Set(["BeforeTool", "AfterTool", "BeforeAgent", "AfterAgent", "BeforeModel", "AfterModel", "BeforeToolSelection", "PreCompress"]);

function clientOf(path: string, root: Record<string, unknown>, hooks: Record<string, unknown>): Client {
  if (/(^|\/)\.github\/hooks\//i.test(path)) return "copilot";
  if (/(^|\/)\.cursor\//i.test(path)) return "cursor";
  if (/(^|\/)\.windsurf\//i.test(path)) return "generic"; // no `windsurf` client in the model yet
  if (/(^|\/)\.codex\//i.test(path)) return "codex";
  const events = Object.keys(hooks);
  const text = JSON.stringify(hooks);
  if (events.some((e) => GEMINI_EVENTS.has(e)) || text.includes("${extensionPath}")) return "gemini";
  if (text.includes("CLAUDE_PLUGIN_ROOT")) return "claude";
  // Copilot's format: `version: 1` and flat `{type, bash|powershell}` entries under camelCase events.
  const flat = Object.values(hooks).some((g) => Array.isArray(g) && g.some((e) => isRecord(e) && (e.bash !== undefined || e.powershell !== undefined)));
  if (flat || (root.version !== undefined && events.every((e) => /^[a-z]/.test(e)))) return "copilot";
  // A plugin-root `hooks.json` (not under `hooks/`) is Codex's default discovery location.
  if (!/(^|\/)hooks\/hooks\.json$/i.test(path)) return "codex";
  return "claude";
}

export const hooksJson: Surface = {
  id: "hooks-json",
  description: "Hook files: Claude/Codex plugin hooks.json, Copilot .github/hooks/*.json, Cursor and Windsurf hooks.json",
  patterns: ["**/hooks/hooks.json", "**/hooks.json", "**/.github/hooks/*.json", "**/.cursor/hooks.json", "**/.windsurf/hooks.json"],
  parse({ path, text }) {
    return withDocument(parseJson(path, text), (doc) => {
      const root = doc.value;
      if (!isRecord(root)) {
        // A generic `hooks.json` may belong to some other tool; only dedicated paths must be objects.
        return dedicated(path) ? { capabilities: [], problems: [shapeProblem(path, 1, "hooks file must be a JSON object")] } : [];
      }
      if (root.hooks === undefined) return [];
      if (!isRecord(root.hooks)) {
        if (!dedicated(path)) return [];
        return { capabilities: [], problems: [shapeProblem(path, doc.lineOf(["hooks"]), "`hooks` must be an object of event names")] };
      }
      return claudeStyleHooks(path, clientOf(path, root, root.hooks), root.hooks, doc, ["hooks"]);
    });
  },
};
