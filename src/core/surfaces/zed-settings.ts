// Zed project settings `.zed/settings.json` (JSONC): context (MCP) servers and the agent's
// approval switch.
import type { Capability, Json, ParseResult } from "../model.js";
import { isRecord } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { merge, serverMap } from "./mcp-json.js";
import { withObject, type SourceFile, type Surface } from "./types.js";

function parse(file: SourceFile): ParseResult {
  const { path } = file;
  return withObject(parseJson(path, file.text, { jsonc: true }), path, "Zed settings", (doc, top) => {
    const settings: Capability[] = [];
    // `assistant` is the section's name before Zed renamed it to `agent`.
    for (const section of ["agent", "assistant"]) {
      const s = top[section];
      if (!isRecord(s)) continue;
      const v = s.always_allow_tool_actions;
      if (v === undefined || isRecord(v) || Array.isArray(v)) continue;
      const at = [section, "always_allow_tool_actions"];
      settings.push({
        kind: "agent_setting",
        key: `${path}#${at.join(".")}`,
        path,
        line: doc.lineOf(at),
        attrs: { client: "zed", setting: "agent.always_allow_tool_actions", value: v as Json },
      });
    }
    return merge(serverMap(doc, path, top.context_servers, ["context_servers"], "context_servers", "zed"), { capabilities: settings, problems: [] });
  });
}

export const zedSettings: Surface = {
  id: "zed-settings",
  description: "Zed project settings (.zed/settings.json): context servers and agent auto-approval",
  patterns: ["**/.zed/settings.json"],
  parse,
};
