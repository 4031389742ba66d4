// Instruction files: text an agent follows (AGENTS.md, CLAUDE.md, rules, prompts, agent and command
// files). One capability per file: what it tells the agent to run, where it points, which tools its
// front matter grants, and what a reviewer of the rendered file would not see.
import { toolListOf } from "../tool-lists.js";
import { hash } from "node:crypto";
import picomatch from "picomatch";
import { canonicalJson } from "../canonical.js";
import { foldCase } from "../globs.js";
import type { Capability, Client, FileProblem, InstructionsAttrs, Location, ParseResult } from "../model.js";
import { normalizeMcpServer, mcpServerCapability } from "../mcp-server.js";
import { isRecord } from "../parse/document.js";
import { parseToml } from "../parse/toml.js";
import { AGENT_TEXT, AGENT_TEXT_FORMATS, readAgentText } from "./agent-text.js";
import { splitFrontMatter } from "./frontmatter.js";
import { findHidden } from "./hidden-unicode.js";
import { normalize } from "./instructions-phrases.js";
import { scanMarkdown, urlHosts, type Item } from "./instructions-scan.js";
import { shapeProblem, typeName, type SourceFile, type Surface } from "./types.js";

interface Format {
  format: string;
  client: Client;
  patterns: string[];
  /** The directory segment(s) the file sits under, to find the directory it governs. */
  base?: RegExp;
  /** What an absent tools list means: "all" tools, or none set (inherits the session's). */
  toolsDefault?: "all";
}

