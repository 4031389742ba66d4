// Rules for MCP servers: new servers, changed commands, unpinned packages, hosts, secrets, auto-approve.
import { codeRunningEnv } from "../code-env.js";
import type { McpServerAttrs } from "../model.js";
import { packageSourceEnv } from "../package-env.js";
import { floatingLaunch } from "../packages.js";
import { added, code, escalation, neutral, reduction, type Evaluator, type Hit, rule, type RuleDef } from "./types.js";

/** The rules of this family: id, default severity, title and explanation (every report and `explain` show these). */
export const MCP_RULES: readonly RuleDef[] = [
  rule("mcp.server-added", "high", "New or re-enabled MCP server",
    "An MCP server is a process or remote endpoint whose tools the agent can call. Local (stdio) servers run with the developer's or the CI runner's full privileges, outside any agent sandbox, as soon as the agent starts; remote servers receive whatever the agent sends them. Check who publishes the server, what its tools can do, and that the config names a pinned version."),
  rule("mcp.command-changed", "high", "MCP server command or endpoint changed",
    "The command line, arguments, package or endpoint of an existing server changed, so different code now runs under a name that was already trusted (a 'rug pull' needs only this). Review the new command as if the server were new. Medium when only the pinned release of the same package through the same runner moved (`server:v1.2.0` → `server:v1.3.0`): a dependency update, to read as one; and when a remote server's URL changed only after the `?` with no credential among the parameters."),
  rule("mcp.unpinned-package", "high", "MCP server package not pinned",
    "The server is launched through a package runner (npx, bunx, pnpm/yarn dlx, npm exec, uvx, uv run --with, pipx, docker/podman, deno, go run, gem exec, also behind `sh -c` or `cmd /c`) without an exact version or digest, so every start may fetch new code from the registry, and a compromised or renamed package runs with no review. A package the base already ran unpinned through the same runner is not reported again. Pin an exact version (`pkg@1.2.3`, `pkg==1.2.3`, `image@sha256:…`)."),
  rule("mcp.remote-host", "high", "MCP server talks to a new host",
    "A server now sends the agent's tool calls (which can include source code, secrets from the conversation and file contents) to a host that was not configured before, directly or through a local proxy (`mcp-remote`, `supergateway`, `mcp-proxy`); loopback endpoints (localhost, 127.0.0.0/8, [::1]) are this machine and not reported. Confirm the host belongs to the vendor you expect; allow known hosts with the policy's `allow.mcp_hosts`."),
  rule("mcp.secret-env", "high", "Secrets passed to an MCP server",
    "Environment variables, forwarded variables, HTTP headers or the URL now hand a server a credential: the name says so (`GITHUB_TOKEN`, `apiKey`, `Authorization`), or the value reads a secret (`${GITHUB_TOKEN}`, `${{ secrets.X }}`, `${input:api-key}`, a file) or looks like one. Once a server has it, it can use it for anything the credential allows. Check that the server needs each one and that its scope is minimal. Plain configuration (`NODE_ENV`, `LOG_LEVEL`, paths) is listed as a change, not here."),
  rule("mcp.literal-secret", "critical", "Credential committed in a config",
    "A value that looks like a real token, key or password is written into the file itself, so everyone with read access to the repository has it. The value is not shown here. Revoke it, and reference an environment variable or input prompt instead (`${VAR}`, `${input:id}`)."),
  rule("mcp.auto-approve", "high", "MCP tools approved without asking",
    "Trust or auto-approve settings (`trust: true`, `autoApprove`, `alwaysAllow`, `approval_mode = \"approve\"`) let the agent call these tools with no human confirmation, so a prompt injection can use them directly. Prefer per-call approval for tools that write, execute or reach the network."),
  rule("mcp.code-env", "high", "MCP server environment runs other code",
    "An environment variable set for the server makes it run code besides its own: `NODE_OPTIONS` (`--require`), `LD_PRELOAD`, `BASH_ENV`, `PYTHONPATH`, `PATH`, `GIT_SSH_COMMAND` and the like load a module, a library or a script from wherever the value points, with the server's privileges, at every start; `npm_config_registry`, `UV_INDEX_URL`, `GOPROXY`, `DOCKER_HOST`, a proxy or a trusted CA change where the launcher fetches the package from, so the same command runs other code. Check what the value names and who can change it."),
  rule("mcp.tools-widened", "medium", "MCP tool allowlist widened",
    "A server's tool allowlist was removed or extended, or its denylist shrunk, so the agent can call tools it could not call before. Check the tools that became available."),
];

