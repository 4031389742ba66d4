// The `scan` command's report: every capability of a tree as Markdown, by ecosystem and file.
import type { Capability } from "../model.js";
import { ecosystemOf } from "../model.js";
import type { Inventory } from "../review.js";
import { code, codeMax } from "../rules/types.js";
import { inertMarkdown } from "./inert.js";
import { groupBy } from "./markdown.js";
import { outbound } from "./outbound.js";

const short = (s: string) => codeMax(s, 120);

function summarize(c: Capability): string {
  switch (c.kind) {
    case "mcp_server": {
      const a = c.attrs;
      const what = a.command ? [a.command, ...(a.args ?? [])].join(" ") : (a.url ?? "");
      return `MCP server ${code(a.name)} (${a.client}, ${a.transport}): ${short(what)}${a.autoApprove.length ? ` · auto-approves ${a.autoApprove.map(code).join(", ")}` : ""}`;
    }
    case "agent_setting":
      return `setting ${code(c.attrs.setting)}${c.attrs.scope ? ` (${code(c.attrs.scope)})` : ""} = ${short(JSON.stringify(c.attrs.value) ?? "null")}`;
    case "permission_rule":
      return `${c.attrs.list} ${code(c.attrs.rule)}`;
    case "hook":
      return `hook on ${code(c.attrs.event)}${c.attrs.matcher ? ` [${code(c.attrs.matcher)}]` : ""}: ${short(c.attrs.command ?? c.attrs.url ?? c.attrs.type)}`;
    case "plugin":
      return `plugin ${code(c.attrs.name + (c.attrs.marketplace ? "@" + c.attrs.marketplace : ""))} (${c.attrs.declaredIn}${c.attrs.enabled === false ? ", disabled" : ""})`;
    case "marketplace":
      return `marketplace ${code(c.attrs.name)}`;
    case "instructions": {
      const a = c.attrs;
      const extras = [a.tools ? `tools: ${a.tools.map(code).join(", ")}` : "", a.hidden.length ? `⚠️ ${a.hidden.length} hidden character(s)` : "", a.commands.length ? `${a.commands.length} command(s)` : ""].filter(Boolean);
      return `instructions (${a.format}${a.governs ? `, governs ${code(`${a.governs}/`)}` : ""})${extras.length ? ": " + extras.join(" · ") : ""}`;
    }
    case "skill":
      return `skill ${code(c.attrs.name)}${c.attrs.allowedTools ? ` (allowed-tools: ${c.attrs.allowedTools.map(code).join(", ")})` : ""}`;
    case "hook_script":
      return `hook script run by ${c.attrs.runBy.map(code).join(", ")}`;
    case "skill_file":
      return `skill file ${code(c.attrs.file)}${c.attrs.executable ? " (script)" : ""}`;
    case "workflow": {
      const a = c.attrs;
      const agents = a.agentActions.map((x) => code(x.action));
      return `workflow ${code(a.workflow)}${a.job ? ` job ${code(a.job)}` : ""}: on ${a.triggers.map(code).join(", ") || "?"}${agents.length ? ` · agents: ${agents.join(", ")}` : ""}`;
    }
  }
}

/** Every capability of a tree as Markdown (the `scan` command), as written out. */
export function renderInventoryMarkdown(inv: Inventory): string {
  const out = [`## Capability inventory`, "", `${inv.capabilities.length} capabilities in ${inv.files.length} agent files.`];
  const byEcosystem = groupBy(inv.capabilities, ecosystemOf);
  for (const [ecosystem, caps] of [...byEcosystem].sort(([a], [b]) => a.localeCompare(b))) {
    out.push("", `### ${ecosystem} (${caps.length})`);
    for (const [path, inFile] of groupBy(caps, (c) => c.path)) {
      out.push("", `#### ${code(path)}`);
      for (const c of inFile) out.push(`- line ${c.line}: ${summarize(c)}`);
    }
  }
  const withCapabilities = new Set(inv.capabilities.map((c) => c.path));
  const quiet = inv.files.filter((f) => f.error || !withCapabilities.has(f.path));
  if (quiet.length) {
    out.push("", "### Files with no capability");
    for (const f of quiet) out.push(`- ${code(f.path)} (${f.kind})${f.error ? `: ⚠️ ${inertMarkdown(f.error)}` : ""}`);
  }
  return outbound(out.join("\n") + "\n");
}
