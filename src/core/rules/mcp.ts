// Rules for MCP servers: new servers, changed commands, unpinned packages, hosts, secrets, auto-approve.
import type { McpServerAttrs } from "../model.js";
import { added, code, escalation, neutral, reduction, type Evaluator, type Hit } from "./types.js";

function describe(a: McpServerAttrs): string {
  if (a.command) return `${a.transport}: ${code([a.command, ...(a.args ?? [])].join(" "))}`;
  return `${a.transport}: ${code(a.url ?? "?")}`;
}

function launch(a: McpServerAttrs | undefined): string {
  // A redacted argument or a URL's hidden query/userinfo changes what runs too (as a digest).
  const hidden = [a?.hiddenDigests?.args ?? null, a?.hiddenDigests?.url ?? null];
  return a ? JSON.stringify([a.command ?? null, a.args ?? [], a.url ?? null, a.cwd ?? null, ...hidden]) : "";
}

/** Fields whose hidden value differs (`url`, `env.X` ...), for a message that names them without showing them. */
function hiddenChanged(b: McpServerAttrs, a: McpServerAttrs): string[] {
  const was = b.hiddenDigests ?? {};
  const now = a.hiddenDigests ?? {};
  return Object.keys(now).filter((k) => was[k] !== undefined && was[k] !== now[k]).sort();
}

const notShown = (fields: string[]): string => (fields.length ? ` (value not shown changed: ${fields.map(code).join(", ")})` : "");

/** Escalations that compare a server's attributes with what it had (nothing, for a new server). */
function attributeHits(b: McpServerAttrs | undefined, a: McpServerAttrs): Hit[] {
  const hits: Hit[] = [];
  const name = code(a.name);
  if (a.package && !a.package.pinned) {
    const was = b?.package;
    if (!was || was.pinned || was.name !== a.package.name || was.version !== a.package.version) {
      const version = a.package.version ? `@${a.package.version}` : " with no version";
      hits.push(escalation("mcp.unpinned-package", `MCP server ${name} runs ${code(a.package.name)}${version} through ${a.package.runner}: a new release runs at every start.`));
    }
  }
  if (a.host && a.host !== b?.host) {
    hits.push(escalation("mcp.remote-host", `MCP server ${name} connects to ${code(a.host)}${b?.host ? ` (was ${code(b.host)})` : ""}.`));
  }
  const passed = [
    ...added(b?.env, a.env).map((n) => `env ${n}`),
    ...added(b?.envForwarded, a.envForwarded).map((n) => `forwarded ${n}`),
    ...added(b?.headers, a.headers).map((n) => `header ${n}`),
  ];
  if (passed.length) hits.push(escalation("mcp.secret-env", `MCP server ${name} receives ${passed.map(code).join(", ")}.`));
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
  if (launch(b) !== launch(a)) {
    const same = describe(a) === describe(b);
    const moved = hiddenChanged(b, a).filter((k) => k === "args" || k === "url");
    hits.push(escalation("mcp.command-changed", `MCP server ${code(a.name)} now runs ${describe(a)}${same ? notShown(moved) : ` (was ${describe(b)})`}.`));
  }
  hits.push(...attributeHits(b, a));
  if (hits.length) return hits;
  return [neutral(`MCP server ${code(a.name)} changed without gaining access${notShown(hiddenChanged(b, a))}.`)];
};
