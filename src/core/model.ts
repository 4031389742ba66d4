// The normalized capability model: every surface parser returns these, diff and rules read them.
// Attribute values are plain JSON so that diffing and fingerprinting are canonical comparisons.

export type Severity = "critical" | "high" | "medium" | "low" | "info";
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];
/** Higher is worse; used to compare against `fail_on`. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export type Direction = "escalation" | "reduction" | "neutral";
export type ChangeType = "added" | "removed" | "changed";

/** The agent a file configures; the same setting name can mean different things per client. */
export type Client =
  | "claude"
  | "codex"
  | "cursor"
  | "vscode"
  | "gemini"
  | "kiro"
  | "amazonq"
  | "opencode"
  | "zed"
  | "continue"
  | "cline"
  | "copilot"
  | "generic";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Where a package an MCP server launches comes from, and whether its version is fixed. */
export interface PackageRef {
  /** The launcher: npx, uvx, pipx, bunx, pnpm-dlx, yarn-dlx, docker, go-run, pip ... */
  runner: string;
  name: string;
  version?: string;
  pinned: boolean;
}

export interface McpServerAttrs {
  name: string;
  client: Client;
  transport: "stdio" | "http" | "sse";
  command?: string;
  /** Arguments with literal secrets replaced by `<redacted>`. */
  args?: string[];
  cwd?: string;
  package?: PackageRef;
  /** URL without credentials or query values. */
  url?: string;
  host?: string;
  /** Names of env vars set for the server (values are never kept). */
  env: string[];
  /** Names of env vars forwarded from the user's environment (env_vars, bearer_token_env_var, env_http_headers). */
  envForwarded: string[];
  /** Names of HTTP headers sent to the server. */
  headers: string[];
  /** Names of env vars / headers / args whose value is a committed token-like literal. */
  literalSecrets: string[];
  /**
   * What hands the server a credential, with why (secret-sources.ts: `name`, `ref:X`, `literal`...):
   * keys `env.X`, `forwarded.X`, `header.X`, `url`. Plain configuration is not listed.
   */
  credentials?: Record<string, string[]>;
  /** Env vars that make the server run other code (code-env.ts), with the value, or "" when it may hold a secret. */
  codeEnv?: Record<string, string>;
  /** The endpoint is this machine (loopback, `0.0.0.0`) however a URL parser reads it: no remote host. */
  loopback?: true;
  /** Claude's `headersHelper`: a shell command run to produce the request headers (credentials redacted). */
  headersHelper?: string;
  /** Hosts that env values point the server at (`API_BASE_URL=https://…`), by variable; loopback left out. */
  envHosts?: Record<string, string>;
  /** Tools approved without a prompt; `*` means all tools (trust: true, approve-all modes). */
  autoApprove: string[];
  /** Tool allowlist; null means every tool the server offers. */
  allowedTools: string[] | null;
  deniedTools: string[];
  enabled: boolean;
  /**
   * Digests of the values the report does not show, by field (`args`, `url`, `env.NAME`,
   * `header.NAME`): opaque, so a changed value is a changed server without being shown.
   */
  hiddenDigests?: Record<string, string>;
}

export interface SourceRef {
  type: "local" | "github" | "git" | "url" | "git-subdir" | "npm" | "directory" | "unknown";
  /** Repo, URL, package name or path (credentials stripped). */
  location: string;
  ref?: string;
  sha?: string;
  /** True when the fetched code is fixed: a commit sha, an exact npm version, or a path inside the root. */
  pinned: boolean;
  /** A local path that leaves the marketplace or repository root (`../..`). */
  escapesRoot?: boolean;
  /** Digest of the exact URL when `location` leaves out its credentials or query (see secrets.ts). */
  hiddenDigest?: string;
}

export interface PluginAttrs {
  name: string;
  marketplace?: string;
  client: Client;
  /** Where the plugin is declared: its own manifest, a marketplace entry, or an enable switch in settings. */
  declaredIn: "manifest" | "marketplace" | "settings";
  enabled?: boolean;
  version?: string;
  source?: SourceRef;
  /** Components it ships: skills, mcp, hooks, apps, commands, agents, lsp. Sorted. */
  bundles: string[];
  /** Marketplace install policy, e.g. INSTALLED_BY_DEFAULT. */
  installation?: string;
}

export interface MarketplaceAttrs {
  name: string;
  client: Client;
  declaredIn: "manifest" | "settings";
  source?: SourceRef;
}

export interface SettingAttrs {
  client: Client;
  /** Normalized setting id, see SETTING_IDS in rules/settings-catalog.ts. */
  setting: string;
  /** Profile or sub-agent the setting applies to; absent for the file's top level. */
  scope?: string;
  /** Sanitized value: secrets reduced to names. */
  value: Json;
  /** Digest of the exact value when `value` shows less of it (env values, redacted parts, host-only endpoints). */
  hiddenDigest?: string;
}

