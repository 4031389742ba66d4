// How much one tool grant lets an agent do: a permission allow rule (Claude `Bash(git log:*)`, Gemini
// `run_shell_command(git status)`, OpenCode, VS Code, Amazon Q), a tool an agent or command file
// grants (`tools:`, `allowed-tools:`), a skill's `allowed-tools`. One grade for all of them:
//   critical  a whole shell, or every tool;
//   high      what runs code or reaches the network, writes with no narrow path limit, an MCP tool
//             that may write, run or send, and anything this file does not know;
//   medium    what only reads (`ls`, `git status`, `gh pr view`, `Read`, `mcp__x__list_issues`) and
//             writes of documents in one named folder.
import { code } from "./rules/types.js";
import { commandGrant, type ShellMatch } from "./tool-grants-shell.js";
import { argsWriteGrant, globWriteGrant } from "./tool-grants-paths.js";
import { critical, type Grant, high, medium } from "./tool-grant-types.js";

export type { Grant, GrantSeverity } from "./tool-grant-types.js";
export type { ShellMatch } from "./tool-grants-shell.js";
export { widestIndex } from "./tool-grant-types.js";

/** Text from a file, as a code span (see rules/types.ts). */
const q = code;

/** Tools that run arbitrary commands: allowing them without a narrow specifier allows everything. */
const SHELL = new Set(["bash", "shell", "run_shell_command", "shelltool", "execute_bash", "execute_cmd", "runcommands", "runinterminal", "terminal", "exec", "command", "execute", "powershell", "local_shell"]);
const ANY_SPECIFIER = /^(\*|:\*|\*\*|\* \*|\*:\*)?$/;
/** Names that stand for every tool (of every MCP server, or every built-in one, the shell among them). */
const EVERY = new Set(["*", "mcp__*", "mcp_*", "@builtin", "@builtin/*"]);

const READS = "reads or searches files";
const OWN = "uses only the agent's own planning, notes or sub-agents";
/** Built-in tools that read, search or organise the agent's own work. */
const QUIET: Record<string, string> = {
  ...Object.fromEntries(["read", "glob", "grep", "ls", "list", "notebookread", "read_file", "read_many_files", "list_directory", "search_file_content", "grep_search", "codebase", "search", "usages", "problems", "changes", "findtestfiles", "testfailure", "searchresults", "fs_read", "readfile", "listdirectory", "filesearch", "textsearch", "selection", "terminallastcommand", "terminalselection", "getterminaloutput", "bashoutput", "lsp", "codebase_investigator", "githubrepo", "introspect"].map((n) => [n, READS])),
  ...Object.fromEntries(["todowrite", "todoread", "todo", "todos", "write_todos", "think", "exitplanmode", "enterplanmode", "killshell", "killbash", "askuserquestion", "ask_user", "listmcpresourcestool", "readmcpresourcetool", "task", "agent", "runsubagent", "report_issue"].map((n) => [n, OWN])),
  skill: "loads a skill's instructions (the skill's own `allowed-tools` are reviewed with it)",
  activate_skill: "loads a skill's instructions (the skill's own `allowed-tools` are reviewed with it)",
  ...Object.fromEntries(["websearch", "web_search", "google_web_search", "codesearch"].map((n) => [n, "searches the web (results only)"])),
};
/** Built-in tools that write files: limited by a path specifier or not. */
const WRITERS = new Set(["write", "edit", "multiedit", "notebookedit", "write_file", "replace", "edit_file", "fs_write", "editfiles", "createfile", "new", "patch", "apply_patch", "insert_edit_into_file", "replace_string_in_file", "editnotebook"]);
/** Built-in tools that reach the network or an outside service. */
const NETWORK: Record<string, string> = {
  ...Object.fromEntries(["webfetch", "web_fetch", "fetch", "web", "opensimplebrowser", "browser"].map((n) => [n, "fetches from the network, where data can leave in a URL"])),
  use_aws: "calls AWS APIs with the developer's credentials",
  save_memory: "writes the memory file (`GEMINI.md`) every later session reads",
  external_directory: "reaches files outside the workspace",
};
/** Copilot's tool groups (`edit/editFiles`, `execute/runInTerminal`): the part after the slash is a built-in tool. */
const GROUPS = new Set(["read", "edit", "search", "execute", "web", "agent", "todo", "vscode", "terminal"]);