function describe(a: McpServerAttrs): string {
  const helper = a.headersHelper !== undefined ? `, headers from the command ${code(a.headersHelper)}` : "";
  if (a.command) return `${a.transport}: ${code([a.command, ...(a.args ?? [])].join(" "))}${helper}`;
  return `${a.transport}: ${code(a.url ?? "?")}${helper}`;
}

function launch(a: McpServerAttrs | undefined, floating = false): string {
  // A redacted argument or a URL's hidden query/userinfo changes what runs too (as a digest).
  const hidden = [a?.hiddenDigests?.args ?? null, a?.hiddenDigests?.url ?? null, a?.headersHelper ?? null, a?.hiddenDigests?.headersHelper ?? null];
  // Floating: an unpinned package's version text (`@latest`, none, `^1.2`) is no other code.
  const line = (floating && a?.package && floatingLaunch(a.command, a.args, a.package.name)) || [a?.command ?? null, a?.args ?? []];
  return a ? JSON.stringify([line, a.url ?? null, a.cwd ?? null, ...hidden]) : "";
}

/**
 * The base ran this package unpinned, and the head runs the same one through the same runner: any
 * release of it ran before, so another version text (`@latest`, none, `^1.3`, or a pin) is no new code.
 */
const sameFloating = (b: McpServerAttrs, a: McpServerAttrs): boolean =>
  !!b.package && !!a.package && !b.package.pinned && b.package.runner === a.package.runner && b.package.name === a.package.name;

/**
 * Both sides pin the same package through the same runner, and nothing else of the launch differs:
 * another release from the publisher already trusted, as a dependency update is, not another server.
 */
const pinnedBump = (b: McpServerAttrs, a: McpServerAttrs): boolean =>
  !!b.package?.pinned && !!a.package?.pinned && b.package.runner === a.package.runner && b.package.name === a.package.name &&
  b.package.version !== a.package.version && launch(b, true) === launch(a, true);

/** A remote server whose URL differs only after the `?`: the same host and path, other parameters. */
function queryOnly(b: McpServerAttrs, a: McpServerAttrs): boolean {
  if (!b.url || !a.url || b.url === a.url && b.hiddenDigests?.url === a.hiddenDigests?.url) return false;
  const cut = (x: McpServerAttrs): McpServerAttrs => ({ ...x, url: x.url!.split("?")[0]!, hiddenDigests: { ...x.hiddenDigests, url: "" } });
  return launch(cut(b)) === launch(cut(a));
}

/** Fields whose hidden value differs (`url`, `env.X` ...), for a message that names them without showing them. */
function hiddenChanged(b: McpServerAttrs, a: McpServerAttrs): string[] {
  const was = b.hiddenDigests ?? {};
  const now = a.hiddenDigests ?? {};
  return Object.keys(now).filter((k) => was[k] !== undefined && was[k] !== now[k]).sort();
}

const notShown = (fields: string[]): string => (fields.length ? ` (value not shown changed: ${fields.map(code).join(", ")})` : "");

/** A credential's key (`env.X`, `header.X`, `forwarded.X`, `url`) as the message names it. */
function field(key: string): string {
  if (key === "url") return "the URL";
  if (key === "args") return "the arguments";
  const dot = key.indexOf(".");
  const kind = key.slice(0, dot);
  return `${kind === "forwarded" ? "forwarded" : kind} ${code(key.slice(dot + 1))}`;
}

/** Why a field carries a credential (secret-sources.ts reasons), for the message. */
function reason(r: string): string {
  if (r === "name") return "credential name";
  if (r === "selects") return "selects stored credentials";
  if (r === "literal") return "committed value that looks like a credential";
  if (r === "url-password") return "URL with a password";
  if (r === "scheme") return "`Bearer`/`Basic` value";
  if (r === "bearer") return "sent as the bearer token";
  if (r === "env-file") return "every variable of the file";
  if (r.startsWith("sent-as:")) return `sent as header ${code(r.slice(8))}`;
  if (r.startsWith("query:")) return `query parameter ${code(r.slice(6))}`;
  if (r.startsWith("ref:expression:")) return `from ${code(`\${{ ${r.slice(15)} }}`)}`;
  return r.startsWith("ref:") ? `from ${code(r.slice(4))}` : code(r);
}

