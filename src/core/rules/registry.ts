// Every rule the engine can report: stable id, default severity and the explanation that
// `capability-review explain` and the reports show. Ids never change meaning once released.
import type { Severity } from "../model.js";

export interface RuleDef {
  id: string;
  severity: Severity;
  /** One line, for tables. */
  title: string;
  /** One paragraph: why it matters and what to check before approving. */
  explanation: string;
}

const rule = (id: string, severity: Severity, title: string, explanation: string): RuleDef => ({ id, severity, title, explanation });

export const RULES: readonly RuleDef[] = [
  rule("mcp.server-added", "high", "New or re-enabled MCP server",
    "An MCP server is a process or remote endpoint whose tools the agent can call. Local (stdio) servers run with the developer's or the CI runner's full privileges, outside any agent sandbox, as soon as the agent starts; remote servers receive whatever the agent sends them. Check who publishes the server, what its tools can do, and that the config names a pinned version."),
  rule("mcp.command-changed", "high", "MCP server command or endpoint changed",
    "The command line, arguments, package or endpoint of an existing server changed, so different code now runs under a name that was already trusted (a 'rug pull' needs only this). Review the new command as if the server were new."),
  rule("mcp.unpinned-package", "high", "MCP server package not pinned",
    "The server is launched through a package runner (npx, uvx, pipx, bunx, pnpm/yarn dlx, docker, go run) without an exact version or digest, so every start may fetch new code from the registry, and a compromised or renamed package runs with no review. Pin an exact version (`pkg@1.2.3`, `pkg==1.2.3`, `image@sha256:…`)."),
  rule("mcp.remote-host", "high", "MCP server talks to a new host",
    "A server now sends the agent's tool calls (which can include source code, secrets from the conversation and file contents) to a host that was not configured before. Confirm the host belongs to the vendor you expect; allow known hosts with the policy's `allow.mcp_hosts`."),
  rule("mcp.secret-env", "high", "Secrets passed to an MCP server",
    "New environment variables, forwarded variables or HTTP headers are handed to a server. These usually carry tokens; once a server has them it can use them for anything the token allows. Check that the server needs each one and that the token's scope is minimal."),
  rule("mcp.literal-secret", "critical", "Credential committed in a config",
    "A value that looks like a real token, key or password is written into the file itself, so everyone with read access to the repository has it. The value is not shown here. Revoke it, and reference an environment variable or input prompt instead (`${VAR}`, `${input:id}`)."),
  rule("mcp.auto-approve", "high", "MCP tools approved without asking",
    "Trust or auto-approve settings (`trust: true`, `autoApprove`, `alwaysAllow`, `approval_mode = \"approve\"`) let the agent call these tools with no human confirmation, so a prompt injection can use them directly. Prefer per-call approval for tools that write, execute or reach the network."),
  rule("mcp.tools-widened", "medium", "MCP tool allowlist widened",
    "A server's tool allowlist was removed or extended, or its denylist shrunk, so the agent can call tools it could not call before. Check the tools that became available."),
  rule("settings.approval-bypass", "critical", "Human approval weakened or removed",
    "An approval setting now lets the agent act without asking (`approval_policy = \"never\"`, `defaultMode: bypassPermissions`, Gemini `yolo`, Zed `always_allow_tool_actions`, an automatic reviewer instead of a person). Anything the agent is tricked into doing then happens with no one in the loop. Severity depends on how far the gate moved."),
  rule("settings.sandbox-weakened", "high", "Sandbox weakened",
    "The agent's sandbox was turned off or widened (`danger-full-access` is critical; extra writable roots, directories, unsandboxed commands and excluded commands are high). Commands the agent runs can then change files or state outside the workspace."),
  rule("settings.network-enabled", "high", "Network opened to agent commands",
    "Commands the agent runs may now reach the network (sandbox network access, allowed domains, sockets). Network access is what turns a prompt injection into data exfiltration; keep it off or limited to named domains."),
  rule("settings.permission-allow-added", "high", "Tool pre-approved",
    "A permission allow rule lets the agent use a tool without asking. Rules that allow a whole shell (`Bash`, `Bash(*)`, `run_shell_command`) or every tool are critical: they amount to no approval for anything. Narrow the rule to the exact commands needed."),
  rule("settings.permission-deny-removed", "medium", "Deny rule removed",
    "A permission deny rule was removed, so the agent may now use a tool or path that was explicitly forbidden (for example reading `.env` or running `curl`)."),
  rule("settings.mcp-auto-enable", "high", "Project MCP servers enabled without asking",
    "`enableAllProjectMcpServers` or `enabledMcpjsonServers` approve the repository's MCP servers for every developer who opens it, with no per-user prompt. Any later change to `.mcp.json` then runs unreviewed on their machines."),
  rule("settings.env-redirect", "high", "Model or API traffic redirected",
    "An environment variable or setting now points model or API traffic at another endpoint (base URLs, proxies, CA bundles). Whoever runs that endpoint sees every prompt, file and credential the agent sends. Only the host is shown."),
  rule("settings.env-exposed", "high", "Secrets exposed to agent commands",
    "The shell environment policy now passes all environment variables to the commands the agent runs, or disables the filter that strips KEY/SECRET/TOKEN variables. Tokens in the environment become readable by anything the agent executes."),
  rule("settings.command-added", "high", "Setting runs a command",
    "A setting that executes a program (`apiKeyHelper`, `statusLine`, `notify`, credential helpers) was added or changed. It runs on the developer's machine whenever the agent starts or refreshes, without a prompt. Review the command."),
  rule("settings.literal-secret", "critical", "Credential committed in agent settings",
    "An environment variable in agent settings holds a value that looks like a real credential. The value is not shown. Revoke it and read it from the environment instead."),
  rule("settings.feature-enabled", "medium", "Agent feature flag turned on",
    "A feature flag that adds tool surface (web search, hooks, plugins, apps, network proxy and the like) was turned on. Check what the feature lets the agent do."),
  rule("settings.changed", "low", "Agent setting changed",
    "An agent setting without a specific rule changed. It is shown so that nothing in a capability file changes silently."),
  rule("hooks.command-added", "high", "New hook",
    "A hook runs a command (or calls a URL, or prompts a model) automatically on an agent event such as every tool call or session start, with the user's privileges and no prompt. Read the command and the script it calls."),
  rule("hooks.command-changed", "high", "Hook command changed",
    "An existing hook now runs a different command or script, or its script file changed. Review it as a new hook."),
  rule("plugin.added", "medium", "Plugin added",
    "A plugin can bundle skills, MCP servers, hooks and apps; adding it to a manifest or marketplace offers all of them to the agent. Check its source and contents."),
  rule("plugin.enabled", "medium", "Plugin enabled",
    "A plugin is switched on (or installed by default) for everyone who uses this repository. Its hooks and MCP servers start running without further review."),
  rule("plugin.untrusted-marketplace", "high", "Plugin from an untrusted marketplace",
    "The plugin comes from a marketplace that the policy does not list in `allow.marketplaces`. Whoever controls that marketplace controls what the plugin contains on every update."),
  rule("plugin.bundles-executable", "high", "Plugin ships executable parts",
    "This plugin (new, or a new version) bundles MCP servers or hooks: code that runs on the user's machine automatically once the plugin is enabled."),
  rule("plugin.unpinned-source", "high", "Plugin source not pinned",
    "A marketplace entry or plugin source fetches code without a pinned commit (a git URL or repo without `sha`, an npm package without an exact version), or a local path leaves the marketplace root. Users then get whatever the source holds at install time. Pin a 40-character commit sha."),
  rule("marketplace.added", "high", "Plugin marketplace added",
    "A new plugin catalog is known to the agent. Every plugin it lists can then be installed by name, and its owner can change them at any time."),
  rule("instructions.hidden-unicode", "critical", "Invisible characters in agent instructions",
    "Instruction text contains characters a reviewer cannot see but the model reads: zero-width characters, bidirectional controls (Trojan Source), Unicode tag characters (ASCII smuggling), variation selectors outside emoji, soft hyphens. This is the 'rules file backdoor': hidden instructions that steer the agent and tell it not to mention them. The finding shows the line with the characters made visible; remove them."),
  rule("instructions.hidden-comment", "medium", "Hidden text in agent instructions",
    "New text sits inside an HTML comment or other markup GitHub does not render, so the agent reads it and a reviewer of the rendered file does not. High when it holds a command or URL. Read the raw text."),
  rule("instructions.new-command", "medium", "Agent told to run a new command",
    "The instructions now tell the agent to run a shell command or fetch something (a fenced shell block, curl/wget, npx, pip install, piping into a shell). Agents tend to follow such text, often without asking. Check the command is what you expect."),
  rule("instructions.new-url", "low", "Instructions mention a new host",
    "The instructions mention a URL on a host they did not mention before; agents fetch links they are told about. Check the host."),
  rule("instructions.tools-widened", "high", "Agent or command gains tools",
    "The front matter of an agent, prompt, command or chat mode grants more tools (`tools`, `allowed-tools`). A wildcard or an omitted list (all tools) is critical."),
  rule("instructions.approval-language", "high", "Instructions remove the human from the loop",
    "New text tells the agent to skip confirmation, approve automatically, disable the sandbox or hide what it does from the user. Such text is how a prompt injection turns into unreviewed actions."),
  rule("instructions.changed", "low", "Agent instructions changed",
    "Text an agent follows changed (sections added or removed are summarized). Reflowed paragraphs and whitespace are not changes."),
  rule("skill.added", "medium", "Skill added",
    "A new skill gives the agent instructions (and often scripts) it loads when its description matches the task. Read the SKILL.md and what it ships."),
  rule("skill.allowed-tools-widened", "high", "Skill pre-approves more tools",
    "A skill's `allowed-tools` grew: these tools run without a prompt while the skill is active. A wildcard is critical."),
  rule("skill.script-added", "medium", "Script added to a skill",
    "A script or other file was added to or changed in a skill's folder. Skills tell the agent to run their scripts, so this is code that will execute; the first lines are shown."),
  rule("skill.removed", "info", "Skill removed",
    "A skill was removed. This reduces what the agent can do."),
  rule("workflow.pull-request-target", "high", "Workflow runs with secrets on untrusted events",
    "The workflow now runs on `pull_request_target`, `workflow_run` or `issue_comment`/`issues` events: with the base repository's secrets and a write token, on input an outsider controls. Combined with checking out the PR head or an agent reading PR text, this is a 'pwn request'."),
  rule("workflow.permissions-escalated", "high", "Workflow token gains permissions",
    "A job's GITHUB_TOKEN gains a write scope, `write-all`, or `id-token: write` (cloud credentials through OIDC). Give each job the least it needs."),
  rule("workflow.secrets-added", "medium", "Workflow uses new secrets",
    "The workflow references secrets it did not use before. Check which steps (and which actions) can read them."),
  rule("workflow.secrets-inherit", "high", "All secrets passed to a reusable workflow",
    "`secrets: inherit` hands every repository and organization secret to the called workflow. Pass only the secrets it needs."),
  rule("workflow.unpinned-action", "medium", "Third-party action not pinned to a commit",
    "A third-party action is referenced by tag or branch, which its owner (or an attacker who takes over the repository) can move. Pin the full 40-character commit SHA."),
  rule("workflow.agent-action", "high", "Agent action added or given more power",
    "A coding agent runs in CI (claude-code-action, codex-action, run-gemini-cli, Copilot...), or its power inputs widened: allowed tools, permission mode, sandbox, MCP config, settings, plugins. In CI nobody approves its actions, so these inputs are the whole of its permissions."),
  rule("workflow.agent-open-trigger", "high", "Anyone can trigger the agent",
    "The agent action accepts triggers from any user or bot (`allowed_non_write_users: \"*\"`, `allow-users: \"*\"`, `allowed_bots: \"*\"`), so an outsider's issue or comment becomes a prompt, with the workflow's secrets in reach."),
  rule("workflow.remote-script", "high", "Workflow runs a script from the network",
    "A `run` step pipes a download into a shell (`curl ... | sh`, `wget -O- ... | bash`, `iex (iwr ...)`). Whatever the server returns runs with the job's token and secrets. Download a pinned version and verify its checksum."),
  rule("workflow.script-injection", "high", "Untrusted input interpolated into a script or prompt",
    "An expression an outsider controls (`${{ github.event.issue.title }}`, `github.head_ref`, comment bodies...) is pasted into a `run` script or an agent prompt, where it becomes code or instructions. Pass it through an environment variable and quote it."),
  rule("workflow.unscanned", "high", "Workflow text too long to review",
    "Part of a workflow is longer than the review reads, and could hold what it looks for: a `run` command that names a download and runs past 2,000 characters, text with `${{ }}` expressions past its first 200,000 characters, or steps past a job's 1,000th. Rather than pass what it did not read, the review names it with its length and digest: read it by hand. An approval covers that exact text. This finding cannot be turned off or lowered by policy."),
  rule("file.parse-error", "high", "Capability file does not parse",
    "A capability file could not be parsed, so its capabilities are unknown. The review fails closed: fix the syntax (the line is given) so the change can be reviewed. This finding cannot be turned off or lowered by policy."),
  rule("file.unreadable", "high", "Capability file unreadable",
    "A capability file is binary, not UTF-8, too large (over 1 MiB) or could not be fetched, so it was not analysed. The review fails closed. This finding cannot be turned off or lowered by policy."),
  rule("file.not-analysed", "high", "Agent file no parser reads",
    "The pull request adds, changes or removes a file in an agent's folder or at an agent file's path (`.cursor/`, `.claude/`, `.codex/`...) of a kind this tool does not parse, so what it lets the agent do is unknown. Read the file as the agent would: an approval binds to its exact content (another push of it needs another approval). It cannot be turned off or lowered by policy; if the path is not an agent file at all, exclude it with `paths.exclude` on the base branch."),
  rule("file.case-collision", "high", "Agent file paths differ only by case",
    "Two paths of the head tree differ only by case (`.mcp.json` and `.MCP.json`, `.claude/` and `.Claude/`). A case-insensitive checkout (macOS, Windows) holds only one of them, and which one depends on the checkout, so what the agent reads there cannot be reviewed. The review fails closed: keep one spelling. This finding cannot be turned off, lowered or approved."),
  rule("policy.denied", "critical", "Capability on the policy's deny list",
    "The pull request adds or changes a capability that the repository policy denies: a plugin or marketplace in `deny.marketplaces`, an MCP server whose package is in `deny.mcp_packages` or whose host is in `deny.mcp_hosts`, or a workflow using an action in `deny.actions`. The entry and its reason are named. A denial fails the check in every mode and cannot be approved, allowed, turned off or lowered; remove the capability, or change the deny list on the base branch first (which is itself reviewed as a policy change)."),
  rule("policy.allow-expired", "low", "Policy allow entry expired",
    "A finding would have been allowed by an `allow` entry whose `expires` date has passed, so it now counts again. This explains why something that used to pass now needs approval: renew the entry with a new date on the base branch if the trust still holds, or remove the capability."),
  rule("policy.changed", "high", "Review policy changed",
    "The pull request edits the review policy (`.github/capability-review.yml`). The PR itself is still judged by the base branch's policy, but once merged the new one judges every later PR. High when the edit loosens anything: `fail_on` moved to a less strict severity, `mode: warn`, allow entries added or their expiry extended, deny entries removed, rules turned off or lowered, paths excluded or no longer included, approvers added or their minimum lowered. Tightening edits are reported for information. Check that whoever approves this may decide the repository's review policy."),
  rule("capability.changed", "low", "Capability changed",
    "A capability changed in a way no specific rule classifies as an escalation (for example a description, timeout or a narrower setting). Shown for completeness."),
  rule("capability.removed", "info", "Capability removed or reduced",
    "A capability was removed or narrowed. Removals reduce what the agent can do and need no approval."),
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): RuleDef | undefined {
  return BY_ID.get(id);
}

/**
 * Rules that fail the check whatever the policy says, also in `mode: warn`, and that no allow
 * list or approval clears: unknown content is never a pass, and a denial is final.
 */
export const FAIL_CLOSED_RULES = new Set(["file.parse-error", "file.unreadable", "file.case-collision", "policy.denied"]);

/**
 * Rules the policy's `rules:` may not mention at all (rejected by the schema, not ignored). A file
 * no parser reads may be approved (the approval binds its content) but never switched off.
 */
export const UNTUNABLE_RULES: ReadonlySet<string> = new Set([...FAIL_CLOSED_RULES, "file.not-analysed", "workflow.unscanned"]);
