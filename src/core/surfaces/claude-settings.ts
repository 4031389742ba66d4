// Claude Code settings: `.claude/settings.json`, `.claude/settings.local.json` and managed
// `managed-settings.json`: permission rules, modes, sandbox, env, helper commands, hooks, plugins.
import type { Capability, Json, SourceRef } from "../model.js";
import { canonicalJson } from "../canonical.js";
import { mcpServerCapability, normalizeMcpServer } from "../mcp-server.js";
import { asString, isRecord, type LocatedDocument, type PathSegment } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { hiddenDigestOf } from "../secrets.js";
import { claudeStyleHooks, shownCommand } from "./hooks-json.js";
import { envValue, localSource, remoteSource, sealedJson, settingCap, sortedStrings, splitPluginKey, type Sealed, unreadKeys } from "./settings-helpers.js";
import { withObject, type Surface } from "./types.js";

type Table = Record<string, unknown>;

interface Ctx {
  path: string;
  doc: LocatedDocument;
  out: Capability[];
}

/** A setting as shown; what it leaves out (a redacted token, an env value) is in `hidden`, as a digest. */
function emit(ctx: Ctx, at: PathSegment[], setting: string, shown: Sealed): void {
  ctx.out.push(settingCap(ctx.path, at.join("."), ctx.doc.lineOf(at), "claude", setting, shown.value, undefined, shown.hidden));
}

const plain = (value: Json): Sealed => ({ value });

/** A list setting: strings sorted; lists of objects (managed allowlists) sorted canonically. */
function listValue(value: unknown): Sealed | undefined {
  if (!Array.isArray(value)) return undefined;
  if (value.every((v) => typeof v === "string")) return plain(sortedStrings(value)!);
  const items = value.map((v) => sealedJson(v));
  const unique = new Map(items.map((v) => [canonicalJson(v.value), v.value]));
  const shown = [...unique.keys()].sort().map((k) => unique.get(k)!);
  return items.some((v) => v.hidden) ? { value: shown, hidden: hiddenDigestOf(value) } : plain(shown);
}

function permissions(ctx: Ctx, p: unknown): void {
  if (!isRecord(p)) return;
  for (const list of ["allow", "ask", "deny"] as const) {
    const rules = p[list];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, i) => {
      if (typeof rule !== "string" || rule.trim() === "") return;
      ctx.out.push({
        kind: "permission_rule",
        key: `${ctx.path}#permissions.${list}.${rule}`,
        path: ctx.path,
        line: ctx.doc.lineOf(["permissions", list, i]),
        attrs: { client: "claude", list, rule },
      });
    });
  }
  if (p.defaultMode !== undefined) emit(ctx, ["permissions", "defaultMode"], "defaultMode", sealedJson(p.defaultMode));
  const dirs = sortedStrings(p.additionalDirectories);
  if (dirs) emit(ctx, ["permissions", "additionalDirectories"], "additionalDirectories", plain(dirs));
  if (p.disableBypassPermissionsMode !== undefined) {
    emit(ctx, ["permissions", "disableBypassPermissionsMode"], "disableBypassPermissionsMode", sealedJson(p.disableBypassPermissionsMode));
  }
}

const shownOf = (command: string): Sealed => {
  const shown = shownCommand(command);
  return { value: shown.command, ...(shown.hiddenDigest ? { hidden: shown.hiddenDigest } : {}) };
};

const COMMANDS = ["apiKeyHelper", "awsAuthRefresh", "awsCredentialExport", "otelHeadersHelper"];

function commands(ctx: Ctx, s: Table): void {
  for (const k of COMMANDS) {
    if (typeof s[k] === "string") emit(ctx, [k], `command.${k}`, shownOf(s[k] as string));
  }
  const status = isRecord(s.statusLine) ? asString(s.statusLine.command) : asString(s.statusLine);
  if (status !== undefined) emit(ctx, ["statusLine"], "command.statusLine", shownOf(status));
}