export interface PermissionRuleAttrs {
  client: Client;
  list: "allow" | "ask" | "deny";
  /** The rule as written, e.g. `Bash(git push:*)`, `mcp__github`, `run_shell_command`. */
  rule: string;
  scope?: string;
}

export interface HookAttrs {
  client: Client;
  event: string;
  matcher?: string;
  type: "command" | "http" | "prompt" | "agent" | "executable";
  command?: string;
  url?: string;
  /** sha256 of a hook that is a script file itself (Cline), so an edited script is a changed hook. */
  digest?: string;
  /** Digest of the exact command, URL or prompt when the report shows less of it (see secrets.ts). */
  hiddenDigest?: string;
  /** Folder the command runs in (Copilot `cwd`): another folder runs another `./script`. */
  cwd?: string;
  /** Environment the command gets: names shown, values only as a digest (`envDigest`). */
  env?: string[];
  envDigest?: string;
}

/** Instruction text an agent follows: AGENTS.md, CLAUDE.md, rules, prompts, agent and command files. */
export interface InstructionsAttrs {
  client: Client;
  /** File family, e.g. agents-md, claude-md, copilot-instructions, cursor-rule, claude-agent, gemini-command. */
  format: string;
  /** Directory the file governs ("" = repository root); nested AGENTS.md apply to their subtree. */
  governs: string;
  /** AGENTS.override.md: silently replaces that directory's AGENTS.md. */
  override: boolean;
  /** Front-matter tool list (`tools`, `allowed-tools`); null when the file sets none. */
  tools: string[] | null;
  model?: string;
  /** `applyTo` / `globs` / `alwaysApply` / `inclusion`: when the text is injected. */
  applies?: string[];
  alwaysApply?: boolean;
  /** A Claude sub-agent's `permissionMode` (front matter): how its tool calls are approved, as `defaultMode`. */
  permissionMode?: string;
  /** Invisible characters, each as `U+XXXX` plus the visible-ized line it sits in. */
  hidden: string[];
  /** Text inside HTML comments (or other unrendered markup), normalized. */
  comments: string[];
  /** Shell commands / fetches the agent is told to run, normalized. */
  commands: string[];
  urlHosts: string[];
  /** Files pulled in by `@path` imports. */
  imports: string[];
  /** Text telling the agent to skip confirmation, auto-approve, disable the sandbox or hide actions. */
  approvalPhrases: string[];
  /** Headings, for a short summary of what sections changed. */
  sections: string[];
  /** sha256 of the text with whitespace folded: reflowing a paragraph is no change. */
  digest: string;
}

export interface SkillAttrs {
  client: Client;
  name: string;
  /** The skill's folder. */
  folder: string;
  /** `allowed-tools`; null when absent. */
  allowedTools: string[] | null;
  /** sha256 of the description and body, whitespace folded. */
  digest: string;
  /** Invisible characters in the file, as in InstructionsAttrs. */
  hidden?: string[];
}

/** A file shipped in a skill's folder (scripts, references, assets). */
export interface SkillFileAttrs {
  folder: string;
  file: string;
  /** sha256 of the content. */
  digest: string;
  /** The first lines, secrets redacted, to show in the finding ("" for a binary file). */
  head: string;
  /** A script or a program: `content` is `script` or `program`. */
  executable: boolean;
  /**
   * By content: a `script`, `text` the skill reads (references, templates), or a binary file of a
   * known kind: inert `data` (images, fonts, PDFs), an `archive` or a `program`.
   */
  content: "script" | "text" | "data" | "archive" | "program";
  /** A binary file's kind by its first bytes (`PNG image`, `ELF executable`). */
  binary?: string;
  /** A text file's invisible characters, as in InstructionsAttrs. */
  hidden?: string[];
}

/** A repository file a hook runs (`bash .claude/hooks/setup.sh`): its content runs on every event. */
export interface HookScriptAttrs {
  /** The hooks that run it, as `file (event)`, sorted. */
  runBy: string[];
  /** sha256 of the content, line endings folded. */
  digest: string;
  /** The first lines, secrets redacted, to show in the finding. */
  head: string;
  /** `curl ... | sh` and the like, whitespace folded. */
  remoteScripts: string[];
  /** Hosts of the http(s) URLs it names. */
  hosts: string[];
  /** Agent configuration it writes (`.claude/settings.json`, `.mcp.json`...). */
  configWrites: string[];
  /** Flags and modes that turn an agent's prompts or sandbox off (`--dangerously-skip-permissions`). */
  bypasses: string[];
  /** Credentials it holds (committed literals) or reads (`~/.ssh`, `$GITHUB_TOKEN`). */
  credentials: string[];
}

export interface AgentActionUse {
  /** `owner/repo[/path]` without the ref. */
  action: string;
  /** Power inputs, normalized (claude_args split into flags, comma lists sorted). */
  inputs: Record<string, Json>;
}

