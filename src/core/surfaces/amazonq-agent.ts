// Amazon Q Developer CLI and Kiro custom agents (`.amazonq/cli-agents/*.json`, `.kiro/agents/*.json`):
// JSON with the agent's `prompt` and `tools`, the MCP servers it starts, the tools it may use without
// asking (`allowedTools`, `toolsSettings.*.allowedCommands|allowedPaths`) and `hooks` (commands on
// agentSpawn, userPromptSubmit, preToolUse, postToolUse, stop).
import type { Capability, Client, ParseResult } from "../model.js";
import { isRecord, type LocatedDocument, type PathSegment } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { foldCase } from "../globs.js";
import { hookIds, shownCommand } from "./hooks-json.js";
import { embeddedInstructions } from "./instructions.js";
import { merge, serverMap } from "./mcp-json.js";
import { withObject, type SourceFile, type Surface } from "./types.js";

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "") : []);

function allow(path: string, doc: LocatedDocument, client: Client, rule: string, at: PathSegment[]): Capability {
  return { kind: "permission_rule", key: `${path}#allow.${rule}`, path, line: doc.lineOf(at), attrs: { client, list: "allow", rule } };
}

function permissions(path: string, doc: LocatedDocument, client: Client, top: Record<string, unknown>): Capability[] {
  const out = strings(top.allowedTools).map((t, i) => allow(path, doc, client, t, ["allowedTools", i]));
  if (!isRecord(top.toolsSettings)) return out;
  for (const [tool, settings] of Object.entries(top.toolsSettings)) {
    if (!isRecord(settings)) continue;
    // Commands and paths a tool may touch without asking: `execute_bash(git status)`, `fs_write(src/**)`.
    for (const list of ["allowedCommands", "allowedPaths", "allowedServices"]) {
      strings(settings[list]).forEach((item, i) => out.push(allow(path, doc, client, `${tool}(${item})`, ["toolsSettings", tool, list, i])));
    }
  }
  return out;
}

function hooks(path: string, doc: LocatedDocument, client: Client, value: unknown): Capability[] {
  if (!isRecord(value)) return [];
  const out: Capability[] = [];
  for (const [event, list] of Object.entries(value)) {
    if (!Array.isArray(list)) continue;
    list.forEach((h, i) => {
      if (!isRecord(h) || typeof h.command !== "string" || !h.command.trim()) return;
      const matcher = typeof h.matcher === "string" ? h.matcher : undefined;
      // What redaction hides still binds an approval: its digest is part of the hook, and of the key
      // when two hooks of the event look the same once redacted.
      const shown = shownCommand(h.command.trim());
      const ids = hookIds(path, "hooks", event, matcher, shown.command);
      const key = shown.hiddenDigest && out.some((c) => c.key === ids.key) ? `${ids.key}#${shown.hiddenDigest}` : ids.key;
      out.push({ kind: "hook", key, slot: ids.slot, path, line: doc.lineOf(["hooks", event, i]), attrs: { client, event, ...(matcher ? { matcher } : {}), type: "command", ...shown } });
    });
  }
  return out;
}

function parse(file: SourceFile): ParseResult {
  const { path } = file;
  const client: Client = /(^|\/)\.kiro\//.test(foldCase(path)) ? "kiro" : "amazonq";
  return withObject(parseJson(path, file.text), path, "an agent file", (doc, top) => {
    const caps = [...permissions(path, doc, client, top), ...hooks(path, doc, client, top.hooks)];
    // The prompt is instructions; `tools` (absent: every tool) is what the agent may call at all.
    const tools = Array.isArray(top.tools) ? strings(top.tools).sort() : ["*"];
    const prompt = typeof top.prompt === "string" ? top.prompt : "";
    caps.push(embeddedInstructions(path, "agent", doc.lineOf(typeof top.prompt === "string" ? ["prompt"] : []), prompt, "amazonq-agent", client, tools));
    return merge(serverMap(doc, path, top.mcpServers, ["mcpServers"], "mcpServers", client), { capabilities: caps, problems: [] });
  });
}

export const amazonqAgent: Surface = {
  id: "amazonq-agent",
  description: "Amazon Q Developer CLI and Kiro custom agents (.amazonq/cli-agents/*.json, .kiro/agents/*.json): prompt, tools, MCP servers, pre-approved tools and hooks",
  patterns: ["**/.amazonq/cli-agents/*.json", "**/.amazonq/agents/*.json", "**/.kiro/agents/*.json"],
  parse,
};
