// Rules for agent settings, driven by the catalog in settings-catalog.ts.
import { codeRunningEnv } from "../code-env.js";
import type { Json, SettingAttrs } from "../model.js";
import { rankKey, REDIRECT_ENV, settingSpec, type SettingSpec, UNREAD } from "./settings-catalog.js";
import { added, code, escalation, neutral, reduction, type Evaluator, type Hit, rule, type RuleDef } from "./types.js";

/** The rules of this family: id, default severity, title and explanation (every report and `explain` show these). */
export const SETTINGS_RULES: readonly RuleDef[] = [
  rule("settings.approval-bypass", "critical", "Human approval weakened or removed",
    "An approval setting now lets the agent act without asking (`approval_policy = \"never\"`, `defaultMode: bypassPermissions`, Gemini `yolo`, Zed `always_allow_tool_actions`, an automatic reviewer instead of a person). Anything the agent is tricked into doing then happens with no one in the loop. Severity depends on how far the gate moved."),
  rule("settings.sandbox-weakened", "high", "Sandbox weakened",
    "The agent's sandbox was turned off or widened (`danger-full-access` is critical; extra writable roots, directories, unsandboxed commands and excluded commands are high). Commands the agent runs can then change files or state outside the workspace."),
  rule("settings.network-enabled", "high", "Network opened to agent commands",
    "Commands the agent runs may now reach the network (sandbox network access, allowed domains, sockets). Network access is what turns a prompt injection into data exfiltration; keep it off or limited to named domains."),
  rule("settings.mcp-auto-enable", "high", "Project MCP servers enabled without asking",
    "`enableAllProjectMcpServers` or `enabledMcpjsonServers` approve the repository's MCP servers for every developer who opens it, with no per-user prompt. Any later change to `.mcp.json` then runs unreviewed on their machines."),
  rule("settings.env-redirect", "high", "Model or API traffic redirected",
    "An environment variable or setting now points model or API traffic at another endpoint (base URLs, proxies, CA bundles), or sends the session's telemetry somewhere (Codex `[otel]` exporters, Gemini `telemetry.otlpEndpoint`; medium when prompts' text is added to it). Whoever runs that endpoint sees every prompt, file and credential the agent sends. Only the host is shown."),
  rule("settings.env-exposed", "high", "Secrets exposed to agent commands",
    "The shell environment policy now passes all environment variables to the commands the agent runs, or disables the filter that strips KEY/SECRET/TOKEN variables. Tokens in the environment become readable by anything the agent executes."),
  rule("settings.command-added", "high", "Setting runs a command",
    "A setting that executes a program (`apiKeyHelper`, `statusLine`, `notify`, credential helpers, tool discovery commands) was added or changed, or the agent's environment sets a variable that makes programs run code (`BASH_ENV`, `NODE_OPTIONS`, `LD_PRELOAD`, `PYTHONSTARTUP`, `GIT_SSH_COMMAND`...: Claude `env`, Codex `shell_environment_policy.set`). It runs on the developer's machine whenever the agent starts, refreshes or runs a command, without a prompt. Review the command; a variable's value is shown unless it may hold a credential."),
  rule("settings.literal-secret", "critical", "Credential committed in agent settings",
    "An environment variable in agent settings holds a value that looks like a real credential. The value is not shown. Revoke it and read it from the environment instead."),
  rule("settings.feature-enabled", "medium", "Agent feature flag turned on",
    "A feature flag that adds tool surface (web search, hooks, plugins, apps, network proxy and the like) was turned on. Check what the feature lets the agent do."),
  rule("settings.app-connector", "medium", "App connector added to the agent",
    "A plugin binds a hosted app connector (`.app.json`): an external service the plugin's agent reads and acts in with the user's connected account. High when the connector declares writes, or when Codex's `[apps.<id>]` turns on its destructive or open-world tools. Check the service is the one the plugin says, and what it may do there."),
  rule("settings.changed", "low", "Agent setting changed",
    "An agent setting without a specific rule changed, or a key this review does not read (a newer agent version's setting, a misspelt one) was set, changed or removed. It is shown so that nothing in a capability file changes silently; read what the key does."),
];

function label(s: SettingAttrs): string {
  return code(s.setting) + (s.scope ? ` (in ${code(s.scope)})` : "");
}

function show(v: Json | undefined): string {
  if (v === undefined) return "unset";
  return code(typeof v === "string" ? v : JSON.stringify(v));
}

function rankOf(spec: Extract<SettingSpec, { type: "rank" }>, value: Json | undefined): number {
  if (value === undefined) return spec.absent;
  return spec.ranks[rankKey(value)] ?? spec.other ?? spec.absent;
}

const list = (v: Json | undefined): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : JSON.stringify(x))) : v === undefined || v === null ? [] : [String(v)]);