const SANDBOX_FLAGS = ["enabled", "autoAllowBashIfSandboxed", "allowUnsandboxedCommands", "enableWeakerNestedSandbox"];
const NETWORK_LISTS = ["allowedDomains", "allowUnixSockets"];
const NETWORK_FLAGS = ["allowAllUnixSockets", "allowLocalBinding", "httpProxyPort", "socksProxyPort"];

function sandbox(ctx: Ctx, s: unknown): void {
  if (!isRecord(s)) return;
  for (const k of SANDBOX_FLAGS) if (s[k] !== undefined) emit(ctx, ["sandbox", k], `sandbox.${k}`, sealedJson(s[k]));
  const excluded = sortedStrings(s.excludedCommands);
  if (excluded) emit(ctx, ["sandbox", "excludedCommands"], "sandbox.excludedCommands", plain(excluded));
  if (!isRecord(s.network)) return;
  for (const k of NETWORK_LISTS) {
    const list = sortedStrings(s.network[k]);
    if (list) emit(ctx, ["sandbox", "network", k], `sandbox.network.${k}`, plain(list));
  }
  // A null proxy port is the documented "unset"; only a value is worth tracking.
  for (const k of NETWORK_FLAGS) {
    if (s.network[k] !== undefined && s.network[k] !== null) emit(ctx, ["sandbox", "network", k], `sandbox.network.${k}`, sealedJson(s.network[k]));
  }
}

const FLAGS = ["enableAllProjectMcpServers", "disableAllHooks", "allowManagedHooksOnly", "allowManagedPermissionRulesOnly"];
const LISTS = ["enabledMcpjsonServers", "disabledMcpjsonServers", "strictKnownMarketplaces", "allowedMcpServers", "deniedMcpServers"];

function generic(ctx: Ctx, s: Table): void {
  for (const k of FLAGS) if (s[k] !== undefined) emit(ctx, [k], k, sealedJson(s[k]));
  for (const k of LISTS) {
    const list = listValue(s[k]);
    if (list !== undefined) emit(ctx, [k], k, list);
    else if (s[k] !== undefined) emit(ctx, [k], k, sealedJson(s[k]));
  }
  if (isRecord(s.env)) {
    for (const [name, v] of Object.entries(s.env)) emit(ctx, ["env", name], "env", envValue(name, v));
  }
}

function plugins(ctx: Ctx, value: unknown): void {
  if (!isRecord(value)) return;
  for (const [key, on] of Object.entries(value)) {
    const { name, marketplace } = splitPluginKey(key);
    ctx.out.push({
      kind: "plugin",
      key: `${ctx.path}#enabledPlugins.${key}`,
      path: ctx.path,
      line: ctx.doc.lineOf(["enabledPlugins", key]),
      attrs: { name, ...(marketplace ? { marketplace } : {}), client: "claude", declaredIn: "settings", enabled: on !== false && on !== null, bundles: [] },
    });
  }
}

/** `{source: "github"|"git"|"directory"|"url"|"file"|"npm", ...}` → SourceRef. */
export function claudeSource(src: Table): SourceRef {
  const ref = asString(src.ref) ?? asString(src.branch) ?? asString(src.tag);
  const sha = asString(src.sha) ?? asString(src.commit);
  switch (src.source) {
    case "github":
      return remoteSource("github", asString(src.repo) ?? "", ref, sha);
    case "git":
      return remoteSource("git", asString(src.url) ?? "", ref, sha);
    case "url":
      return remoteSource("url", asString(src.url) ?? "", ref, sha);
    case "directory":
      return localSource("directory", asString(src.path) ?? "");
    case "file":
      return localSource("local", asString(src.path) ?? "");
    case "npm": {
      const version = asString(src.version);
      const pkg = asString(src.package) ?? "";
      return { type: "npm", location: pkg, ...(version ? { ref: version } : {}), pinned: !!version && /^\d+\.\d+\.\d+([-+].*)?$/.test(version) };
    }
    default:
      return { type: "unknown", location: asString(src.url) ?? asString(src.repo) ?? asString(src.path) ?? "", pinned: false };
  }
}