// First match wins: specific locations before the catch-all `**/agents/*.agent.md`. A `base` that
// ends in a folder needs one character after it, not `.+$`: that rescanned the path from each
// occurrence of the folder name (quadratic on a path of many `/.claude/agents/`).
const FORMATS: Format[] = [
  { format: "claude-agent", client: "claude", patterns: ["**/.claude/agents/**/*.md"], base: /(?:^|\/)\.claude\/agents\/./i, toolsDefault: "all" },
  { format: "claude-command", client: "claude", patterns: ["**/.claude/commands/**/*.md"], base: /(?:^|\/)\.claude\/commands\/./i },
  { format: "claude-rule", client: "claude", patterns: ["**/.claude/rules/**/*.md"], base: /(?:^|\/)\.claude\/rules\/./i },
  { format: "claude-output-style", client: "claude", patterns: ["**/.claude/output-styles/**/*.md"], base: /(?:^|\/)\.claude\/output-styles\/./i },
  { format: "claude-md", client: "claude", patterns: ["**/CLAUDE.md", "**/CLAUDE.local.md"], base: /(?:^|\/)(?:\.claude\/)?CLAUDE(?:\.local)?\.md$/i },
  { format: "agents-md", client: "generic", patterns: ["**/AGENTS.md"], base: /(?:^|\/)AGENTS\.md$/i },
  { format: "agents-md", client: "codex", patterns: ["**/AGENTS.override.md"], base: /(?:^|\/)AGENTS\.override\.md$/i },
  { format: "gemini-md", client: "gemini", patterns: ["**/GEMINI.md"], base: /(?:^|\/)GEMINI\.md$/i },
  // Zed (and Amp) read AGENT.md; Zed's own name is `.rules`.
  { format: "agent-md", client: "generic", patterns: ["**/AGENT.md"], base: /(?:^|\/)AGENT\.md$/i },
  { format: "zed-rules", client: "zed", patterns: ["**/.rules"], base: /(?:^|\/)\.rules$/i },
  { format: "copilot-instructions", client: "copilot", patterns: [".github/copilot-instructions.md"] },
  { format: "copilot-instructions-file", client: "copilot", patterns: [".github/instructions/**/*.instructions.md"] },
  { format: "copilot-prompt", client: "copilot", patterns: [".github/prompts/**/*.prompt.md"] },
  // Continue's CLI runs `.continue/agents` and `.continue/checks` (or `.agents/checks`) on pull requests.
  { format: "continue-agent", client: "continue", patterns: ["**/.continue/agents/**/*.md", "**/.continue/checks/**/*.md", "**/.agents/checks/**/*.md"], base: /(?:^|\/)(?:\.continue\/(?:agents|checks)|\.agents\/checks)\/./i },
  { format: "continue-rule", client: "continue", patterns: ["**/.continue/rules/**/*.md", "**/.continue/prompts/**/*.{prompt,md}"], base: /(?:^|\/)\.continue\/(?:rules|prompts)\/./i },
  { format: "opencode-agent", client: "opencode", patterns: ["**/.opencode/{agent,agents}/**/*.md"], base: /(?:^|\/)\.opencode\/agents?\/./i },
  { format: "opencode-command", client: "opencode", patterns: ["**/.opencode/{command,commands}/**/*.md"], base: /(?:^|\/)\.opencode\/commands?\/./i },
  { format: "copilot-agent", client: "copilot", patterns: [".github/agents/*", "**/agents/*.agent.md"], base: /(?:^|\/)(?:\.github\/)?agents\/[^/]+$/i, toolsDefault: "all" },
  { format: "copilot-chatmode", client: "copilot", patterns: [".github/chatmodes/*"] },
  // Deeper in those folders: read as what the folder holds, not as generic text (fails closed on tools).
  { format: "copilot-agent", client: "copilot", patterns: [".github/agents/**/*.{md,markdown}"], toolsDefault: "all" },
  { format: "copilot-chatmode", client: "copilot", patterns: [".github/chatmodes/**/*.{md,markdown}"] },
  { format: "cursor-rules", client: "cursor", patterns: ["**/.cursorrules"], base: /(?:^|\/)\.cursorrules$/i },
  { format: "cursor-rule", client: "cursor", patterns: ["**/.cursor/rules/**/*.{mdc,md}"], base: /(?:^|\/)\.cursor\/rules\/./i },
  { format: "cursor-command", client: "cursor", patterns: ["**/.cursor/commands/**/*.md"], base: /(?:^|\/)\.cursor\/commands\/./i },
  { format: "cline-workflow", client: "cline", patterns: ["**/.clinerules/workflows/**/*.md"], base: /(?:^|\/)\.clinerules\/workflows\/./i },
  { format: "cline-rule", client: "cline", patterns: ["**/.clinerules", "**/.clinerules/*.md"], base: /(?:^|\/)\.clinerules(?:\/[^/]+)?$/i },
  { format: "windsurf-workflow", client: "generic", patterns: ["**/.windsurf/workflows/**/*.md"], base: /(?:^|\/)\.windsurf\/workflows\/./i },
  { format: "windsurf-rule", client: "generic", patterns: ["**/.windsurfrules", "**/.windsurf/rules/*"], base: /(?:^|\/)(?:\.windsurfrules|\.windsurf\/rules\/[^/]+)$/i },
  { format: "kiro-steering", client: "kiro", patterns: ["**/.kiro/steering/**"], base: /(?:^|\/)\.kiro\/steering\/./i },
  // Kiro's spec-driven work: requirements, design and tasks the agent follows.
  { format: "kiro-spec", client: "kiro", patterns: ["**/.kiro/specs/**/*.md"], base: /(?:^|\/)\.kiro\/specs\/./i },
  // Roo Code (and its fork Kilo Code) read rule folders recursively, all modes' or one mode's, else a single file.
  {
    format: "roo-rule",
    client: "generic",
    // `.roo/system-prompt-<mode>` replaces that mode's whole system prompt.
    patterns: ["**/.{roo,kilocode}/rules/**", "**/.{roo,kilocode}/rules-*/**", "**/.{roo,kilocode}/system-prompt-*", "**/.{roo,kilocode}rules", "**/.{roo,kilocode}rules-*"],
    base: /(?:^|\/)\.(?:roo|kilocode)(?:\/rules[^/]*\/.|\/system-prompt-[^/]+$|rules[^/]*$)/i,
  },
  { format: "amazonq-rule", client: "amazonq", patterns: ["**/.amazonq/rules/**/*.md"], base: /(?:^|\/)\.amazonq\/rules\/./i },
  { format: "codex-prompt", client: "codex", patterns: ["**/.codex/prompts/**/*.md"], base: /(?:^|\/)\.codex\/prompts\/./i },
  { format: "goosehints", client: "generic", patterns: ["**/.goosehints"], base: /(?:^|\/)\.goosehints$/i },
  { format: "gemini-agent", client: "gemini", patterns: ["**/.gemini/agents/**/*.md"], base: /(?:^|\/)\.gemini\/agents\/./i },
  { format: "gemini-command", client: "gemini", patterns: ["**/.gemini/commands/**/*.toml"], base: /(?:^|\/)\.gemini\/commands\/./i },
  // A Claude plugin kept in the repository (`.claude/plugins/<name>/`): its commands and agents.
  { format: "claude-command", client: "claude", patterns: ["**/.claude/plugins/*/commands/**/*.md"], base: /(?:^|\/)\.claude\/plugins\/./i },
  { format: "claude-agent", client: "claude", patterns: ["**/.claude/plugins/*/agents/**/*.md"], base: /(?:^|\/)\.claude\/plugins\/./i, toolsDefault: "all" },
  // Last: any other text in an agent's folder (agent-text.ts).
  ...AGENT_TEXT_FORMATS,
];

