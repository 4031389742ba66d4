// One Codex config "layer" (the file's top level, a `[profiles.NAME]` table, or a sub-agent role
// file) → capabilities. The same keys mean the same thing in each layer; only key prefix and scope differ.
import type { Capability, Json } from "../model.js";
import { mcpServerCapability, normalizeMcpServer } from "../mcp-server.js";
import { asString, asStringArray, isRecord, type LocatedDocument } from "../parse/document.js";
import { hiddenDigestOf, redactArgs } from "../secrets.js";
import { claudeStyleHooks } from "./hooks-json.js";
import { endpointValue, envValue, localSource, remoteSource, sealedJson, settingCap, sortedStrings, splitPluginKey, type Sealed, unreadKeys } from "./settings-helpers.js";

export interface CodexContext {
  path: string;
  doc: LocatedDocument;
  out: Capability[];
}

type Table = Record<string, unknown>;

/** Nested scope: a permission profile or app inside a `[profiles.X]` layer is `X/name`. */
const nest = (scope: string | undefined, name: string): string => (scope ? `${scope}/${name}` : name);

/** `value` as shown, or `Sealed` when it leaves something out (a token, an env value): that part enters as a digest. */
function emit(ctx: CodexContext, at: string[], setting: string, value: Json | SealedValue, scope?: string): void {
  const shown = value instanceof SealedValue ? value.sealed : { value: value as Json };
  ctx.out.push(settingCap(ctx.path, at.join("."), ctx.doc.lineOf(at), "codex", setting, shown.value, scope, shown.hidden));
}

/** A marker class, so a setting value that happens to look like `{value, hidden}` is never taken for one. */
class SealedValue {
  constructor(readonly sealed: Sealed) {}
}
const sealed = (value: unknown, name?: string) => new SealedValue(sealedJson(value, name));

/** Each `[name]` entry of a table whose values are tables (servers, plugins, apps ...). */
function tables(value: unknown): [string, Table][] {
  if (!isRecord(value)) return [];
  return Object.entries(value).filter((e): e is [string, Table] => isRecord(e[1]));
}

function sandboxSettings(ctx: CodexContext, t: unknown, at: string[], scope?: string): void {
  if (!isRecord(t)) return;
  for (const [k, v] of Object.entries(t)) {
    if (k === "writable_roots") {
      const roots = sortedStrings(v);
      if (roots) emit(ctx, [...at, k], "sandbox.writable_roots", roots, scope);
    } else emit(ctx, [...at, k], `sandbox.${k}`, sealed(v, k), scope);
  }
}

function permissionProfiles(ctx: CodexContext, t: unknown, at: string[], scope?: string): void {
  for (const [name, p] of tables(t)) {
    const s = nest(scope, name);
    if (isRecord(p.network) && p.network.enabled !== undefined) {
      emit(ctx, [...at, name, "network", "enabled"], "permission_profile.network", sealed(p.network.enabled), s);
    }
    if (p.filesystem !== undefined) emit(ctx, [...at, name, "filesystem"], "permission_profile.filesystem", sealed(p.filesystem), s);
  }
}

function shellEnv(ctx: CodexContext, t: unknown, at: string[], scope?: string): void {
  if (!isRecord(t)) return;
  if (t.inherit !== undefined) emit(ctx, [...at, "inherit"], "shell_env.inherit", sealed(t.inherit), scope);
  if (t.ignore_default_excludes !== undefined) {
    emit(ctx, [...at, "ignore_default_excludes"], "shell_env.ignore_default_excludes", sealed(t.ignore_default_excludes), scope);
  }
  for (const k of ["exclude", "include_only"]) {
    const list = sortedStrings(t[k]);
    if (list) emit(ctx, [...at, k], `shell_env.${k}`, list, scope);
  }
  if (isRecord(t.set)) {
    for (const [name, v] of Object.entries(t.set)) emit(ctx, [...at, "set", name], "env", new SealedValue(envValue(name, v)), scope);
  }
}

function mcpServers(ctx: CodexContext, t: unknown, at: string[]): void {
  for (const [name, raw] of tables(t)) {
    const id = [...at, name];
    ctx.out.push(mcpServerCapability(ctx.path, id.join("."), ctx.doc.lineOf(id), normalizeMcpServer(name, raw, "codex")));
  }
}

