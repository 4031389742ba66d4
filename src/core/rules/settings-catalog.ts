// What each normalized agent setting means for risk. Surface parsers emit `agent_setting`
// capabilities with these `setting` ids; the settings rule reads this table to decide direction,
// rule id and severity. A setting not listed here is still reported (`settings.changed`, low).
import type { Json, Severity } from "../model.js";

/** `note`: what the setting does, said after the change. */
export type SettingSpec =
  /** Enumerated or boolean value: a higher rank grants more power. `absent` is the default's rank. */
  | { type: "rank"; rule: string; ranks: Record<string, number>; absent: number; other?: number; severity: (value: Json) => Severity; note?: string }
  /** List whose items grant power (allowed domains, writable roots): new items escalate. */
  | { type: "grow"; rule: string; severity: Severity; note?: string }
  /** List whose items take power away (excluded tools): removed items escalate. */
  | { type: "shrink"; rule: string; severity: Severity }
  /** A command the agent runs: any new or changed value escalates. */
  | { type: "command"; rule: string; severity: Severity }
  /** A value that points somewhere (a telemetry endpoint, an instructions file): any new or changed value escalates. */
  | { type: "value"; rule: string; severity: Severity; note: string };

const fixed = (s: Severity) => () => s;
const bool = (whenTrue: number): Record<string, number> => ({ true: whenTrue, false: 1 - whenTrue });
/** Rank key of a value: strings as is, everything else as JSON. */
export const rankKey = (value: Json): string => (typeof value === "string" ? value : JSON.stringify(value));

const TELEMETRY_NOTE = "the session's telemetry (commands, tool calls, prompts if logged) goes to that endpoint; only the host is shown";
const TELEMETRY: SettingSpec = { type: "value", rule: "settings.env-redirect", severity: "high", note: TELEMETRY_NOTE };
// Current Codex drops `[otel]` from a project's config.toml (as it drops profiles); older versions apply it.
const OTEL: SettingSpec = { ...TELEMETRY, note: `${TELEMETRY_NOTE} (current Codex ignores it in a project's config, older versions apply it)` };
const INSTRUCTIONS_FILE: SettingSpec = {
  type: "value", rule: "instructions.changed", severity: "medium",
  note: "that file's text replaces the model's built-in instructions in every session; read it",
};