/** Fields that hand a credential now and did not (or did from other sources), with why. */
function newCredentials(b: McpServerAttrs | undefined, a: McpServerAttrs): string[] {
  const was = b?.credentials ?? {};
  return Object.entries(a.credentials ?? {})
    .filter(([k, why]) => why.some((r) => !(was[k] ?? []).includes(r)))
    .map(([k, why]) => `${field(k)} (${why.map(reason).join(", ")})`);
}

/** Code-running variables that are new or whose value changed (by digest: values may be hidden). */
function codeEnvHits(b: McpServerAttrs | undefined, a: McpServerAttrs): string[] {
  return Object.entries(a.codeEnv ?? {})
    .filter(([k]) => !b?.codeEnv || !Object.hasOwn(b.codeEnv, k) || b.hiddenDigests?.[`env.${k}`] !== a.hiddenDigests?.[`env.${k}`])
    .map(([k, value]) => {
      const changed = b?.codeEnv && Object.hasOwn(b.codeEnv, k) ? "now " : "";
      const shown = value ? ` to ${code(value)}` : " (value not shown)";
      return `${changed}sets ${code(k)}${shown}: ${codeRunningEnv(k) ?? packageSourceEnv(k) ?? "what runs"}`;
    });
}

/** Env vars, forwarded names and headers gained that carry no credential: a change, not an escalation. */
function plainGained(b: McpServerAttrs, a: McpServerAttrs): string[] {
  const creds = a.credentials ?? {};
  return [
    ...added(b.env, a.env).filter((n) => !creds[`env.${n}`]).map((n) => `env ${code(n)}`),
    ...added(b.envForwarded, a.envForwarded).filter((n) => !creds[`forwarded.${n}`]).map((n) => `forwarded ${code(n)}`),
    ...added(b.headers, a.headers).filter((n) => !creds[`header.${n}`]).map((n) => `header ${code(n)}`),
  ];
}

/** Escalations that compare a server's attributes with what it had (nothing, for a new server). */
function attributeHits(b: McpServerAttrs | undefined, a: McpServerAttrs): Hit[] {
  const hits: Hit[] = [];
  const name = code(a.name);
  if (a.package && !a.package.pinned) {
    const was = b?.package;
    // Nothing new when the base already ran this package, unpinned, through this runner.
    if (!was || was.pinned || was.name !== a.package.name || was.runner !== a.package.runner) {
      // The version is the file's text: inside the code span, or `@latest` would mention a user.
      const what = a.package.version ? code(`${a.package.name}@${a.package.version}`) : `${code(a.package.name)} with no version`;
      hits.push(escalation("mcp.unpinned-package", `MCP server ${name} runs ${what} through ${a.package.runner}: a new release runs at every start.`));
    }
  }
  // A loopback endpoint is this machine: no host the agent's calls leave for.
  if (a.host && !a.loopback && a.host !== b?.host) {
    hits.push(escalation("mcp.remote-host", `MCP server ${name} connects to ${code(a.host)}${b?.host ? ` (was ${code(b.host)})` : ""}.`));
  }
  // Hosts env values point it at (API_BASE_URL): one finding per host, so a policy can allow each.
  for (const [k, host] of Object.entries(a.envHosts ?? {})) {
    const was = b?.envHosts?.[k];
    if (host === was || (host === a.host && !a.loopback)) continue;
    const hit = escalation("mcp.remote-host", `MCP server ${name} is pointed at ${code(host)} by env ${code(k)}${was ? ` (was ${code(was)})` : ""}.`);
    hits.push({ ...hit, subject: host });
  }
  const handed = newCredentials(b, a);
  if (handed.length) {
    hits.push(escalation("mcp.secret-env", `MCP server ${name} receives credentials in ${handed.join(", ")}: it can use them for anything they allow.`));
  }
  const runs = codeEnvHits(b, a);
  if (runs.length) hits.push(escalation("mcp.code-env", `MCP server ${name} ${runs.join("; ")}.`));
  const literals = added(b?.literalSecrets, a.literalSecrets);
  if (literals.length) {
    hits.push(escalation("mcp.literal-secret", `MCP server ${name} has a committed credential in ${literals.map(code).join(", ")} (value not shown).`));
  }
  const approved = added(b?.autoApprove, a.autoApprove);
  if (approved.length) {
    const what = approved.includes("*") ? "every tool" : approved.map(code).join(", ");
    hits.push(escalation("mcp.auto-approve", `MCP server ${name}: ${what} run without confirmation.`));
  }
  if (b) {
    // No allowlist (null) means every tool: adding one narrows the server, dropping one widens it.
    const allowGained = b.allowedTools !== null && a.allowedTools !== null ? added(b.allowedTools, a.allowedTools) : [];
    const allowWidened = (b.allowedTools !== null && a.allowedTools === null) || allowGained.length > 0;
    const denyShrunk = added(a.deniedTools, b.deniedTools);
    if (allowWidened || denyShrunk.length) {
      const parts = [];
      if (allowWidened) parts.push(a.allowedTools === null ? "allowlist removed" : `allowlist gains ${allowGained.map(code).join(", ")}`);
      if (denyShrunk.length) parts.push(`no longer denies ${denyShrunk.map(code).join(", ")}`);
      hits.push(escalation("mcp.tools-widened", `MCP server ${name}: ${parts.join("; ")}.`));
    }
  }
  return hits;
}

