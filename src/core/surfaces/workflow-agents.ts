// Agent actions in GitHub workflows: which `uses:` run a coding agent, and their power inputs
// normalized (claude_args split as a shell would, comma lists sorted, JSON settings flattened).
import { toolListOf } from "../tool-lists.js";
import type { Json } from "../model.js";
import { isRecord } from "../parse/document.js";
import { hiddenDigestOf, looksLikeLiteralSecret, sanitizeUrl } from "../secrets.js";
import { flattenEntries, inertSetting, parseJsonMaybe } from "./workflow-agent-json.js";
import { flagGroups, shellWords } from "./workflow-steps.js";

export type AgentFamily = "claude" | "codex" | "gemini" | "generic";

/** The one list of actions that run an agent able to act (not review-only bots). `*` is a glob. */
export const AGENT_ACTIONS: readonly { pattern: string; family: AgentFamily }[] = [
  { pattern: "anthropics/claude-code-action", family: "claude" },
  { pattern: "anthropics/claude-code-base-action", family: "claude" },
  { pattern: "openai/codex-action", family: "codex" },
  { pattern: "google-github-actions/run-gemini-cli", family: "gemini" },
  { pattern: "google-gemini/gemini-cli-action", family: "gemini" },
  { pattern: "github/copilot-*", family: "generic" },
  { pattern: "actions/ai-inference", family: "generic" },
  { pattern: "warpdotdev/warp-agent-action", family: "generic" },
];

/** `owner/repo[/path]@ref` → `owner/repo[/path]`, lower-cased (GitHub names are case-insensitive). */
export function actionId(uses: string): string {
  const at = uses.indexOf("@");
  return (at >= 0 ? uses.slice(0, at) : uses).trim().toLowerCase();
}

const globRe = (p: string) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);
const TABLE = AGENT_ACTIONS.map((a) => ({ re: globRe(a.pattern), family: a.family }));

/**
 * The agent family of a step: by the action list, or, for forks and local wrappers
 * (`uses: ./base-action`), by inputs only an agent action takes.
 */
export function agentFamily(uses: string, withKeys: string[]): AgentFamily | undefined {
  const repo = actionId(uses).split("/").slice(0, 2).join("/");
  const hit = TABLE.find((t) => t.re.test(repo));
  if (hit) return hit.family;
  const keys = new Set(withKeys);
  if (keys.has("claude_args") || (keys.has("allowed_tools") && keys.has("anthropic_api_key"))) return "claude";
  if (keys.has("codex-args") || keys.has("safety-strategy")) return "codex";
  if (keys.has("gemini_cli_version") || keys.has("gemini_api_key")) return "gemini";
  return undefined;
}

export interface AgentUse {
  action: string;
  family: AgentFamily | "gh-aw";
  inputs: Record<string, Json>;
  /** Normalized input name → the `with:` key it came from (for line numbers). */
  sources: Record<string, string>;
  /** `with:` values that reach the agent as text (prompts, args): scanned for injections. */
  prompts: { key: string; text: string }[];
  /** The agent's instructions (`prompt`, `direct_prompt`, `custom_instructions`...): reviewed as instruction text. */
  instructions?: { key: string; text: string }[];
  mcpServers: { name: string; raw: Record<string, unknown>; from: string }[];
  /** Digest of what `inputs` leave out (see Builder.hidden); it enters the job's `hiddenDigest`. */
  hiddenDigest?: string;
}

/** Inputs whose text the agent reads as instructions. */
const PROMPT_KEYS = new Set([
  "prompt", "direct_prompt", "override_prompt", "custom_instructions", "system_prompt", "append_system_prompt",
  "prompt-file", "system-prompt", "system-prompt-file", "claude_args", "codex-args", "settings",
]);

/** Inputs that are the agent's instructions, reviewed as such too (instructions.* rules). */
const INSTRUCTION_KEYS = /^(?:prompt|direct_prompt|override_prompt|custom_instructions|system[-_]prompt|append[-_]system[-_]prompt|instructions)$/i;