function marketplaces(ctx: Ctx, value: unknown): void {
  if (!isRecord(value)) return;
  for (const [name, entry] of Object.entries(value)) {
    if (!isRecord(entry)) continue;
    // The documented shape nests the source; a flattened `{source:"github", repo}` is read too.
    const src = isRecord(entry.source) ? entry.source : typeof entry.source === "string" ? entry : undefined;
    ctx.out.push({
      kind: "marketplace",
      key: `${ctx.path}#extraKnownMarketplaces.${name}`,
      path: ctx.path,
      line: ctx.doc.lineOf(["extraKnownMarketplaces", name]),
      attrs: { name, client: "claude", declaredIn: "settings", ...(src ? { source: claudeSource(src) } : {}) },
    });
  }
}

function mcpServers(ctx: Ctx, value: unknown): void {
  if (!isRecord(value)) return;
  for (const [name, raw] of Object.entries(value)) {
    if (!isRecord(raw)) continue;
    ctx.out.push(mcpServerCapability(ctx.path, `mcpServers.${name}`, ctx.doc.lineOf(["mcpServers", name]), normalizeMcpServer(name, raw, "claude")));
  }
}

/** Keys the functions above read, per table; and top-level keys known to grant nothing (display, model choice). */
const READ: Record<string, ReadonlySet<string>> = {
  "": new Set(["permissions", ...COMMANDS, "statusLine", "sandbox", ...FLAGS, ...LISTS, "env", "hooks", "enabledPlugins", "extraKnownMarketplaces", "mcpServers"]),
  permissions: new Set(["allow", "ask", "deny", "defaultMode", "additionalDirectories", "disableBypassPermissionsMode"]),
  sandbox: new Set([...SANDBOX_FLAGS, "excludedCommands", "network"]),
  "sandbox.network": new Set([...NETWORK_LISTS, ...NETWORK_FLAGS]),
};
export const CLAUDE_INERT = new Set(["$schema", "model", "theme", "editorMode", "outputStyle", "language", "cleanupPeriodDays", "includeCoAuthoredBy", "includeGitInstructions", "spinnerTipsEnabled", "spinnerVerbs", "alwaysThinkingEnabled", "effortLevel", "verbose", "preferredNotifChannel", "autoUpdatesChannel", "showTurnDuration", "feedbackSurveyRate", "terminalProgressBarEnabled"]);

/** Every key no function above reads: reported, so that a newer Claude Code's setting is never silent. */
function unread(ctx: Ctx, s: Table): Capability[] {
  const at = (p: string) => (p ? p.split(".") : []);
  const tableAt = (p: string): unknown => at(p).reduce<unknown>((t, k) => (isRecord(t) ? t[k] : undefined), s);
  return Object.entries(READ).flatMap(([p, read]) => unreadKeys(ctx.path, "claude", ctx.doc.lineOf, tableAt(p), at(p), read, p ? undefined : CLAUDE_INERT));
}

export const claudeSettings: Surface = {
  id: "claude-settings",
  description: "Claude Code settings.json / settings.local.json / managed-settings.json (permissions, modes, sandbox, env, hooks, plugins)",
  patterns: ["**/.claude/settings.json", "**/.claude/settings.local.json", "**/managed-settings.json"],
  parse({ path, text }) {
    return withObject(parseJson(path, text), path, "Claude settings", (doc, s) => {
      const ctx: Ctx = { path, doc, out: [] };
      permissions(ctx, s.permissions);
      commands(ctx, s);
      sandbox(ctx, s.sandbox);
      generic(ctx, s);
      ctx.out.push(...claudeStyleHooks(path, "claude", s.hooks, doc, ["hooks"]));
      plugins(ctx, s.enabledPlugins);
      marketplaces(ctx, s.extraKnownMarketplaces);
      mcpServers(ctx, s.mcpServers);
      ctx.out.push(...unread(ctx, s));
      return ctx.out;
    });
  },
};
