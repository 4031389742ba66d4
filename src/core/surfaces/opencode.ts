// OpenCode config `opencode.json(c)`: MCP servers (`mcp`), permissions (global and per agent),
// legacy `tools` switches, npm plugins and model endpoints.
import type { Capability, ParseResult, PermissionRuleAttrs, PluginAttrs, SourceRef } from "../model.js";
import { isRecord, type LocatedDocument, type PathSegment } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { sanitizeUrl } from "../secrets.js";
import { merge, serverMap } from "./mcp-json.js";
import { shapeProblem, typeName, withObject, type SourceFile, type Surface } from "./types.js";

const DECISIONS = new Set(["allow", "ask", "deny"]);
const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;
const empty = (): ParseResult => ({ capabilities: [], problems: [] });

function rule(path: string, line: number, key: string, list: PermissionRuleAttrs["list"], text: string, scope?: string): Capability {
  const attrs: PermissionRuleAttrs = { client: "opencode", list, rule: text };
  if (scope) attrs.scope = scope;
  return { kind: "permission_rule", key: `${path}#${key}`, path, line, attrs };
}

/**
 * `permission`: a decision for everything, or tool → decision, or tool → {pattern: decision}.
 * The key holds the list, so `ask` → `allow` reads as a new allow rule, not a neutral edit.
 */
function permissions(doc: LocatedDocument, path: string, value: unknown, at: PathSegment[], scope?: string): ParseResult {
  const out = empty();
  const prefix = at.join(".");
  if (value === undefined || value === null) return out;
  if (typeof value === "string") {
    if (DECISIONS.has(value)) out.capabilities.push(rule(path, doc.lineOf(at), `${prefix}.${value}.*`, value as PermissionRuleAttrs["list"], "*", scope));
    return out;
  }
  if (!isRecord(value)) {
    out.problems.push(shapeProblem(path, doc.lineOf(at), `\`${prefix}\` must be a decision or an object, found ${typeName(value)}`));
    return out;
  }
  for (const [tool, setting] of Object.entries(value)) {
    if (typeof setting === "string") {
      if (DECISIONS.has(setting)) out.capabilities.push(rule(path, doc.lineOf([...at, tool]), `${prefix}.${setting}.${tool}`, setting as PermissionRuleAttrs["list"], tool, scope));
    } else if (isRecord(setting)) {
      for (const [pattern, decision] of Object.entries(setting)) {
        if (typeof decision !== "string" || !DECISIONS.has(decision)) continue;
        // `bash: {"*": "allow"}` means the same as `bash: "allow"`: same rule string.
        const text = pattern === "*" ? tool : `${tool}(${pattern})`;
        out.capabilities.push(rule(path, doc.lineOf([...at, tool, pattern]), `${prefix}.${decision}.${text}`, decision as PermissionRuleAttrs["list"], text, scope));
      }
    }
  }
  return out;
}

/** Legacy `tools: {name: false}` turns a tool off: a deny rule. */
function tools(doc: LocatedDocument, path: string, value: unknown, at: PathSegment[], scope?: string): ParseResult {
  const out = empty();
  if (!isRecord(value)) return out;
  for (const [tool, on] of Object.entries(value)) {
    if (on === false) out.capabilities.push(rule(path, doc.lineOf([...at, tool]), `${at.join(".")}.deny.${tool}`, "deny", tool, scope));
  }
  return out;
}

function agents(doc: LocatedDocument, path: string, value: unknown): ParseResult {
  if (!isRecord(value)) return empty();
  const parts: ParseResult[] = [];
  for (const [name, agent] of Object.entries(value)) {
    if (!isRecord(agent)) continue;
    parts.push(permissions(doc, path, agent.permission, ["agent", name, "permission"], name));
    parts.push(tools(doc, path, agent.tools, ["agent", name, "tools"], name));
  }
  return merge(...parts);
}

/** `"pkg"`, `"@scope/pkg@1.2.3"`, or a local file. */
function pluginSource(spec: string): { name: string; version?: string; source: SourceRef } {
  if (/^(\.{1,2}\/|\/|file:)/.test(spec)) {
    const location = spec.replace(/^file:\/\//, "");
    return { name: location, source: { type: "local", location, pinned: true, ...(location.startsWith("../") ? { escapesRoot: true } : {}) } };
  }
  const at = spec.lastIndexOf("@");
  const name = at > 0 ? spec.slice(0, at) : spec;
  const version = at > 0 ? spec.slice(at + 1) : undefined;
  const pinned = !!version && EXACT_SEMVER.test(version);
  return { name, ...(version ? { version } : {}), source: { type: "npm", location: name, ...(version ? { ref: version } : {}), pinned } };
}

function plugins(doc: LocatedDocument, path: string, value: unknown): ParseResult {
  const out = empty();
  if (value === undefined || value === null) return out;
  if (!Array.isArray(value)) {
    out.problems.push(shapeProblem(path, doc.lineOf(["plugin"]), `\`plugin\` must be an array of packages, found ${typeName(value)}`));
    return out;
  }
  value.forEach((spec, i) => {
    if (typeof spec !== "string" || spec.trim() === "") return;
    const { name, version, source } = pluginSource(spec.trim());
    const attrs: PluginAttrs = { name, client: "opencode", declaredIn: "settings", enabled: true, source, bundles: [] };
    if (version) attrs.version = version;
    // Keyed by package name: a version bump is a change of the same plugin.
    out.capabilities.push({ kind: "plugin", key: `${path}#plugin.${name}`, path, line: doc.lineOf(["plugin", i]), attrs });
  });
  return out;
}

/** `provider.<id>.options.baseURL` sends model traffic to another host. */
function providers(doc: LocatedDocument, path: string, value: unknown): ParseResult {
  const out = empty();
  if (!isRecord(value)) return out;
  for (const [id, provider] of Object.entries(value)) {
    const url = isRecord(provider) && isRecord(provider.options) ? provider.options.baseURL : undefined;
    if (typeof url !== "string") continue;
    const at = ["provider", id, "options", "baseURL"];
    const clean = sanitizeUrl(url);
    out.capabilities.push({
      kind: "agent_setting",
      key: `${path}#${at.join(".")}`,
      path,
      line: doc.lineOf(at),
      // A stripped query or userinfo still binds the approval, as a digest.
      attrs: { client: "opencode", setting: "model_endpoint", value: clean.url, ...(clean.hidden ? { hiddenDigest: clean.hidden } : {}) },
    });
  }
  return out;
}

function parse(file: SourceFile): ParseResult {
  const { path } = file;
  return withObject(parseJson(path, file.text, { jsonc: true }), path, "an OpenCode config", (doc, top) => {
    return merge(
      serverMap(doc, path, top.mcp, ["mcp"], "mcp", "opencode"),
      permissions(doc, path, top.permission, ["permission"]),
      tools(doc, path, top.tools, ["tools"]),
      agents(doc, path, top.agent),
      plugins(doc, path, top.plugin),
      providers(doc, path, top.provider),
    );
  });
}

export const opencodeConfig: Surface = {
  id: "opencode",
  description: "OpenCode config (opencode.json/jsonc): MCP servers, permissions, plugins, model endpoints",
  patterns: ["**/opencode.json", "**/opencode.jsonc"],
  parse,
};