function plugins(ctx: CodexContext, t: unknown, at: string[]): void {
  for (const [key, p] of tables(t)) {
    const id = [...at, key];
    const { name, marketplace } = splitPluginKey(key);
    ctx.out.push({
      kind: "plugin",
      key: `${ctx.path}#${id.join(".")}`,
      path: ctx.path,
      line: ctx.doc.lineOf(id),
      // The table's presence enables the plugin; only an explicit `enabled = false` turns it off.
      attrs: { name, ...(marketplace ? { marketplace } : {}), client: "codex", declaredIn: "settings", enabled: p.enabled !== false, bundles: [] },
    });
    for (const [server, cfg] of tables(p.mcp_servers)) {
      const shown = sealedJson(cfg);
      emit(ctx, [...id, "mcp_servers", server], "plugin.mcp_server", new SealedValue({ ...shown, value: { server, ...(shown.value as { [k: string]: Json }) } }), key);
    }
  }
}

function marketplaces(ctx: CodexContext, t: unknown, at: string[]): void {
  for (const [name, m] of tables(t)) {
    const id = [...at, name];
    const src = asString(m.source);
    const type = asString(m.source_type);
    const ref = asString(m.ref);
    let source;
    if (src !== undefined) {
      source = type === "local" ? localSource("local", src) : remoteSource(type === "git" || type === undefined ? "git" : "unknown", src, ref, asString(m.sha));
    }
    ctx.out.push({
      kind: "marketplace",
      key: `${ctx.path}#${id.join(".")}`,
      path: ctx.path,
      line: ctx.doc.lineOf(id),
      attrs: { name, client: "codex", declaredIn: "settings", ...(source ? { source } : {}) },
    });
  }
}

const APP_FLAGS = ["enabled", "destructive_enabled", "open_world_enabled"];
const EXPORTERS = ["exporter", "trace_exporter", "metrics_exporter"];

/**
 * `[otel]`: each exporter as the host it sends to (`{otlp-http = {endpoint, headers}}`), or its kind
 * when it names none; the rest (headers with their tokens, the path) enters as a digest. `none` is
 * no exporter.
 */
function otel(ctx: CodexContext, t: unknown, at: string[], scope?: string): void {
  if (!isRecord(t)) return;
  for (const k of EXPORTERS) {
    const v = t[k];
    if (v === undefined || v === "none") continue;
    const kind = isRecord(v) ? Object.values(v).find(isRecord) : undefined;
    const endpoint = kind ? asString(kind.endpoint) : undefined;
    // The host only; the exact table (headers and their tokens, the path) enters as a digest.
    const shown: Sealed = endpoint !== undefined ? { value: endpointValue(endpoint).value, hidden: hiddenDigestOf(v) } : sealedJson(v);
    emit(ctx, [...at, k], `otel.${k}`, new SealedValue(shown), scope);
  }
  if (t.log_user_prompt !== undefined) emit(ctx, [...at, "log_user_prompt"], "otel.log_user_prompt", sealed(t.log_user_prompt), scope);
}

/** `model_providers.<id>.auth`: a command Codex runs to get the provider's bearer token. */
function providerAuth(ctx: CodexContext, name: string, p: Table, at: string[], scope?: string): void {
  if (!isRecord(p.auth) || typeof p.auth.command !== "string") return;
  const shown = redactArgs([p.auth.command, ...(asStringArray(p.auth.args) ?? [])]);
  emit(ctx, [...at, "auth"], "command.model_provider_auth", new SealedValue({ value: shown.args.join(" "), ...(shown.hidden ? { hidden: shown.hidden } : {}) }), nest(scope, name));
}

/** Keys a layer's functions read (and codex-config.ts's: profiles, inline instructions, a role's name). */
const LAYER_KEYS = new Set([
  "approval_policy", "approvals_reviewer", "sandbox_mode", "default_permissions", "profile", "web_search", "sandbox_workspace_write", "permissions",
  "shell_environment_policy", "features", "notify", "openai_base_url", "chatgpt_base_url", "experimental_realtime_ws_base_url", "model_provider",
  "model_providers", "project_doc_fallback_filenames", "project_root_markers", "project_doc_max_bytes", "apps", "agents", "projects", "mcp_servers",
  "plugins", "marketplaces", "otel", "model_instructions_file", "experimental_instructions_file", "experimental_compact_prompt_file", "hooks",
  "profiles", "developer_instructions", "instructions", "compact_prompt", "name", "description", "nickname_candidates",
]);
/** Keys known to grant nothing: the model and how it reasons, the terminal UI, notices, history. */
const INERT_KEYS = new Set([
  "model", "model_reasoning_effort", "model_reasoning_summary", "model_verbosity", "model_context_window", "model_auto_compact_token_limit",
  "model_auto_compact_token_limit_scope", "model_supports_reasoning_summaries", "plan_mode_reasoning_effort", "personality", "review_model",
  "service_tier", "oss_provider", "hide_agent_reasoning", "show_raw_agent_reasoning", "disable_paste_burst", "tui", "file_opener", "notice",
  "history", "check_for_update_on_startup", "tool_output_token_limit", "suppress_unstable_features_warning", "analytics", "feedback",
]);