/** `with:` inputs each family's normalizer reads (into `inputs`); the rest enter the step's digest. */
const READ_INPUTS: Record<AgentFamily, ReadonlySet<string>> = {
  claude: new Set([
    "claude_args", "allowed_tools", "disallowed_tools", "mcp_config", "settings", "plugins", "plugin_marketplaces", "allowed_non_write_users",
    "allowed_bots", "additional_permissions", "path_to_claude_code_executable", "path_to_bun_executable", "show_full_output",
  ]),
  codex: new Set(["sandbox", "safety-strategy", "permission-profile", "codex-home", "allow-bots", "allow-users", "allow-bot-users", "responses-api-endpoint", "codex-args"]),
  gemini: new Set(["settings", "gemini_cli_version", "extensions"]),
  generic: new Set(),
};

/** claude_args flags that change nothing about what the agent may do. */
const CLAUDE_BENIGN_FLAGS = new Set([
  "--model", "--max-turns", "--fallback-model", "--verbose", "--debug", "--output-format", "--effort",
  "--max-budget-usd", "--input-format", "--include-partial-messages",
]);

/** Inputs of unknown agent actions that grant nothing (auth, model choice, the prompt itself). */
const GENERIC_BENIGN = /^(model|max[-_]?tokens|temperature|token|github[-_]token|.*api[-_]?key|.*[-_]key|endpoint|prompt|prompt[-_]file|system[-_]prompt(?:[-_]file)?|response[-_]format|output[-_].*)$/i;

export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
}

const sortUniq = (xs: string[]): string[] => [...new Set(xs)].sort();

/** A comma / newline list (`allowed_bots`, `plugins`), trimmed, sorted. */
export function listInput(s: string): string[] {
  return sortUniq(s.split(/[,\n]/).map((x) => x.trim()).filter(Boolean));
}

/** Tool lists from one or more input strings: `Bash(git add:*),Read` or space-separated. */
export function toolList(values: string[]): string[] {
  return toolListOf(values) ?? [];
}

/** `matrix.x` inputs take every value of the matrix axis (`safety-strategy: ${{ matrix.s }}`). */
function resolve(v: string, matrix: Record<string, unknown>): string | string[] {
  const m = /^\s*\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}\s*$/.exec(v);
  if (!m) return v.trim();
  const axis = matrix[m[1]!];
  const values = Array.isArray(axis) ? axis.map(str).filter((x): x is string => x !== undefined) : [];
  const include = Array.isArray(matrix.include) ? matrix.include.map((e) => (isRecord(e) ? str(e[m[1]!]) : undefined)) : [];
  const all = sortUniq([...values, ...include.filter((x): x is string => x !== undefined)]);
  return all.length ? all : v.trim();
}

