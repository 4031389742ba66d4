// VS Code workspace settings (`.vscode/settings.json`, JSONC): MCP servers under `mcp.servers` (the
// place they lived before `.vscode/mcp.json`, still read), the chat agent's auto-approval switches
// (every tool, terminal commands, URLs, edits) as allow/deny rules, and the settings that pull more
// files or servers into the agent (instruction and prompt locations, MCP discovery). Editor
// settings are not capabilities and give nothing.
import type { Capability, Json, ParseResult, PermissionRuleAttrs } from "../model.js";
import { canonicalJson } from "../canonical.js";
import { isRecord, type LocatedDocument } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { hiddenDigestOf } from "../secrets.js";
import { merge, passwordInputs, serverMap, vscodeInputs } from "./mcp-json.js";
import { sha256 } from "./hooks-json.js";
import { withObject, type SourceFile, type Surface } from "./types.js";

/** Switches that approve every tool call without asking. */
const APPROVE_ALL = ["chat.tools.autoApprove", "chat.tools.global.autoApprove"];
/** Maps of pattern → approve (true) or refuse (false), and the tool they approve. */
const APPROVE_MAPS: [setting: string, tool: string][] = [
  ["chat.tools.terminal.autoApprove", "terminal"],
  ["chat.agent.terminal.autoApprove", "terminal"],
  ["chat.agent.terminal.allowList", "terminal"],
  ["chat.tools.urls.autoApprove", "fetch"],
  ["chat.tools.edits.autoApprove", "edit"],
];
/** Settings that add files, folders or servers to what the agent loads: tracked by digest of their value. */
const LOADER_NAMES = /^chat\.(instructionsFilesLocations|promptFilesLocations|modeFilesLocations|agentFilesLocations|agentSkillsLocations|mcp\.discovery\.enabled|mcp\.autostart|useAgentsMdFile|useNestedAgentsMdFiles|useClaudeMdFile)$/;
const COPILOT_CHAT = "github.copilot.chat.";
/**
 * Those settings, and any `github.copilot.chat.*instructions*` (one line): tested piece by piece, as
 * `^github\.copilot\.chat\..*[iI]nstructions.*$` was quadratic on a long key ending in a line break.
 */
const isLoader = (setting: string): boolean =>
  LOADER_NAMES.test(setting) || (setting.startsWith(COPILOT_CHAT) && /[iI]nstructions/.test(setting.slice(COPILOT_CHAT.length)) && !/[\n\r\u2028\u2029]/.test(setting));
/** A terminal pattern that matches any command: approving it approves everything. */
const ANY = /^(\*|\/\^?\.[*+]\$?\/[a-z]*|\/\[\\s\\S\][*+]\/[a-z]*)$/;

function rule(path: string, doc: LocatedDocument, setting: string, list: "allow" | "deny", text: string, at: string[], hidden?: string): Capability {
  // Fields of an entry this parser does not model still bind the approval: by digest, never shown.
  const attrs: PermissionRuleAttrs & { hiddenDigest?: string } = { client: "vscode", list, rule: text, scope: setting, ...(hidden ? { hiddenDigest: hidden } : {}) };
  return { kind: "permission_rule", key: `${path}#${setting}.${list}.${text}`, path, line: doc.lineOf(at), attrs };
}

/**
 * An object entry's fields besides `approve`: `matchCommandLine: true` on a terminal entry matches
 * the pattern against the whole command line instead of each sub-command (`npm test; curl … | sh`
 * passes `/^npm test/`), so it is part of the rule; `false` is the default. Anything else, by digest.
 */
function entryFields(tool: string, v: Record<string, unknown>): { wholeLine: boolean; hidden?: string } {
  const { approve: _approve, ...rest } = v;
  let wholeLine = false;
  if (tool === "terminal" && typeof rest.matchCommandLine === "boolean") {
    wholeLine = rest.matchCommandLine;
    delete rest.matchCommandLine;
  }
  return Object.keys(rest).length ? { wholeLine, hidden: hiddenDigestOf(rest) } : { wholeLine };
}

function approvals(path: string, doc: LocatedDocument, top: Record<string, unknown>): Capability[] {
  const out: Capability[] = [];
  for (const setting of APPROVE_ALL) if (top[setting] === true) out.push(rule(path, doc, setting, "allow", "*", [setting]));
  for (const [setting, tool] of APPROVE_MAPS) {
    const map = top[setting];
    if (!isRecord(map)) continue;
    for (const [pattern, v] of Object.entries(map)) {
      const approve = isRecord(v) ? v.approve : v;
      if (typeof approve !== "boolean") continue;
      const { wholeLine, hidden } = isRecord(v) ? entryFields(tool, v) : { wholeLine: false };
      // A pattern matching any command matches any command line too: still `terminal(*)`.
      const text = tool === "terminal" && ANY.test(pattern.trim()) ? `${tool}(*)` : `${tool}(${pattern}${wholeLine ? " [matchCommandLine]" : ""})`;
      out.push(rule(path, doc, setting, approve ? "allow" : "deny", text, [setting, pattern], hidden));
    }
  }
  return out;
}

function parse(file: SourceFile): ParseResult {
  const { path } = file;
  return withObject(parseJson(path, file.text, { jsonc: true }), path, "VS Code settings", (doc, top) => {
    const mcp = isRecord(top.mcp) ? top.mcp : {};
    const settings: Capability[] = [];
    for (const [setting, value] of Object.entries(top)) {
      if (!isLoader(setting)) continue;
      // Booleans are shown; lists of paths and instruction texts only by digest (they may quote anything).
      const shown: Json = typeof value === "boolean" ? value : `sha256:${sha256(canonicalJson(value))}`;
      settings.push({ kind: "agent_setting", key: `${path}#${setting}`, path, line: doc.lineOf([setting]), attrs: { client: "vscode", setting, value: shown } });
    }
    // `${input:id}` of a password input is a secret handed to the server.
    const secret = passwordInputs(mcp.inputs);
    return merge(
      serverMap(doc, path, mcp.servers, ["mcp", "servers"], "mcp.servers", "vscode", isRecord, secret),
      serverMap(doc, path, top["mcp.servers"], ["mcp.servers"], "mcp.servers", "vscode", isRecord, secret),
      vscodeInputs(doc, path, mcp.inputs, ["mcp", "inputs"]),
      { capabilities: [...approvals(path, doc, top), ...settings], problems: [] },
    );
  });
}

export const vscodeSettings: Surface = {
  id: "vscode-settings",
  description: "VS Code workspace settings (.vscode/settings.json): MCP servers, chat auto-approval, instruction and MCP discovery settings",
  patterns: ["**/.vscode/settings.json"],
  parse,
};