const READ_VERBS = new Set(["get", "list", "search", "read", "find", "describe", "view", "show", "lookup", "count", "inspect", "status", "diff", "log", "info", "stats", "check", "ping", "health", "validate", "verify", "whoami", "version"]);
/** Words that make an MCP tool more than a reader, wherever they sit in its name. */
const ACT_VERBS = new Set(
  ("create write update delete remove set put post send exec execute run eval evaluate push merge upload install uninstall add edit modify patch move rename " +
    "kill start stop restart launch deploy publish comment close open approve reject submit click tap type fill press navigate drag drop hover select insert " +
    "invoke call trigger apply commit fork assign unassign reply mark archive restore upsert save store import sync dispatch schedule cancel enable disable " +
    "grant revoke transfer pay build fetch download clone checkout reset revert rerun lock unlock invite share copy clear purge truncate alter mutate configure " +
    "login logout script code shell command bash query sql destroy wipe erase nuke replace append generate export email message notify post fix format").split(" "),
);

/** `Tool(spec)` → its parts; `Tool` alone has an empty specifier; anything else (a `(` first, text after the `)`, a line break in the specifier) none. */
export function toolAndSpecifier(rule: string): { tool: string; spec: string } | undefined {
  // Cut at the first `(` instead of a pattern whose lazy name and spaces retried each other (quadratic).
  const open = rule.indexOf("(");
  if (open < 0) return rule && !rule.includes(")") ? { tool: rule, spec: "" } : undefined;
  const tool = rule.slice(0, open);
  const spec = rule.slice(open + 1, -1);
  if (!tool || tool.includes(")") || !rule.endsWith(")") || rule.length < open + 2 || /[\n\r\u2028\u2029]/.test(spec)) return undefined;
  return { tool, spec };
}

/** Lower-case words of a tool name: `getDiagnostics`, `list_issues`, `resolve-library-id`. */
function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** An MCP tool by the words of its name; `tool` undefined or `*` is every tool of the server. */
function mcpGrant(server: string, tool: string | undefined): Grant {
  if (tool === undefined || tool === "" || tool === "*") return high(`every tool of MCP server ${q(server)}, whatever they do`);
  const w = nameWords(tool);
  // A reading verb anywhere (`list_issues`, `issue_read`, `asana_search_tasks`) and no acting word anywhere.
  const reads = w.some((x) => READ_VERBS.has(x)) && !w.some((x) => ACT_VERBS.has(x));
  return reads ? medium(`an MCP tool that reads (${q(tool)})`) : high(`an MCP tool that may write, run or send (${q(tool)})`);
}

/** `mcp__server__tool`, `mcp_server_tool` (Gemini), `server__tool`, `@server/tool` (Kiro, Amazon Q). */
function mcpName(tool: string): { server: string; tool?: string } | undefined {
  if (tool.startsWith("mcp__") && tool.length > 5) {
    const rest = tool.slice(5);
    const cut = rest.indexOf("__", 1);
    return cut < 0 ? { server: rest } : { server: rest.slice(0, cut), tool: rest.slice(cut + 2) };
  }
  if (tool.startsWith("@")) {
    const slash = tool.indexOf("/");
    return slash < 0 ? { server: tool.slice(1) } : { server: tool.slice(1, slash), tool: tool.slice(slash + 1) };
  }
  // Gemini splits a fully qualified name at the first `_` after `mcp_`.
  const gemini = /^mcp_([^_]+)_(.+)$/s.exec(tool);
  if (gemini) return { server: gemini[1]!, tool: gemini[2]! };
  const legacy = tool.indexOf("__");
  if (legacy > 0) return { server: tool.slice(0, legacy), tool: tool.slice(legacy + 2) };
  return undefined;
}

