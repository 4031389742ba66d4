// Gemini CLI workspace settings `.gemini/settings.json`: MCP servers, approval/sandbox/trust settings,
// tool allow/deny lists, MCP server allow/deny lists and hooks.
import { createHash } from "node:crypto";
import type { Capability, Client, Json, ParseResult } from "../model.js";
import { asString, isRecord, type LocatedDocument, type PathSegment } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { sanitizeUrl } from "../secrets.js";
import { shownCommand } from "./hooks-json.js";
import { merge, serverMap } from "./mcp-json.js";
import { endpointValue, unreadKeys } from "./settings-helpers.js";
import { shapeProblem, typeName, withObject, type SourceFile, type Surface } from "./types.js";

const CLIENT: Client = "gemini";
const sortedStrings = (v: unknown[]): string[] => [...new Set(v.filter((x): x is string => typeof x === "string"))].sort();
const empty = (): ParseResult => ({ capabilities: [], problems: [] });

function get(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const k of path) {
    if (!isRecord(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** Scalar settings kept as is; each `at` is [setting id, path in the file]. */
const SCALARS: Array<[string, string[]]> = [
  ["general.defaultApprovalMode", ["general", "defaultApprovalMode"]],
  ["tools.sandbox", ["tools", "sandbox"]],
  ["tools.sandbox", ["sandbox"]], // v1 flat key, migrated by Gemini to tools.sandbox
  ["security.folderTrust.enabled", ["security", "folderTrust", "enabled"]],
  ["hooksConfig.enabled", ["hooksConfig", "enabled"]],
  ["hooksConfig.enabled", ["hooks", "enabled"]], // early hooks format kept the switch inside `hooks`
  ["tools.autoAccept", ["tools", "autoAccept"]],
  ["tools.autoAccept", ["autoAccept"]],
  ["tools.sandboxNetworkAccess", ["tools", "sandboxNetworkAccess"]],
  // Commands Gemini runs to discover and call project tools.
  ["command.tools.discoveryCommand", ["tools", "discoveryCommand"]],
  ["command.tools.discoveryCommand", ["toolDiscoveryCommand"]],
  ["command.tools.callCommand", ["tools", "callCommand"]],
  ["command.tools.callCommand", ["toolCallCommand"]],
  ["command.mcp.serverCommand", ["mcp", "serverCommand"]],
  ["telemetry.logPrompts", ["telemetry", "logPrompts"]],
];

/** List settings (sorted, de-duplicated). */
const LISTS: Array<[string, string[]]> = [
  ["mcp.allowed", ["mcp", "allowed"]],
  ["mcp.allowed", ["allowMCPServers"]],
  ["mcp.excluded", ["mcp", "excluded"]],
  ["mcp.excluded", ["excludeMCPServers"]],
  ["tools.core", ["tools", "core"]],
  ["tools.core", ["coreTools"]],
];

/** Permission lists: tools run without a prompt, tools removed. */
const RULES: Array<["allow" | "deny", string[]]> = [
  ["allow", ["tools", "allowed"]],
  ["deny", ["tools", "exclude"]],
  ["deny", ["excludeTools"]],
];

function setting(path: string, line: number, keyPath: string[], id: string, value: Json, hidden?: string): Capability {
  return { kind: "agent_setting", key: `${path}#${keyPath.join(".")}`, path, line, attrs: { client: CLIENT, setting: id, value, ...(hidden ? { hiddenDigest: hidden } : {}) } };
}

/**
 * Settings that point elsewhere: the context file names (GEMINI.md, the default, left out: it is
 * read anyway) and the telemetry endpoint, as its host (the rest enters as a digest).
 */
function pointers(doc: LocatedDocument, path: string, top: Record<string, unknown>): Capability[] {
  const out: Capability[] = [];
  const names = get(top, ["context", "fileName"]) ?? get(top, ["contextFileName"]);
  const at = get(top, ["context", "fileName"]) !== undefined ? ["context", "fileName"] : ["contextFileName"];
  if (typeof names === "string" || Array.isArray(names)) {
    const list = sortedStrings(Array.isArray(names) ? names : [names]).filter((n) => n !== "GEMINI.md");
    out.push(setting(path, doc.lineOf(at), at, "context.fileName", list));
  }
  const endpoint = get(top, ["telemetry", "otlpEndpoint"]);
  if (typeof endpoint === "string") {
    const shown = endpointValue(endpoint);
    out.push(setting(path, doc.lineOf(["telemetry", "otlpEndpoint"]), ["telemetry", "otlpEndpoint"], "telemetry.otlpEndpoint", shown.value, shown.hidden));
  }
  return out;
}

function settings(doc: LocatedDocument, path: string, top: Record<string, unknown>): ParseResult {
  const out = empty();
  out.capabilities.push(...pointers(doc, path, top));
  for (const [id, at] of SCALARS) {
    const v = get(top, at);
    if (v === undefined || isRecord(v) || Array.isArray(v)) continue;
    out.capabilities.push(setting(path, doc.lineOf(at), at, id, v as Json));
  }
  // A list setting of another type is a problem at its line; an absent one is nothing.
  const arrayAt = (at: string[]): unknown[] | undefined => {
    const v = get(top, at);
    if (v === undefined || Array.isArray(v)) return v;
    out.problems.push(shapeProblem(path, doc.lineOf(at), `\`${at.join(".")}\` must be an array, found ${typeName(v)}`));
    return undefined;
  };
  for (const [id, at] of LISTS) {
    const v = arrayAt(at);
    if (v) out.capabilities.push(setting(path, doc.lineOf(at), at, id, sortedStrings(v)));
  }
  for (const [list, at] of RULES) {
    const v = arrayAt(at);
    if (v) out.capabilities.push(...permissionRules(doc, path, v, at, list, CLIENT));
  }
  return out;
}

/** One permission_rule per string in a list; the key is the list path plus the rule, never the index. */
export function permissionRules(
  doc: LocatedDocument,
  path: string,
  values: unknown[],
  at: PathSegment[],
  list: "allow" | "ask" | "deny",
  client: Client,
): Capability[] {
  const caps: Capability[] = [];
  values.forEach((rule, i) => {
    if (typeof rule !== "string" || rule.trim() === "") return;
    caps.push({ kind: "permission_rule", key: `${path}#${at.join(".")}.${rule}`, path, line: doc.lineOf([...at, i]), attrs: { client, list, rule } });
  });
  return caps;
}

/** Claude-shaped hooks `{Event: [{matcher, hooks: [{type, command}]}]}`. */
export function hooks(doc: LocatedDocument, path: string, value: unknown, client: Client): ParseResult {
  const out = empty();
  if (value === undefined || value === null) return out;
  if (!isRecord(value)) {
    out.problems.push(shapeProblem(path, doc.lineOf(["hooks"]), `\`hooks\` must be an object of events, found ${typeName(value)}`));
    return out;
  }
  const keys = new Set<string>();
  for (const [event, groups] of Object.entries(value)) {
    if (!Array.isArray(groups)) continue; // `enabled`, `disabled` and other non-event keys
    groups.forEach((group, g) => {
      if (!isRecord(group) || !Array.isArray(group.hooks)) return;
      const matcher = asString(group.matcher) || undefined;
      const slot = `${path}#hooks.${event}[${matcher ?? "*"}]`;
      group.hooks.forEach((h, i) => {
        if (!isRecord(h)) return;
        const type = h.type === "http" || h.type === "prompt" || h.type === "agent" ? h.type : "command";
        const line = doc.lineOf(["hooks", event, g, "hooks", i, type === "http" ? "url" : type === "command" ? "command" : "prompt"]);
        const base = { client, event, ...(matcher !== undefined ? { matcher } : {}) };
        if (type === "http") {
          const url = asString(h.url);
          if (!url) return;
          const clean = sanitizeUrl(url);
          const hidden = clean.hidden ? { hiddenDigest: clean.hidden } : {};
          out.capabilities.push({ kind: "hook", key: `${slot}.${clean.url}`, slot, path, line, attrs: { ...base, type, url: clean.url, ...hidden } });
        } else if (type === "command") {
          const command = asString(h.command);
          if (!command) return;
          // Credentials in the command are shown redacted, as every other hook surface does; the
          // exact command still binds the approval through its digest.
          const shown = shownCommand(command);
          // Two commands that differ only in a hidden part are two hooks: the later one keyed by its digest.
          const key = `${slot}.${shown.command}`;
          const unique = keys.has(key) && shown.hiddenDigest ? `${key}#${shown.hiddenDigest}` : key;
          keys.add(unique);
          out.capabilities.push({ kind: "hook", key: unique, slot, path, line, attrs: { ...base, type, ...shown } });
        } else {
          const prompt = asString(h.prompt) ?? "";
          const digest = createHash("sha256").update(prompt).digest("hex");
          out.capabilities.push({ kind: "hook", key: `${slot}.${digest}`, slot, path, line, attrs: { ...base, type, digest } });
        }
      });
    });
  }
  return out;
}

/** Top-level keys read above; category → keys read in it, or known to grant nothing (editor, updates, notifications); the rest of a category is reported. */
const READ_TOP = new Set(["mcpServers", "hooks", "sandbox", "autoAccept", "coreTools", "excludeTools", "allowMCPServers", "excludeMCPServers", "toolDiscoveryCommand", "toolCallCommand", "contextFileName"]);
const READ_IN: Record<string, ReadonlySet<string>> = {
  general: new Set(["defaultApprovalMode", "vimMode", "preferredEditor", "openEditorInNewWindow", "enableAutoUpdate", "enableAutoUpdateNotification", "disableAutoUpdate", "disableUpdateNag", "enableNotifications", "notificationMethod", "checkpointing", "sessionRetention", "maxAttempts", "retryFetchErrors", "debugKeystrokeLogging", "topicUpdateNarration"]),
  tools: new Set(["sandbox", "autoAccept", "sandboxNetworkAccess", "discoveryCommand", "callCommand", "core", "allowed", "exclude"]),
  security: new Set(["folderTrust"]),
  mcp: new Set(["allowed", "excluded", "serverCommand"]),
  hooksConfig: new Set(["enabled"]),
  context: new Set(["fileName"]),
  telemetry: new Set(["otlpEndpoint", "logPrompts"]),
};
/** Keys and categories known to grant nothing: display, output format, usage statistics, billing, the model's name. */
export const GEMINI_INERT = new Set(["$schema", "ui", "output", "privacy", "billing", "model"]);

/** Every key no function above reads (a newer Gemini CLI's setting, one not modelled here): reported, never silent. */
function unread(doc: LocatedDocument, path: string, top: Record<string, unknown>): Capability[] {
  const read = new Set([...READ_TOP, ...Object.keys(READ_IN)]);
  const lineOf = (p: string[]) => doc.lineOf(p);
  const inner = Object.entries(READ_IN).flatMap(([cat, keys]) => unreadKeys(path, CLIENT, lineOf, top[cat], [cat], keys));
  return [...unreadKeys(path, CLIENT, lineOf, top, [], read, GEMINI_INERT), ...inner];
}

function parse(file: SourceFile): ParseResult {
  const { path } = file;
  return withObject(parseJson(path, file.text, { jsonc: true }), path, "Gemini settings", (doc, top) => {
    return merge(
      serverMap(doc, path, top.mcpServers, ["mcpServers"], "mcpServers", CLIENT),
      settings(doc, path, top),
      hooks(doc, path, top.hooks, CLIENT),
      { capabilities: unread(doc, path, top), problems: [] },
    );
  });
}

export const geminiSettings: Surface = {
  id: "gemini-settings",
  description: "Gemini CLI workspace settings (.gemini/settings.json): MCP servers, approval, sandbox, tool lists, hooks",
  patterns: ["**/.gemini/settings.json"],
  parse,
};