export class Builder {
  inputs: Record<string, Json> = {};
  sources: Record<string, string> = {};
  mcpServers: AgentUse["mcpServers"] = [];
  /** Exact values the inputs leave out (`with:` inputs, env values, secrets, cut text). */
  hidden: [string, unknown][] = [];
  /** Digest of `hidden`, when anything is: a changed hidden value is a changed agent step. */
  hiddenDigest(): { hiddenDigest?: string } {
    // Sorted by where each came from: reordering flags or keys is no change.
    const sorted = [...this.hidden].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return sorted.length ? { hiddenDigest: hiddenDigestOf(sorted) } : {};
  }
  set(name: string, value: Json, from: string) {
    this.inputs[name] = value;
    this.sources[name] ??= from;
  }
  addList(name: string, items: string[], from: string) {
    if (!items.length) return;
    const prev = Array.isArray(this.inputs[name]) ? (this.inputs[name] as string[]) : [];
    this.set(name, sortUniq([...prev, ...items]), from);
  }
  /** `--mcp-config` / `mcp_config` / gemini `settings.mcpServers`: JSON or a path. */
  mcp(value: string, from: string) {
    const json = parseJsonMaybe(value);
    if (json === undefined) return this.addList("mcpConfigFiles", [value.trim()], from);
    const servers = isRecord(json) ? (isRecord(json.mcpServers) ? json.mcpServers : json) : {};
    this.mcpFrom(servers, from);
  }
  mcpFrom(servers: unknown, from: string) {
    if (!isRecord(servers)) return;
    const names: string[] = [];
    for (const [name, raw] of Object.entries(servers).slice(0, 100)) {
      if (!isRecord(raw)) continue;
      names.push(name);
      this.mcpServers.push({ name, raw, from });
    }
    this.addList("mcpServers", names, from);
  }
  /** Settings JSON (or a file's path) of an agent of `family`; entries that grant nothing bind the step only through its digest. */
  settings(value: string, from: string, family?: "claude" | "gemini") {
    const json = parseJsonMaybe(value);
    if (json === undefined) return this.addList("settings", [`file:${value.trim()}`], from);
    const entries = flattenEntries(json, "", [], 0, this.hidden);
    const inert = family ? entries.filter((e) => inertSetting(family, e)) : [];
    for (const e of inert) this.hidden.push([`${from}:${e}`, e]);
    this.addList("settings", entries.filter((e) => !inert.includes(e)), from);
    if (isRecord(json)) this.mcpFrom(json.mcpServers, from);
  }
}

function claudeArgs(b: Builder, text: string, from: string) {
  claudeFlags(b, flagGroups(shellWords(text)), from);
}

/** Claude Code's command-line flags (from claude_args, or a `claude -p` in a `run:` step) into inputs. */
export function claudeFlags(b: Builder, groups: { flag: string; values: string[] }[], from: string) {
  for (const { flag, values } of groups) {
    const f = flag.toLowerCase();
    if (f === "--allowedtools" || f === "--allowed-tools") b.addList("allowedTools", toolList(values), from);
    else if (f === "--disallowedtools" || f === "--disallowed-tools") b.addList("disallowedTools", toolList(values), from);
    else if (f === "--tools") b.addList("tools", toolList(values), from);
    else if (f === "--permission-mode") b.set("permissionMode", values[0] ?? "", from);
    else if (f === "--dangerously-skip-permissions" || f === "--allow-dangerously-skip-permissions") b.set("dangerouslySkipPermissions", true, from);
    else if (f === "--mcp-config") values.forEach((v) => b.mcp(v, from));
    else if (f === "--strict-mcp-config") b.set("strictMcpConfig", true, from);
    else if (f === "--settings") values.forEach((v) => b.settings(v, from, "claude"));
    else if (f === "--add-dir") b.addList("addDirs", values, from);
    else if (f === "--plugin-dir") b.addList("pluginDirs", values, from);
    else if (/^--(append-)?system-prompt(-file)?$/.test(f)) b.hidden.push([f, values.join(" ").replace(/\s+/g, " ").trim()]);
    else if (CLAUDE_BENIGN_FLAGS.has(f)) continue;
    else b.addList("otherArgs", [[flag, ...values].join(" ").trim()], from);
  }
}

function claude(b: Builder, w: Record<string, string>) {
  if (w.claude_args !== undefined) claudeArgs(b, w.claude_args, "claude_args");
  if (w.allowed_tools !== undefined) b.addList("allowedTools", toolList([w.allowed_tools]), "allowed_tools");
  if (w.disallowed_tools !== undefined) b.addList("disallowedTools", toolList([w.disallowed_tools]), "disallowed_tools");
  if (w.mcp_config !== undefined) b.mcp(w.mcp_config, "mcp_config");
  if (w.settings !== undefined) b.settings(w.settings, "settings", "claude");
  for (const k of ["plugins", "plugin_marketplaces", "allowed_non_write_users", "allowed_bots", "additional_permissions"]) {
    if (w[k] !== undefined) b.set(k, listInput(w[k]!), k);
  }
  for (const k of ["path_to_claude_code_executable", "path_to_bun_executable", "show_full_output"]) {
    if (w[k] !== undefined && w[k] !== "" && w[k] !== "false") b.set(k, w[k]!, k);
  }
}