const CATALOG: Record<string, SettingSpec> = {
  // Codex
  approval_policy: {
    type: "rank", rule: "settings.approval-bypass", absent: 1, other: 1,
    ranks: { untrusted: 0, "on-request": 1, "on-failure": 2, never: 4 },
    severity: (v) => (v === "never" ? "critical" : "medium"),
  },
  approvals_reviewer: { type: "rank", rule: "settings.approval-bypass", absent: 0, other: 1, ranks: { user: 0, auto_review: 2 }, severity: fixed("high") },
  sandbox_mode: {
    type: "rank", rule: "settings.sandbox-weakened", absent: 1, other: 1,
    ranks: { "read-only": 0, "workspace-write": 1, "danger-full-access": 4 },
    severity: (v) => (v === "danger-full-access" ? "critical" : "high"),
  },
  default_permissions: {
    type: "rank", rule: "settings.sandbox-weakened", absent: 1, other: 1,
    ranks: { ":read-only": 0, ":workspace": 1, ":danger-full-access": 4, ":danger-no-sandbox": 4 },
    severity: (v) => (typeof v === "string" && v.startsWith(":danger") ? "critical" : "high"),
  },
  "permission_profile.network": { type: "rank", rule: "settings.network-enabled", absent: 0, ranks: bool(1), severity: fixed("high") },
  "sandbox.network_access": { type: "rank", rule: "settings.network-enabled", absent: 0, ranks: bool(1), severity: fixed("high") },
  "sandbox.writable_roots": { type: "grow", rule: "settings.sandbox-weakened", severity: "high" },
  "shell_env.inherit": { type: "rank", rule: "settings.env-exposed", absent: 2, other: 1, ranks: { none: 0, core: 1, all: 2 }, severity: fixed("high") },
  "shell_env.ignore_default_excludes": { type: "rank", rule: "settings.env-exposed", absent: 0, ranks: bool(1), severity: fixed("high") },
  "shell_env.exclude": { type: "shrink", rule: "settings.env-exposed", severity: "high" },
  model_endpoint: { type: "command", rule: "settings.env-redirect", severity: "high" },
  // Claude Code
  // `dontAsk` denies what no allow rule pre-approves: no more power than `default` (the allow rules are judged themselves).
  defaultMode: {
    type: "rank", rule: "settings.approval-bypass", absent: 0, other: 1,
    ranks: { default: 0, plan: 0, dontAsk: 0, acceptEdits: 1, auto: 2, bypassPermissions: 4 },
    severity: (v) => (v === "bypassPermissions" ? "critical" : v === "auto" ? "high" : "medium"),
  },
  disableBypassPermissionsMode: { type: "rank", rule: "settings.approval-bypass", absent: 1, other: 1, ranks: { disable: 0 }, severity: fixed("high") },
  additionalDirectories: { type: "grow", rule: "settings.sandbox-weakened", severity: "high" },
  "sandbox.enabled": { type: "rank", rule: "settings.sandbox-weakened", absent: 1, ranks: bool(0), severity: fixed("high") },
  "sandbox.autoAllowBashIfSandboxed": { type: "rank", rule: "settings.approval-bypass", absent: 0, ranks: bool(1), severity: fixed("high") },
  "sandbox.allowUnsandboxedCommands": { type: "rank", rule: "settings.sandbox-weakened", absent: 1, ranks: bool(1), severity: fixed("high") },
  "sandbox.enableWeakerNestedSandbox": { type: "rank", rule: "settings.sandbox-weakened", absent: 0, ranks: bool(1), severity: fixed("high") },
  "sandbox.excludedCommands": { type: "grow", rule: "settings.sandbox-weakened", severity: "high" },
  "sandbox.network.allowedDomains": { type: "grow", rule: "settings.network-enabled", severity: "high" },
  "sandbox.network.allowUnixSockets": { type: "grow", rule: "settings.network-enabled", severity: "high" },
  "sandbox.network.allowAllUnixSockets": { type: "rank", rule: "settings.network-enabled", absent: 0, ranks: bool(1), severity: fixed("high") },
  "sandbox.network.allowLocalBinding": { type: "rank", rule: "settings.network-enabled", absent: 0, ranks: bool(1), severity: fixed("high") },
  enableAllProjectMcpServers: { type: "rank", rule: "settings.mcp-auto-enable", absent: 0, ranks: bool(1), severity: fixed("high") },
  enabledMcpjsonServers: { type: "grow", rule: "settings.mcp-auto-enable", severity: "high" },
  disabledMcpjsonServers: { type: "shrink", rule: "settings.mcp-auto-enable", severity: "high" },
  // Gemini CLI
  "general.defaultApprovalMode": {
    type: "rank", rule: "settings.approval-bypass", absent: 0, other: 1,
    ranks: { default: 0, plan: 0, auto_edit: 1, yolo: 4 },
    severity: (v) => (v === "yolo" ? "critical" : "medium"),
  },
  "tools.sandbox": { type: "rank", rule: "settings.sandbox-weakened", absent: 1, other: 0, ranks: { false: 1, true: 0 }, severity: fixed("high") },
  "security.folderTrust.enabled": { type: "rank", rule: "settings.approval-bypass", absent: 0, ranks: bool(0), severity: fixed("high") },
  // Zed
  "agent.always_allow_tool_actions": { type: "rank", rule: "settings.approval-bypass", absent: 0, ranks: bool(1), severity: fixed("critical") },
  // Codex's gates on an app connector's tools (`[apps.<id>]`, `[apps._default]`).
  "app.enabled": { type: "rank", rule: "settings.app-connector", absent: 1, ranks: bool(1), severity: fixed("medium"), note: "the app's tools are offered to the agent" },
  "app.destructive_enabled": { type: "rank", rule: "settings.app-connector", absent: 0, ranks: bool(1), severity: fixed("high"), note: "the app's destructive tools, those that delete or overwrite, may run" },
  "app.open_world_enabled": { type: "rank", rule: "settings.app-connector", absent: 0, ranks: bool(1), severity: fixed("high"), note: "the app's tools that reach the open web or other services may run" },
  // Telemetry: an exporter sends the session's events (commands, tool calls, with prompts if asked) to an endpoint.
  ...Object.fromEntries(["otel.exporter", "otel.trace_exporter", "otel.metrics_exporter"].map((id) => [id, OTEL])),
  "telemetry.otlpEndpoint": TELEMETRY,
  "otel.log_user_prompt": { type: "rank", rule: "settings.env-redirect", absent: 0, ranks: bool(1), severity: fixed("medium"), note: "the text of every prompt now goes into telemetry" },
  "telemetry.logPrompts": { type: "rank", rule: "settings.env-redirect", absent: 1, ranks: bool(1), severity: fixed("medium"), note: "the text of every prompt now goes into telemetry" },
  // Files that become instructions: the model's whole system prompt, or more files read like AGENTS.md.
  model_instructions_file: INSTRUCTIONS_FILE,
  experimental_instructions_file: INSTRUCTIONS_FILE,
  experimental_compact_prompt_file: { type: "value", rule: "instructions.changed", severity: "medium", note: "the prompt Codex compacts the conversation with now comes from that file; read it" },
  project_doc_fallback_filenames: { type: "grow", rule: "instructions.changed", severity: "medium", note: "files Codex now reads as instructions where a folder has no AGENTS.md" },
  "context.fileName": { type: "grow", rule: "instructions.changed", severity: "medium", note: "files Gemini CLI now reads as its instructions, in every folder, instead of GEMINI.md" },
};

/** Spec for a setting id; `feature.*` and `command.*` are families. */
export function settingSpec(setting: string): SettingSpec | undefined {
  if (setting.startsWith("command.")) return { type: "command", rule: "settings.command-added", severity: "high" };
  if (setting.startsWith("feature.")) {
    return { type: "rank", rule: "settings.feature-enabled", absent: 0, ranks: bool(1), other: 1, severity: fixed("medium") };
  }
  return CATALOG[setting];
}

/** Env var names that redirect model/API traffic or weaken TLS. */
export const REDIRECT_ENV = /(^|_)(BASE_URL|API_URL|ENDPOINT|PROXY|API_BASE|HOST)$|^(HTTPS?_PROXY|ALL_PROXY|NO_PROXY|NODE_EXTRA_CA_CERTS|NODE_TLS_REJECT_UNAUTHORIZED|SSL_CERT_FILE|REQUESTS_CA_BUNDLE|CODEX_HOME|CLAUDE_CONFIG_DIR)$/i;

export const SETTING_IDS = Object.keys(CATALOG);

/** Setting ids of keys no surface reads: `unread.<dotted path>` (surfaces/settings-helpers.ts unreadKeys), reported low. */
export const UNREAD = "unread.";