// Without case, as the registry routes: an `Agents.md` is an AGENTS.md on a case-insensitive checkout.
const matchers = FORMATS.map((f) => ({ f, match: picomatch(f.patterns, { dot: true, nocase: true }) }));

const sha256 = (s: string): string => hash("sha256", s, "hex");
const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

function formatOf(path: string): Format | undefined {
  const folded = foldCase(path);
  return matchers.find((m) => m.match(folded))?.f;
}

/** Read as generic agent text when this surface parses it: no named format takes the path. */
export const isAgentText = (path: string): boolean => formatOf(path)?.format === AGENT_TEXT;

/** The directory the file applies to: where it sits, above its config folder ("" = root). */
function governs(path: string, f: Format): string {
  const m = f.base?.exec(path);
  return m ? path.slice(0, m.index) : "";
}

/** `a, b` or `[a, b]` → tool names; commas inside parentheses (`Bash(x, y)`) do not split. */
export const toolList = toolListOf;

function stringList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((v): v is string => typeof v === "string").flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
}

/** Line of a top-level front-matter key (front matter starts at line 2). */
function frontLine(text: string, key: string): number {
  const lines = text.split("\n");
  // One pattern for the key, not one compiled per line.
  const keyAt = new RegExp(`^${key.replace(/[-.]/g, "\\$&")}\\s*:`);
  const i = lines.findIndex((l, n) => n > 0 && keyAt.test(l));
  return i < 0 ? 1 : i + 1;
}

interface Body {
  text: string;
  startLine: number;
  front?: Record<string, unknown>;
  /** Gemini command shell (`!{cmd}`) and file (`@{path}`) injections. */
  geminiPrompt?: boolean;
}