function codex(b: Builder, w: Record<string, string>, matrix: Record<string, unknown>) {
  for (const k of ["sandbox", "safety-strategy", "permission-profile", "codex-home", "allow-bots"]) {
    if (w[k] !== undefined) b.set(k, resolve(w[k]!, matrix), k);
  }
  for (const k of ["allow-users", "allow-bot-users"]) if (w[k] !== undefined) b.set(k, listInput(w[k]!), k);
  const endpoint = w["responses-api-endpoint"];
  if (endpoint) {
    const shown = sanitizeUrl(endpoint).host ?? endpoint.slice(0, 100);
    if (shown !== endpoint) b.hidden.push(["responses-api-endpoint", endpoint]);
    b.set("responses-api-endpoint", shown, "responses-api-endpoint");
  }
  const args = w["codex-args"];
  if (args !== undefined) {
    const json = parseJsonMaybe(args);
    const words = Array.isArray(json) ? json.map(str).filter((x): x is string => x !== undefined) : shellWords(args);
    const groups = flagGroups(words).map((g) => [g.flag, ...g.values].join(" ").trim());
    b.addList("codex-args", groups.filter(Boolean), "codex-args");
  }
}

const stringsOf = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined);
/** `run_shell_command` alone (or with an empty or `*` pattern): any command, not one program. */
const ANY_SHELL_TOOLS = new Set(["run_shell_command", "run_shell_command()", "run_shell_command(*)"]);
const anyShell = (tool: string): boolean => ANY_SHELL_TOOLS.has(tool.replace(/\s+/g, ""));

/**
 * run-gemini-cli runs `gemini --yolo`: every tool it has is approved, so its settings' tool lists are
 * all that limits it. `shell`: `any` without a `tools.core` allowlist or with a bare
 * run_shell_command in it (and none excluded), `restricted` to named commands, or `none`.
 */
function geminiTools(b: Builder, settings: string | undefined) {
  const json = settings === undefined ? {} : parseJsonMaybe(settings);
  if (!isRecord(json)) return b.set("shell", "any", "settings");
  const tools = isRecord(json.tools) ? json.tools : {};
  const core = stringsOf(tools.core) ?? stringsOf(json.coreTools);
  const exclude = [...(stringsOf(tools.exclude) ?? []), ...(stringsOf(json.excludeTools) ?? [])];
  if (core) b.set("coreTools", sortUniq(core), "settings");
  if (exclude.length) b.set("excludeTools", sortUniq(exclude), "settings");
  const shellTools = (core ?? ["run_shell_command"]).filter((t) => t.trim().startsWith("run_shell_command"));
  const shell = exclude.some(anyShell) || !shellTools.length ? "none" : shellTools.some(anyShell) ? "any" : "restricted";
  b.set("shell", shell, "settings");
  const sandbox = tools.sandbox ?? json.sandbox;
  if (sandbox === false || sandbox === "false") b.set("sandboxDisabled", true, "settings");
  // The tool lists are judged as such (a list that gains an item is narrower): not as settings.
  const settingsList = b.inputs.settings;
  if (Array.isArray(settingsList)) {
    const rest = settingsList.filter((e) => !/^(?:tools\.(?:core|exclude)|coreTools|excludeTools)=/.test(String(e)));
    if (rest.length) b.inputs.settings = rest;
    else delete b.inputs.settings;
  }
}

