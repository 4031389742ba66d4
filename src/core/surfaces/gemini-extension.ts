// Gemini CLI extension manifest `gemini-extension.json`: the extension itself (a plugin), the MCP
// servers it starts and the tools it excludes.
import type { Capability, ParseResult, PluginAttrs } from "../model.js";
import { asString, isRecord } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { merge, serverMap } from "./mcp-json.js";
import { permissionRules } from "./gemini-settings.js";
import { shapeProblem, typeName, withObject, type SourceFile, type Surface } from "./types.js";

function parse(file: SourceFile): ParseResult {
  const { path } = file;
  return withObject(parseJson(path, file.text, { jsonc: true }), path, "a Gemini extension manifest", (doc, top) => {
    const servers = serverMap(doc, path, top.mcpServers, ["mcpServers"], "mcpServers", "gemini");

    const bundles: string[] = [];
    if (isRecord(top.mcpServers) && Object.keys(top.mcpServers).length > 0) bundles.push("mcp");
    const context = top.contextFileName;
    if ((typeof context === "string" && context !== "") || (Array.isArray(context) && context.length > 0)) bundles.push("context");
    const name = asString(top.name) ?? path.split("/").slice(-2, -1)[0] ?? "extension";
    const attrs: PluginAttrs = { name, client: "gemini", declaredIn: "manifest", bundles: bundles.sort() };
    const version = asString(top.version);
    if (version) attrs.version = version;
    // Keyed by its file like the other plugin manifests: a rename or a version bump is a change of the same plugin.
    const plugin: Capability = { kind: "plugin", key: `${path}#plugin`, path, line: doc.lineOf(top.name === undefined ? [] : ["name"]), attrs };

    const excluded: ParseResult = { capabilities: [], problems: [] };
    if (Array.isArray(top.excludeTools)) {
      excluded.capabilities.push(...permissionRules(doc, path, top.excludeTools, ["excludeTools"], "deny", "gemini"));
    } else if (top.excludeTools !== undefined && top.excludeTools !== null) {
      excluded.problems.push(shapeProblem(path, doc.lineOf(["excludeTools"]), `\`excludeTools\` must be an array, found ${typeName(top.excludeTools)}`));
    }
    return merge({ capabilities: [plugin], problems: [] }, servers, excluded);
  });
}

export const geminiExtension: Surface = {
  id: "gemini-extension",
  description: "Gemini CLI extension manifest (gemini-extension.json): the extension, its MCP servers and excluded tools",
  patterns: ["**/gemini-extension.json"],
  parse,
};
