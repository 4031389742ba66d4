// Text in an agent's folder that no format names: `.claude/skills/release.md` (no skill folder),
// `.agents/references/*.md`, a `.md` under `.gemini/commands/` (Gemini loads only TOML there).
// Agents can still be pointed at it, so the instructions surface reads it as a generic format,
// `agent-text`, of the agent whose folder holds it, with every instruction scan. What those scans
// cannot judge fails closed (not analysed): configuration under a text name (JSON, TOML, a YAML
// mapping), front-matter settings no capability stands for. Front-matter tools, MCP servers and
// hooks are reported as what they are, in case something loads the file as an agent definition.
import type { Capability, Client } from "../model.js";
import { isRecord, type LocatedDocument } from "../parse/document.js";
import { parseToml } from "../parse/toml.js";
import { parseYaml } from "../parse/yaml.js";
import { inlineMcpServers } from "./claude-plugin.js";
import type { FrontMatter } from "./frontmatter.js";
import { claudeStyleHooks, inlineHooks } from "./hooks-json.js";

export const AGENT_TEXT = "agent-text";

export interface TextFormat {
  format: string;
  client: Client;
  patterns: string[];
  base: RegExp;
}

/** Folders the scope holds whole (scope.ts) and the agent that reads each. */
const FOLDERS: [folder: string, client: Client][] = [
  [".claude", "claude"],
  [".claude-plugin", "claude"],
  [".codex", "codex"],
  [".codex-plugin", "codex"],
  [".cursor", "cursor"],
  [".gemini", "gemini"],
  [".kiro", "kiro"],
  [".amazonq", "amazonq"],
  [".continue", "continue"],
  [".opencode", "opencode"],
  [".clinerules", "cline"],
  // Cross-agent or without a client of their own in the model.
  [".agents", "generic"],
  [".windsurf", "generic"],
  [".roo", "generic"],
  [".kilocode", "generic"],
];
/** Copilot's folders the scope names, at the repository root only. */
const GITHUB_FOLDERS = ["instructions", "prompts", "agents", "chatmodes", "hooks"];
/** Prose: files without an extension may be scripts (`bash .claude/hooks/check`) and stay not analysed. */
const TEXT = "{md,mdc,markdown,mdx,txt}";

const escaped = (s: string): string => s.replace(/[.]/g, "\\.");

/** The catch-all formats, last in the instructions table: every named format wins over them. */
export const AGENT_TEXT_FORMATS: TextFormat[] = [
  ...FOLDERS.map(([folder, client]) => ({ format: AGENT_TEXT, client, patterns: [`**/${folder}/**/*.${TEXT}`], base: new RegExp(`(?:^|/)${escaped(folder)}/.`, "i") })),
  { format: AGENT_TEXT, client: "copilot", patterns: GITHUB_FOLDERS.map((d) => `.github/${d}/**/*.${TEXT}`), base: /^\.github\/./i },
];

/** Top-level keys that set how an agent runs (no capability records them): unknown power, so not analysed. */
const SETTING_KEYS = new Set(
  ["permissionMode", "permissions", "approvalMode", "approval_policy", "approvalPolicy", "sandbox", "sandbox_mode", "sandboxMode", "autoApprove", "auto_approve", "alwaysAllow", "trust", "yolo", "env", "settings"].map((k) => k.toLowerCase()),
);
/** Keys that grant tools or run code; as the whole file's top level they make it configuration. */
const POWER_KEYS = new Set(["hooks", "mcpservers", "mcp-servers", "mcp_servers", "tools", "allowed-tools", "allowedtools", ...SETTING_KEYS]);

const HOSTILE = /Excessive alias count|nesting deeper/;

/** The first line that is neither blank nor a `#` comment (a Markdown heading is one too). */
function firstSignificant(text: string): string {
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf("\n", at);
    const line = text.slice(at, end < 0 ? text.length : end).trim();
    if (line !== "" && !line.startsWith("#")) return line;
    if (end < 0) break;
    at = end + 1;
  }
  return "";
}

/** A mapping that configures: nested values (a server, a hook list) or a key that grants power. */
function configures(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return Object.entries(value).some(([k, v]) => POWER_KEYS.has(k.toLowerCase()) || isRecord(v) || (Array.isArray(v) && v.some(isRecord)));
}

/**
 * Why the whole text is configuration rather than prose, if it is: JSON (`{`, or `[` opening a
 * list), TOML (a table header or `key = value` first) or a YAML mapping that configures. A parser
 * refusing it as hostile (too deep, an alias bomb) counts as configuration too.
 */
function configurationKind(path: string, text: string): string | undefined {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("{") || /^\[\s*(?:[[{"\]]|-?\d)/.test(start)) return "JSON";
  const first = firstSignificant(text);
  if (/^\[{1,2}[\w."' -]+\]{1,2}$/.test(first) || /^["']?[\w.-]+["']?\s*=\s*\S/.test(first)) {
    const toml = parseToml(path, text);
    if (toml.ok ? isRecord(toml.doc.value) && Object.keys(toml.doc.value).length > 0 : HOSTILE.test(toml.problem.message)) return "TOML";
  }
  if (/^["']?[\w.-]+["']?\s*:(?:\s|$)/.test(first)) {
    const yaml = parseYaml(path, text);
    if (yaml.ok ? configures(yaml.doc.value) : HOSTILE.test(yaml.problem.message)) return "a YAML mapping";
  }
  return undefined;
}

/** Front matter as a located document (lines of the file: the block starts on line 2). */
function frontDocument(path: string, text: string, bodyStartLine: number, front: Record<string, unknown>): LocatedDocument {
  const yamlText = text.split("\n").slice(1, Math.max(1, bodyStartLine - 2)).join("\n");
  const parsed = parseYaml(path, yamlText);
  if (!parsed.ok) return { value: front, lineOf: () => 1 };
  return { value: parsed.doc.value, lineOf: (p) => parsed.doc.lineOf(p) + 1 };
}

export interface AgentText {
  /** Why the file is not analysed (a clause: "it holds JSON, ..."); then there are no capabilities. */
  notAnalysed?: string;
  /** MCP servers and hooks its front matter declares. */
  capabilities: Capability[];
}

/** What an agent-text file holds beside its instructions (`fm`: its front matter), or why it cannot be read as text. */
export function readAgentText(path: string, text: string, client: Client, fm: FrontMatter): AgentText {
  const kind = configurationKind(path, text);
  if (kind) return { notAnalysed: `it holds ${kind}, configuration no parser reads under this name`, capabilities: [] };
  // Unreadable front matter is the instructions surface's problem to report.
  if (!fm.data) return { capabilities: [] };
  const settings = Object.keys(fm.data).filter((k) => SETTING_KEYS.has(k.toLowerCase())).sort();
  if (settings.length) {
    return { notAnalysed: `its front matter sets ${settings.map((k) => `\`${k}\``).join(", ")}, agent settings no parser reads in a text file`, capabilities: [] };
  }
  if (fm.data.hooks === undefined && fm.data.mcpServers === undefined) return { capabilities: [] };
  const doc = frontDocument(path, text, fm.bodyStartLine, fm.data);
  const front = isRecord(doc.value) ? doc.value : fm.data;
  const hooks = inlineHooks(front.hooks, ["hooks"]);
  return {
    capabilities: [...inlineMcpServers(path, client, front.mcpServers, doc, ["mcpServers"]), ...claudeStyleHooks(path, client, hooks.map, doc, hooks.at)],
  };
}