export const instructionsSurface: Surface = {
  id: "instructions",
  description: "Agent instruction files (AGENTS.md, AGENT.md, CLAUDE.md, GEMINI.md, Zed .rules, Copilot instructions/prompts/agents, Cursor/Cline/Windsurf/Kiro/Roo/Amazon Q/Continue rules, Claude agents, commands, rules and output styles, Codex prompts, OpenCode agents and commands, Gemini commands, and other text in agent folders)",
  patterns: FORMATS.flatMap((f) => f.patterns),
  parse({ path, text }) {
    const f = formatOf(path) ?? { format: "instructions", client: "generic" as Client, patterns: [] };
    const problems: FileProblem[] = [];
    const extra: Capability[] = [];
    let body: Body;
    if (f.format === "gemini-command") {
      const parsed = parseToml(path, text);
      if (!parsed.ok) return { capabilities: [], problems: [parsed.problem] };
      const top = parsed.doc.value;
      const prompt = isRecord(top) ? top.prompt : undefined;
      if (typeof prompt !== "string") {
        const line = isRecord(top) && "prompt" in top ? parsed.doc.lineOf(["prompt"]) : 1;
        return { capabilities: [], problems: [shapeProblem(path, line, `Gemini command needs a \`prompt\` string, found ${typeName(prompt)}`)] };
      }
      const line = parsed.doc.lineOf(["prompt"]);
      // A multi-line string starts on the line after `prompt = """`.
      const opensBlock = /("""|''')\s*$/.test(text.split("\n")[line - 1] ?? "");
      body = { text: prompt, startLine: line + (opensBlock ? 1 : 0), front: top as Record<string, unknown>, geminiPrompt: true };
    } else {
      const fm = splitFrontMatter(path, text);
      if (f.format === AGENT_TEXT) {
        const read = readAgentText(path, text, f.client, fm);
        if (read.notAnalysed) return { capabilities: [], problems: [], notAnalysed: read.notAnalysed };
        extra.push(...read.capabilities);
      }
      if (fm.problem) problems.push(fm.problem);
      body = { text: fm.body, startLine: fm.bodyStartLine, ...(fm.data ? { front: fm.data } : {}) };
      if (fm.data && isRecord(fm.data["mcp-servers"])) {
        // Copilot custom agents declare MCP servers in their front matter.
        for (const [name, raw] of Object.entries(fm.data["mcp-servers"])) {
          if (!isRecord(raw)) continue;
          const parent = frontLine(text, "mcp-servers");
          const at = childKeyLine(text, parent, name, fm.bodyStartLine) ?? parent;
          extra.push(mcpServerCapability(path, `mcp-servers.${name}`, at, normalizeMcpServer(name, raw, f.client)));
        }
      }
    }
    const cap = instructionsCapability(path, text, f, body, problems.length > 0);
    return { capabilities: [cap, ...extra], problems };
  },
};

const IMPORTED: Format = { format: "claude-import", client: "claude", patterns: [] };

/**
 * A file pulled in by an `@path` import of CLAUDE.md/GEMINI.md: no path pattern names it, so it is
 * parsed on request (review() follows the imports), as instructions that may import further.
 */
export function parseImportedInstructions(file: SourceFile): ParseResult {
  const fm = splitFrontMatter(file.path, file.text);
  const body: Body = { text: fm.body, startLine: fm.bodyStartLine, ...(fm.data ? { front: fm.data } : {}) };
  return { capabilities: [instructionsCapability(file.path, file.text, IMPORTED, body, !!fm.problem)], problems: fm.problem ? [fm.problem] : [] };
}

/**
 * Instructions held inside another format (a Roo mode's role and custom instructions), scanned as
 * Markdown under their own key, with the tools that format grants. Positions inside an escaped
 * string are not the file's, so every finding sits at `line`.
 */
export function embeddedInstructions(path: string, id: string, line: number, text: string, format: string, client: Client, tools: string[] | null): Capability {
  const cap = instructionsCapability(path, text, { format, client, patterns: [] }, { text, startLine: line }, false);
  const { locations: _, ...rest } = cap;
  return { ...rest, key: `${path}#${id}`, line, attrs: { ...(cap.attrs as InstructionsAttrs), tools } } as Capability;
}

/** Line of `  name:` inside the front matter, for an MCP server entry. */
/**
 * Line of `key` as a direct child of the top-level key on line `parent` (block YAML): at the first
 * child's indentation, before the next top-level key. A same-named key deeper down (a `url:` inside
 * another server) or in another section is not it. Undefined for flow style (`{a: ...}`).
 */
function childKeyLine(text: string, parent: number, key: string, end: number): number | undefined {
  const lines = text.split("\n");
  let indent: number | undefined;
  for (let i = parent; i < Math.min(end - 1, lines.length); i++) {
    const line = lines[i]!.replace(/\r$/, "");
    const trimmed = line.trimStart();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const depth = line.length - trimmed.length;
    if (depth === 0) return undefined; // the next top-level key
    indent ??= depth;
    if (depth !== indent) continue;
    const colon = trimmed.indexOf(":");
    if (colon > 0 && unquote(trimmed.slice(0, colon).trimEnd()) === key) return i + 1;
  }
  return undefined;
}

/**
 * The text of each `!{...}` (or `@{...}`) of a line, up to its first `}`. With indexOf: the pattern
 * `!\{([^}]*)\}` rescanned the line from every unclosed `!{`.
 */
function bracedBodies(line: string, open: string): string[] {
  const out: string[] = [];
  for (let at = line.indexOf(open); at >= 0; ) {
    const close = line.indexOf("}", at + open.length);
    if (close < 0) break; // none after this one: none after the later ones either
    out.push(line.slice(at + open.length, close));
    at = line.indexOf(open, close + 1);
  }
  return out;
}

const unquote = (s: string): string => (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s.at(-1) === s[0] ? s.slice(1, -1) : s);

function instructionsCapability(path: string, text: string, f: Format, body: Body, brokenFront: boolean): Capability {
  const scan = scanMarkdown(body.text, body.startLine, {
    // Claude and OpenCode commands run !`cmd` when they expand; generic text may be loaded as one.
    bangCommands: f.format === "claude-command" || f.format === "opencode-command" || f.format === AGENT_TEXT,
    imports: f.format === "claude-md" || f.format === "gemini-md" || f.format === "claude-import",
  });
  const front = body.front;
  const commands = [...scan.commands];
  const imports = [...scan.imports];
  if (body.geminiPrompt) {
    // Gemini runs `!{...}` before sending the prompt and inlines `@{...}` files.
    body.text.split("\n").forEach((l, i) => {
      for (const c of bracedBodies(l, "!{")) if (c.trim()) commands.push({ text: normalize(c), line: body.startLine + i });
      for (const c of bracedBodies(l, "@{")) if (c.trim()) imports.push({ text: c.trim(), line: body.startLine + i });
    });
  }
  let tools = front && !body.geminiPrompt ? toolList(front.tools ?? front["allowed-tools"] ?? front.allowedTools) : null;
  // An agent (a file with front matter; a README beside agents is none) without a tools list gets
  // every tool. Unreadable front matter is reported as a problem instead.
  if (tools === null && f.toolsDefault === "all" && front && !brokenFront) tools = ["*"];
  const hidden = findHidden(text).map((h): Item => ({ text: h.text, line: h.line, column: h.column }));
  const hosts = urlHosts(text);
  const locations: Record<string, Location> = {};
  const items = (list: Item[]): string[] => {
    for (const it of list) locations[it.text] ??= it.column ? { line: it.line, column: it.column } : { line: it.line };
    return sorted(list.map((it) => it.text));
  };
  const attrs: InstructionsAttrs = {
    client: f.client,
    format: f.format,
    governs: governs(path, f),
    override: /(?:^|\/)AGENTS\.override\.md$/i.test(path),
    tools,
    hidden: items(hidden),
    comments: items(scan.comments),
    commands: items(commands),
    urlHosts: items(hosts),
    imports: items(imports),
    approvalPhrases: items(scan.approvalPhrases),
    sections: sorted(scan.sections.map((s) => s.text)),
    // Front matter by value (key order is no change), text with whitespace folded (reflow is no change).
    digest: sha256((front ? canonicalJson(withoutAttrKeys(front)) + "\n" + body.text : text).replace(/\s+/g, " ").trim()),
  };
  if (front) {
    if (typeof front.model === "string" || typeof front.model === "number") attrs.model = String(front.model);
    const applies = appliesOf(front, f.format);
    if (applies.length) attrs.applies = applies;
    const always = front.alwaysApply ?? (front.inclusion === "always" ? true : front.trigger === "always_on" ? true : undefined);
    if (typeof always === "boolean") attrs.alwaysApply = always;
    // A sub-agent's own approval mode: `bypassPermissions` runs every tool it has without asking.
    if (f.format === "claude-agent" && typeof front.permissionMode === "string") attrs.permissionMode = front.permissionMode;
  }
  const line = 1;
  return { kind: "instructions", key: `${path}#instructions`, path, line, ...(Object.keys(locations).length ? { locations } : {}), attrs };
}

/** Keys already compared as attributes (normalized, sorted) stay out of the digest. */
const ATTR_KEYS = new Set(["tools", "allowed-tools", "allowedTools", "model", "applyTo", "globs", "fileMatchPattern", "alwaysApply"]);
function withoutAttrKeys(front: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(front).filter(([k]) => !ATTR_KEYS.has(k)));
}

/** When the text is injected: `applyTo`, `globs`, Kiro `inclusion`/`fileMatchPattern`, Windsurf `trigger`. */
function appliesOf(front: Record<string, unknown>, format: string): string[] {
  const out = [...stringList(front.applyTo), ...stringList(front.globs), ...stringList(front.fileMatchPattern)];
  if (format === "kiro-steering" && typeof front.inclusion === "string") out.push(`inclusion:${front.inclusion}`);
  if (format === "windsurf-rule" && typeof front.trigger === "string") out.push(`trigger:${front.trigger}`);
  return sorted(out);
}