/** `env` settings carry `{name, literalSecret, host?, runs?}`. */
function envHits(b: SettingAttrs | undefined, a: SettingAttrs): Hit[] {
  const val = (a.value ?? {}) as { name?: string; literalSecret?: boolean; host?: string; runs?: string };
  const was = (b?.value ?? {}) as { literalSecret?: boolean; host?: string };
  const name = val.name ?? a.setting;
  const hits: Hit[] = [];
  // A variable that makes every program of a kind run code (BASH_ENV, NODE_OPTIONS, LD_PRELOAD...):
  // any new value is new code in every command the agent starts.
  const runs = codeRunningEnv(name);
  if (runs && (!b || a.hiddenDigest !== b.hiddenDigest)) {
    const shown = val.runs ? ` to ${code(val.runs)}` : " (value not shown)";
    const where = a.scope ? ` (in ${code(a.scope)})` : "";
    hits.push(escalation("settings.command-added", `The agent's environment${where} ${b ? "now " : ""}sets ${code(name)}${shown}: ${runs}.`));
  }
  // Only the host is shown; a new scheme, port or path on the same host is a new endpoint too (its digest).
  const moved = !!b && val.host === was.host && a.hiddenDigest !== b.hiddenDigest;
  if (REDIRECT_ENV.test(name) && (!b || val.host !== was.host || moved)) {
    const how = moved ? " (same host, another scheme, port or path; value not shown)" : "";
    hits.push(escalation("settings.env-redirect", `${code(name)} is set${val.host ? ` to host ${code(val.host)}` : ""}${how}: agent traffic can be redirected.`));
  }
  if (val.literalSecret && !was.literalSecret) {
    hits.push(escalation("settings.literal-secret", `${code(name)} holds a committed credential (value not shown).`));
  }
  if (hits.length) return hits;
  return [neutral(`Environment variable ${code(name)} ${b ? "changed" : "set"} for the agent.`, "settings.changed")];
}

/** `app.connector` values: `{id, capabilities}`. */
function appHits(b: SettingAttrs | undefined, a: SettingAttrs): Hit[] {
  type App = { id?: string | null; capabilities?: string[] };
  const now = (a.value ?? {}) as App;
  const was = (b?.value ?? {}) as App;
  const gained = added(was.capabilities ?? [], now.capabilities ?? []);
  const writes = (now.capabilities ?? []).some((c) => c !== "read");
  const caps = now.capabilities?.length ? `, declared capabilities ${now.capabilities.map(code).join(", ")}` : "";
  const app = `Plugin app ${code(a.scope ?? "")}`;
  const acts = "the plugin's agent acts in that service with the user's connected account";
  const severity = writes ? "high" : undefined;
  if (!b) return [escalation("settings.app-connector", `${app} (connector ${code(now.id ?? "none")}${caps}) added: ${acts}.`, severity)];
  if (now.id !== was.id) return [escalation("settings.app-connector", `${app} now binds connector ${code(now.id ?? "none")} (was ${code(was.id ?? "none")})${caps}: ${acts}.`, severity)];
  if (gained.length) return [escalation("settings.app-connector", `${app} now declares ${gained.map(code).join(", ")}: ${acts}.`, severity)];
  return [reduction(`${app} declares fewer capabilities.`)];
}

/** A key this review does not read: reported whatever it does, never silent (a newer agent's setting may grant power). */
function unread(s: SettingAttrs, b: SettingAttrs | undefined, a: SettingAttrs | undefined): Hit[] {
  const where = `${code(s.setting.slice(UNREAD.length))}${s.scope ? ` (in ${code(s.scope)})` : ""}`;
  const what = !a ? "removed" : b ? `changed: ${show(b.value)} → ${show(a.value)}` : `set to ${show(a.value)}`;
  return [neutral(`${where}, a setting this review does not read, ${what}.`, "settings.changed")];
}

export const settingsRules: Evaluator<"agent_setting"> = (c) => {
  const b = c.before?.attrs;
  const a = c.after?.attrs;
  const s = (a ?? b)!;
  if (s.setting === "env") return a ? envHits(b, a) : [reduction(`Environment variable ${code(String((b?.value as { name?: string })?.name ?? ""))} removed.`)];
  // The role's text is also an instructions capability (codex-config.ts), which scans and reports it.
  if (s.setting === "agent.developer_instructions") return [];
  if (s.setting.startsWith(UNREAD)) return unread(s, b, a);
  if (s.setting === "app.connector") return a ? appHits(b, a) : [reduction(`Plugin app ${code(s.scope ?? "")} removed.`)];
  const spec = settingSpec(s.setting);
  const before = b?.value;
  const after = a?.value;
  const moved = `${label(s)}: ${show(before)} → ${show(after)}`;
  if (!spec) {
    if (!a) return [reduction(`${label(s)} removed.`)];
    return [neutral(`${moved}.`, "settings.changed")];
  }
  switch (spec.type) {
    case "rank": {
      const r0 = rankOf(spec, before);
      const r1 = rankOf(spec, after);
      if (r1 > r0) return [escalation(spec.rule, `${moved}${spec.note ? ` (${spec.note})` : ""}.`, spec.severity(after ?? null))];
      if (r1 < r0) return [reduction(`${moved}.`)];
      return [neutral(`${moved} (same effect).`, "settings.changed")];
    }
    case "grow":
    case "shrink": {
      const gained = spec.type === "grow" ? added(list(before), list(after)) : added(list(after), list(before));
      if (gained.length) {
        const verb = spec.type === "grow" ? "adds" : "no longer lists";
        const note = spec.type === "grow" && spec.note ? ` (${spec.note})` : "";
        return [escalation(spec.rule, `${label(s)} ${verb} ${gained.map(code).join(", ")}${note}.`, spec.severity)];
      }
      return [reduction(`${moved}.`)];
    }
    case "value":
      if (!a) return [reduction(`${label(s)} removed.`)];
      if (b && show(before) === show(after)) return [escalation(spec.rule, `${label(s)} points elsewhere (a part not shown changed): ${spec.note}.`, spec.severity)];
      return [escalation(spec.rule, `${moved}: ${spec.note}.`, spec.severity)];
    case "command":
      if (!a) return [reduction(`${label(s)} removed.`)];
      // Same text shown, another value behind it (a redacted token, a host-only endpoint's scheme or port).
      if (b && show(before) === show(after)) return [escalation(spec.rule, `${label(s)} runs ${show(after)} (a value not shown changed).`, spec.severity)];
      return [escalation(spec.rule, `${label(s)} runs ${show(after)}${b ? ` (was ${show(before)})` : ""}.`, spec.severity)];
  }
};