/** Settings, servers, plugins and marketplaces of one layer. `base` is its TOML path, `scope` its profile/agent. */
export function codexLayer(ctx: CodexContext, t: Table, base: string[], scope?: string): void {
  const at = (...k: string[]) => [...base, ...k];
  const str = (k: string, setting = k) => {
    if (typeof t[k] === "string") emit(ctx, at(k), setting, t[k] as string, scope);
  };

  if (isRecord(t.approval_policy)) emit(ctx, at("approval_policy"), "approval_policy", sealed(t.approval_policy), scope);
  else str("approval_policy");
  str("approvals_reviewer");
  str("sandbox_mode");
  str("default_permissions");
  str("profile"); // picks the active profile (older clients honour it in project files)
  if (t.web_search !== undefined) emit(ctx, at("web_search"), "web_search", sealed(t.web_search), scope);
  sandboxSettings(ctx, t.sandbox_workspace_write, at("sandbox_workspace_write"), scope);
  permissionProfiles(ctx, t.permissions, at("permissions"), scope);
  shellEnv(ctx, t.shell_environment_policy, at("shell_environment_policy"), scope);

  if (isRecord(t.features)) {
    for (const [flag, v] of Object.entries(t.features)) emit(ctx, at("features", flag), `feature.${flag}`, sealed(v, flag), scope);
  }
  // notify runs a program on every turn: the argv as one command line, literal tokens redacted.
  const notify = asStringArray(t.notify) ?? (typeof t.notify === "string" ? [t.notify] : undefined);
  if (notify && notify.length) {
    const shown = redactArgs(notify);
    emit(ctx, at("notify"), "command.notify", new SealedValue({ value: shown.args.join(" "), ...(shown.hidden ? { hidden: shown.hidden } : {}) }), scope);
  }

  for (const k of ["openai_base_url", "chatgpt_base_url", "experimental_realtime_ws_base_url"]) {
    if (typeof t[k] === "string") emit(ctx, at(k), "model_endpoint", new SealedValue(endpointValue(t[k] as string)), scope);
  }
  str("model_provider", "model_endpoint");
  for (const [name, p] of tables(t.model_providers)) {
    if (typeof p.base_url === "string") emit(ctx, at("model_providers", name, "base_url"), "model_endpoint", new SealedValue(endpointValue(p.base_url)), scope);
    providerAuth(ctx, name, p, at("model_providers", name), scope);
  }
  otel(ctx, t.otel, at("otel"), scope);
  for (const k of ["model_instructions_file", "experimental_instructions_file", "experimental_compact_prompt_file"]) str(k);
  // Lifecycle hooks written inline in config.toml, shaped as Claude Code's (`[[hooks.PreToolUse]]`).
  ctx.out.push(...claudeStyleHooks(ctx.path, "codex", t.hooks, ctx.doc, at("hooks"), at("hooks").join(".")));

  for (const k of ["project_doc_fallback_filenames", "project_root_markers"]) {
    // AGENTS.md is read anyway: naming it as a fallback changes nothing.
    const list = sortedStrings(t[k])?.filter((f) => k !== "project_doc_fallback_filenames" || f !== "AGENTS.md");
    if (list) emit(ctx, at(k), k, list, scope);
  }
  if (t.project_doc_max_bytes !== undefined) emit(ctx, at("project_doc_max_bytes"), "project_doc_max_bytes", sealed(t.project_doc_max_bytes), scope);

  for (const [id, app] of tables(t.apps)) {
    for (const flag of APP_FLAGS) {
      if (app[flag] !== undefined) emit(ctx, at("apps", id, flag), `app.${flag}`, sealed(app[flag]), nest(scope, id));
    }
  }
  for (const [name, a] of tables(t.agents)) {
    if (typeof a.config_file === "string") emit(ctx, at("agents", name, "config_file"), "agent.config_file", a.config_file, nest(scope, name));
  }
  for (const [dir, p] of tables(t.projects)) {
    if (p.trust_level !== undefined) emit(ctx, at("projects", dir, "trust_level"), "project.trust_level", sealed(p.trust_level), nest(scope, dir));
  }

  mcpServers(ctx, t.mcp_servers, at("mcp_servers"));
  plugins(ctx, t.plugins, at("plugins"));
  marketplaces(ctx, t.marketplaces, at("marketplaces"));
  // Any other key (a newer Codex's, or one not modelled here) is reported, never silent.
  ctx.out.push(...unreadKeys(ctx.path, "codex", ctx.doc.lineOf, t, base, LAYER_KEYS, INERT_KEYS, scope));
}