function builtin(name: string, spec: string, match: ShellMatch, claude: boolean): Grant | undefined {
  if (SHELL.has(name)) {
    if (ANY_SPECIFIER.test(spec)) return critical("a whole shell: any command");
    if (spec.length > 1 && spec.startsWith("/") && spec.endsWith("/")) return high("a regular expression over commands, which can match more than it seems");
    if (spec.startsWith("args:")) return high("a pattern over the tool's arguments, which can match more than it seems");
    // VS Code's `matchCommandLine`: the pattern meets the whole line, so a chained `; curl … | sh` passes too.
    if (spec.endsWith(" [matchCommandLine]")) return high("matched against the whole command line, chained commands included");
    return commandGrant(spec, match);
  }
  if (Object.hasOwn(QUIET, name)) return medium(QUIET[name]!);
  if (WRITERS.has(name)) {
    if (spec.startsWith("args:/") && spec.endsWith("/")) return argsWriteGrant(spec.slice(6, -1));
    if (spec.startsWith("args:")) return high("a pattern over the tool's arguments this review cannot follow");
    // Roo Code's `fileRegex`: searched anywhere in the path, so `\.md$` is every Markdown file, AGENTS.md included.
    if (spec.startsWith("fileRegex:")) return high(`writes any file whose path matches ${q(spec.slice(10))}, in any folder: agent instructions and settings it matches included`);
    return globWriteGrant(spec, claude);
  }
  if (Object.hasOwn(NETWORK, name)) return high(NETWORK[name]!);
  return undefined;
}

export interface GradeOptions {
  /** How a bare shell specifier matches (default: exactly, as Claude Code's). */
  match?: ShellMatch;
  /** Paths in Claude Code's syntax (`//abs`, `/project-relative`); other clients read `/x` as absolute. */
  claudePaths?: boolean;
}

/** How much a tool grant (a rule string or a tool list entry) lets the agent do without asking. */
export function gradeTool(rule: string, opts: GradeOptions = {}): Grant {
  const parts = toolAndSpecifier(rule.trim());
  if (!parts) return high("a rule this review cannot read");
  const tool = parts.tool.trim();
  const spec = parts.spec.trim();
  const lower = tool.toLowerCase();
  if (EVERY.has(lower)) return critical("every tool");
  const match = opts.match ?? "exact";
  const claude = opts.claudePaths ?? true;
  const known = builtin(lower, spec, match, claude);
  if (known) return known;
  const slash = lower.indexOf("/");
  if (slash > 0 && !lower.startsWith("@")) {
    const group = lower.slice(0, slash);
    const rest = lower.slice(slash + 1);
    if (GROUPS.has(group)) return builtin(rest === "*" ? group : rest, spec, match, claude) ?? high(`${q(tool)}, a tool this review does not know`);
    return mcpGrant(tool.slice(0, slash), tool.slice(slash + 1));
  }
  const mcp = mcpName(tool);
  if (mcp) return mcpGrant(mcp.server, mcp.tool);
  // A bare name no table knows: a reader only when its name says so, as for MCP tools.
  const w = nameWords(tool);
  if (w.length > 1 && READ_VERBS.has(w[0]!) && !w.some((x) => ACT_VERBS.has(x))) return medium(`a tool whose name says it reads (${q(tool)})`);
  return high(`${q(tool)}, a tool this review does not know to be harmless`);
}

/** `Bash`, `Bash(*)`, `*`, `run_shell_command`, `mcp__*`: a grant covering any command or tool. */
export function isWildcardRule(rule: string): boolean {
  return gradeTool(rule).severity === "critical";
}