export const mcpRules: Evaluator<"mcp_server"> = (c) => {
  const b = c.before?.attrs;
  const a = c.after?.attrs;
  if (c.change === "removed" || !a) return [reduction(`MCP server ${code(b?.name ?? c.key)} removed.`)];
  if (c.change === "added" || !b) {
    if (!a.enabled) return [neutral(`MCP server ${code(a.name)} declared but disabled (${describe(a)}).`)];
    return [escalation("mcp.server-added", `New MCP server ${code(a.name)} (${describe(a)}).`), ...attributeHits(undefined, a)];
  }
  if (!a.enabled) return [reduction(`MCP server ${code(a.name)} disabled.`)];
  const hits: Hit[] = [];
  if (!b.enabled) hits.push(escalation("mcp.server-added", `MCP server ${code(a.name)} re-enabled (${describe(a)}).`));
  const floating = sameFloating(b, a);
  if (queryOnly(b, a) && !newCredentials(b, a).length) {
    hits.push(escalation("mcp.command-changed", `MCP server ${code(a.name)} now calls ${code(a.url!)} (was ${code(b.url!)}): the same endpoint with other query parameters, none a credential by name.`, "medium"));
  } else if (pinnedBump(b, a)) {
    const v = (p: McpServerAttrs) => code(p.package!.version ?? "?");
    hits.push(escalation("mcp.command-changed", `MCP server ${code(a.name)} now runs ${code(a.package!.name)} ${v(a)} (was ${v(b)}): the same package through the same runner, pinned at another release; read what the release changes.`, "medium"));
  } else if (launch(b, floating) !== launch(a, floating)) {
    const same = describe(a) === describe(b);
    const moved = hiddenChanged(b, a).filter((k) => k === "args" || k === "url");
    hits.push(escalation("mcp.command-changed", `MCP server ${code(a.name)} now runs ${describe(a)}${same ? notShown(moved) : ` (was ${describe(b)})`}.`));
  }
  hits.push(...attributeHits(b, a));
  if (hits.length) return hits;
  const parts: string[] = [];
  if (floating && b.package!.version !== a.package!.version) {
    const v = (p: McpServerAttrs) => (p.package!.version ? code(p.package!.version) : "no version");
    const how = a.package!.pinned ? `now pins ${code(a.package!.name)} to ${v(a)}` : `still runs ${code(a.package!.name)} unpinned (${v(a)})`;
    parts.push(`${how} through ${a.package!.runner} (was unpinned, ${v(b)})`);
  }
  const plain = plainGained(b, a);
  if (plain.length) parts.push(`gains ${plain.join(", ")}, with no credential by name or value`);
  if (parts.length) return [neutral(`MCP server ${code(a.name)} ${parts.join("; ")}${notShown(hiddenChanged(b, a))}.`)];
  return [neutral(`MCP server ${code(a.name)} changed without gaining access${notShown(hiddenChanged(b, a))}.`)];
};
