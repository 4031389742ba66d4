// JSON MCP configs: Claude `.mcp.json` (wrapped or not), `.claude/mcp.json`, Cursor, Kiro, Amazon Q,
// Roo and VS Code (`servers` + `inputs`). Also exports the helpers the other MCP dialects share.
import { foldCase } from "../globs.js";
import type { Capability, Client, ParseResult } from "../model.js";
import { mcpServerCapability, normalizeMcpServer } from "../mcp-server.js";
import { isRecord, type LocatedDocument, type PathSegment } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { shapeProblem, typeName, withObject, type SourceFile, type Surface } from "./types.js";

/** Keys that mark an object as a server entry when `.mcp.json` has no `mcpServers` wrapper. */
const SERVER_KEYS = ["command", "url", "type", "httpUrl", "serverUrl", "transport"];

export function looksLikeServer(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && SERVER_KEYS.some((k) => value[k] !== undefined);
}

/**
 * MCP servers of a `{name: {...}}` map at `at`. `id` prefixes the key (`mcpServers`, `servers`...).
 * A map of the wrong type is a problem at its line; entries that are not objects are ignored.
 */
export function serverMap(
  doc: LocatedDocument,
  path: string,
  container: unknown,
  at: PathSegment[],
  id: string,
  client: Client,
  keep: (value: unknown) => boolean = isRecord,
  secretInputs?: ReadonlySet<string>,
): ParseResult {
  if (container === undefined || container === null) return { capabilities: [], problems: [] };
  if (!isRecord(container)) {
    return { capabilities: [], problems: [shapeProblem(path, doc.lineOf(at), `\`${at.join(".")}\` must be an object of servers, found ${typeName(container)}`)] };
  }
  const capabilities: Capability[] = [];
  for (const [name, raw] of Object.entries(container)) {
    if (!keep(raw) || !isRecord(raw)) continue;
    capabilities.push(mcpServerCapability(path, `${id}.${name}`, doc.lineOf([...at, name]), normalizeMcpServer(name, raw, client, secretInputs)));
  }
  return { capabilities, problems: [] };
}

/** Concatenate partial results. */
export function merge(...parts: ParseResult[]): ParseResult {
  return {
    capabilities: parts.flatMap((p) => p.capabilities),
    problems: parts.flatMap((p) => p.problems),
  };
}


function clientOf(path: string): Client {
  // Folded: `.VSCode/mcp.json` is VS Code's file on a case-insensitive checkout.
  const parts = foldCase(path).split("/");
  const dir = parts[parts.length - 2] ?? "";
  const parent = parts[parts.length - 3] ?? "";
  if (parts[parts.length - 1] === ".mcp.json" || dir === ".claude") return "claude";
  if (dir === ".cursor") return "cursor";
  if (dir === ".vscode") return "vscode";
  if (dir === ".amazonq") return "amazonq";
  if (dir === "settings" && parent === ".kiro") return "kiro";
  // Roo Code has no client id of its own; it is a Cline fork but a different product.
  return "generic";
}

function parse(file: SourceFile): ParseResult {
  const { path } = file;
  return withObject(parseJson(path, file.text, { jsonc: true }), path, "an MCP config", (doc, top) => {
    const client = clientOf(path);
    if (client === "vscode") {
      const servers = serverMap(doc, path, top.servers, ["servers"], "servers", client, isRecord, passwordInputs(top.inputs));
      return merge(servers, vscodeInputs(doc, path, top.inputs));
    }
    if ("mcpServers" in top) return merge(serverMap(doc, path, top.mcpServers, ["mcpServers"], "mcpServers", client));
    // Claude plugin roots may drop the wrapper: the top level is then the server map itself.
    // The key stays `mcpServers.<name>` so adding or removing the wrapper is no change.
    return merge(serverMap(doc, path, top, [], "mcpServers", client, looksLikeServer));
  });
}

/** Ids of the `password: true` inputs: what `${input:id}` hands a server is then a secret. */
export function passwordInputs(inputs: unknown): ReadonlySet<string> {
  if (!Array.isArray(inputs)) return new Set();
  return new Set(inputs.flatMap((i) => (isRecord(i) && i.password === true && typeof i.id === "string" ? [i.id] : [])));
}

/** VS Code `inputs`: prompted values; a `password: true` input is a secret handed to a server. */
export function vscodeInputs(doc: LocatedDocument, path: string, inputs: unknown, at: PathSegment[] = ["inputs"]): ParseResult {
  if (inputs === undefined || inputs === null) return { capabilities: [], problems: [] };
  if (!Array.isArray(inputs)) {
    return { capabilities: [], problems: [shapeProblem(path, doc.lineOf(at), `\`${at.join(".")}\` must be an array, found ${typeName(inputs)}`)] };
  }
  const capabilities: Capability[] = [];
  inputs.forEach((input, i) => {
    if (!isRecord(input) || input.password !== true || typeof input.id !== "string") return;
    capabilities.push({
      kind: "agent_setting",
      key: `${path}#inputs.${input.id}`,
      path,
      line: doc.lineOf([...at, i]),
      attrs: { client: "vscode", setting: "input", value: { id: input.id, password: true } },
    });
  });
  return { capabilities, problems: [] };
}

export const mcpJson: Surface = {
  id: "mcp-json",
  description: "JSON MCP server configs: Claude .mcp.json, Cursor, VS Code, Kiro, Amazon Q, Roo",
  patterns: [
    "**/.mcp.json",
    "**/.claude/mcp.json",
    "**/.cursor/mcp.json",
    "**/.vscode/mcp.json",
    "**/.kiro/settings/mcp.json",
    "**/.amazonq/mcp.json",
    "**/.roo/mcp.json",
  ],
  parse,
};