function gemini(b: Builder, w: Record<string, string>) {
  if (w.settings !== undefined) b.settings(w.settings, "settings", "gemini");
  geminiTools(b, w.settings);
  if (w.gemini_cli_version !== undefined) b.set("gemini_cli_version", w.gemini_cli_version, "gemini_cli_version");
  if (w.extensions !== undefined) b.set("extensions", listInput(w.extensions.replace(/[[\]"]/g, "")), "extensions");
}

function generic(b: Builder, w: Record<string, string>) {
  for (const [k, v] of Object.entries(w)) {
    if (GENERIC_BENIGN.test(k)) continue;
    const full = v.replace(/\s+/g, " ").trim();
    const shown = looksLikeLiteralSecret(k, v) ? "<redacted>" : full.slice(0, 200);
    if (shown !== full) b.hidden.push([k, v]);
    b.set(k, shown, k);
  }
}

/** Normalize one agent step's `with:` into power inputs, prompt texts and MCP servers. */
export function normalizeAgent(family: AgentFamily, uses: string, withRaw: Record<string, unknown>, matrix: Record<string, unknown>): AgentUse {
  const w: Record<string, string> = {};
  for (const [k, v] of Object.entries(withRaw)) {
    const s = str(v);
    if (s !== undefined) w[k] = s;
  }
  const b = new Builder();
  if (family === "claude") claude(b, w);
  else if (family === "codex") codex(b, w, matrix);
  else if (family === "gemini") gemini(b, w);
  else generic(b, w);
  // Inputs the family's normalizer does not read (the prompt, a trigger phrase, a key) enter as a
  // digest, whitespace folded; generic actions' skipped inputs too.
  const read = READ_INPUTS[family];
  for (const k of Object.keys(w).sort()) {
    // Prompts too: an approval of this agent binds its prompt (the instructions capability is not approved).
    if (!read.has(k) && (family !== "generic" || GENERIC_BENIGN.test(k))) b.hidden.push([k, w[k]!.replace(/\s+/g, " ").trim()]);
  }
  const instructions = Object.entries(w)
    .filter(([k, text]) => INSTRUCTION_KEYS.test(k) && text.trim())
    .map(([key, text]) => ({ key, text }));
  const prompts = Object.entries(w)
    .filter(([k]) => PROMPT_KEYS.has(k) || family === "generic")
    .map(([key, text]) => ({ key, text }));
  return { action: actionId(uses), family, inputs: b.inputs, sources: b.sources, prompts, instructions, mcpServers: b.mcpServers, ...b.hiddenDigest() };
}

/** GitHub Agentic Workflows (`gh aw`): the agent's power lives in the front matter. */
export function ghAwAgent(fm: Record<string, unknown>): AgentUse {
  const b = new Builder();
  for (const k of ["tools", "network", "safe-outputs", "sandbox", "roles", "bots"]) {
    if (fm[k] === undefined) continue;
    let entries = typeof fm[k] === "string" ? [fm[k] as string] : flattenEntries(fm[k], "", [], 0, b.hidden);
    if (k === "safe-outputs") {
      // Custom safe-output jobs are steps of the workflow, run on the agent's output (the compiled
      // lock file's review reads them as such): they bind an approval, but are no power of the agent.
      for (const e of entries.filter((x) => x.startsWith("jobs."))) b.hidden.push([`safe-outputs:${e}`, e]);
      entries = entries.filter((x) => !x.startsWith("jobs."));
    }
    b.set(k, sortUniq(entries), k);
  }
  const engine = fm.engine;
  if (typeof engine === "string") b.set("engine", engine, "engine");
  else if (isRecord(engine)) b.set("engine", sortUniq(flattenEntries(engine, "", [], 0, b.hidden)), "engine");
  b.mcpFrom(fm["mcp-servers"], "mcp-servers");
  if (isRecord(fm.tools)) {
    // Custom MCP servers may also sit under `tools:` with a command or url.
    const custom = Object.fromEntries(Object.entries(fm.tools).filter(([, v]) => isRecord(v) && (v.command !== undefined || v.url !== undefined)));
    b.mcpFrom(custom, "tools");
  }
  return { action: "gh-aw", family: "gh-aw", inputs: b.inputs, sources: b.sources, prompts: [], mcpServers: b.mcpServers, ...b.hiddenDigest() };
}
