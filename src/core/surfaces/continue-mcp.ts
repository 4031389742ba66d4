// Continue MCP blocks `.continue/mcpServers/*.yaml|yml|json`: a YAML block with a list of servers,
// or a JSON file in another client's `{mcpServers: {name: {...}}}` shape (Continue reads both).
import type { Capability, ParseResult } from "../model.js";
import { mcpServerCapability, normalizeMcpServer } from "../mcp-server.js";
import { asString, isRecord } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { parseYaml } from "../parse/yaml.js";
import { looksLikeServer, serverMap } from "./mcp-json.js";
import { shapeProblem, typeName, withDocument, type SourceFile, type Surface } from "./types.js";

function parse(file: SourceFile): ParseResult {
  const { path } = file;
  const parsed = /\.json$/i.test(path) ? parseJson(path, file.text, { jsonc: true }) : parseYaml(path, file.text);
  return withDocument(parsed, (doc) => {
    if (doc.value === null || doc.value === undefined) return []; // an empty YAML file
    if (!isRecord(doc.value)) {
      return { capabilities: [], problems: [shapeProblem(path, doc.lineOf([]), `a Continue MCP block must be a mapping at the top level, found ${typeName(doc.value)}`)] };
    }
    const servers = doc.value.mcpServers;
    if (servers === undefined || servers === null) {
      // JSON copied from a client that writes the server map at the top level.
      return /\.json$/i.test(path) ? serverMap(doc, path, doc.value, [], "mcpServers", "continue", looksLikeServer) : [];
    }
    if (isRecord(servers)) return serverMap(doc, path, servers, ["mcpServers"], "mcpServers", "continue");
    if (!Array.isArray(servers)) {
      return { capabilities: [], problems: [shapeProblem(path, doc.lineOf(["mcpServers"]), `\`mcpServers\` must be a list of servers, found ${typeName(servers)}`)] };
    }
    const caps: Capability[] = [];
    servers.forEach((raw, i) => {
      if (!isRecord(raw)) return;
      // Keyed by name so that reordering the list is no change; a hub reference (`uses:`) names itself.
      const name = asString(raw.name) ?? asString(raw.uses) ?? `#${i}`;
      caps.push(mcpServerCapability(path, `mcpServers.${name}`, doc.lineOf(["mcpServers", i]), normalizeMcpServer(name, raw, "continue")));
    });
    return caps;
  });
}

export const continueMcp: Surface = {
  id: "continue-mcp",
  description: "Continue MCP server blocks (.continue/mcpServers/*.yaml|json)",
  patterns: ["**/.continue/mcpServers/*.yaml", "**/.continue/mcpServers/*.yml", "**/.continue/mcpServers/*.json"],
  parse,
};