/** One workflow (`job` absent: the workflow level) or one of its jobs. */
export interface WorkflowAttrs {
  workflow: string;
  job?: string;
  triggers: string[];
  /** Effective permissions: scope → read | write | none; `*` → read-all / write-all. */
  permissions: Record<string, string>;
  secrets: string[];
  secretsInherit: boolean;
  /** `uses:` references as written (owner/repo@ref). */
  actions: string[];
  /** Third-party actions not pinned to a full commit SHA. */
  unpinnedActions: string[];
  agentActions: AgentActionUse[];
  /** `curl ... | sh` and the like, normalized. */
  remoteScripts: string[];
  /** Attacker-controlled `${{ }}` expressions interpolated into run steps or agent prompts: `expr in where`. */
  injections: string[];
  /**
   * Text the scan's caps kept it from reading that could hold what it looks for (a `run` command
   * naming a download past 2,000 characters, expressions past 200,000, steps past 1,000), each
   * named with its length and digest; absent when there is none.
   */
  unscanned?: string[];
  /**
   * Digest of what the other attributes leave out: literal credentials `secrets` names as
   * `literal:X`, agent steps' `with:` inputs (prompts, models, keys), remote scripts cut for display.
   */
  hiddenDigest?: string;
}

/**
 * What ties a workflow file to a coding agent, for the policy's `workflows: agents` (not compared
 * by the diff): set by the parser on every capability of the file from what its own text shows.
 */
export interface WorkflowReach {
  /** What runs or feeds an agent here: `agent:<action>`, `file:<agent file>`, `credential:<name>`. */
  signals: string[];
  /** Local workflows and actions it calls (`./path` as written), and remote reusable workflows. */
  calls: string[];
}

/** Where an item of a list attribute sits, for findings; not compared by the diff. */
export interface Location {
  line: number;
  column?: number;
}

interface CapabilityBase {
  /** Identity across base and head: same thing, same key. Includes the file path. */
  key: string;
  /**
   * Identity without the value, for kinds whose key includes the value (hooks): one removed and one
   * added capability in the same slot are reported as one `changed`.
   */
  slot?: string;
  path: string;
  /** 1-based line where it is declared. */
  line: number;
  /** Lines of items inside list attributes (a hidden character, a command): positions only. */
  locations?: Record<string, Location>;
}

export type Capability =
  | (CapabilityBase & { kind: "mcp_server"; attrs: McpServerAttrs })
  | (CapabilityBase & { kind: "plugin"; attrs: PluginAttrs })
  | (CapabilityBase & { kind: "marketplace"; attrs: MarketplaceAttrs })
  | (CapabilityBase & { kind: "agent_setting"; attrs: SettingAttrs })
  | (CapabilityBase & { kind: "permission_rule"; attrs: PermissionRuleAttrs })
  | (CapabilityBase & { kind: "hook"; attrs: HookAttrs })
  | (CapabilityBase & { kind: "instructions"; attrs: InstructionsAttrs })
  | (CapabilityBase & { kind: "skill"; attrs: SkillAttrs })
  | (CapabilityBase & { kind: "skill_file"; attrs: SkillFileAttrs })
  | (CapabilityBase & { kind: "hook_script"; attrs: HookScriptAttrs })
  | (CapabilityBase & {
      kind: "workflow";
      attrs: WorkflowAttrs;
      reach?: WorkflowReach;
      /** Set by the review: neither side of the file, nor what it calls, runs an agent (`workflows: agents`). */
      ciOnly?: true;
    });

export type CapabilityKind = Capability["kind"];
export type CapabilityOf<K extends CapabilityKind> = Extract<Capability, { kind: K }>;

/** A problem with a file itself (cannot be read or parsed): reported as a finding, never skipped. */
export interface FileProblem {
  rule: "file.parse-error" | "file.unreadable";
  path: string;
  line: number;
  message: string;
  /**
   * The parser itself failed (a bug in this tool, not a malformed file). It fails closed like a
   * parse error; the flag tells the two apart, so tests and logs can tell a crash from bad input.
   */
  internal?: true;
}

export interface ParseResult {
  capabilities: Capability[];
  problems: FileProblem[];
  /**
   * The surface reads files at this path but not this content (a JSON file beside marketplace.json
   * that is no catalog): the file is `file.not-analysed`, and this clause says why.
   */
  notAnalysed?: string;
}

export interface Change {
  kind: CapabilityKind;
  key: string;
  change: ChangeType;
  direction: Direction;
  path: string;
  line: number;
  before?: Capability;
  after?: Capability;
}

export interface Finding {
  rule: string;
  severity: Severity;
  direction: Direction;
  path: string;
  line: number;
  message: string;
  /** Key of the capability the finding is about (absent for file problems). */
  key?: string;
  /** The item within the capability the finding names (an action reference...), for allow lists. */
  subject?: string;
}

/** The agent ecosystem a capability belongs to, for grouping inventories. */
export function ecosystemOf(c: Capability): string {
  if (c.kind === "workflow") return "github-actions";
  if (c.kind === "skill_file") return "skills";
  if (c.kind === "hook_script") return "hook-scripts";
  return c.attrs.client === "generic" ? "other" : c.attrs.client;
}
