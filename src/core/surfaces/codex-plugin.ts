// Codex plugin manifests (`.codex-plugin/plugin.json`) and the plugin-root `.app.json`, which binds
// hosted ChatGPT connectors (apps) to the plugin.
import type { Capability } from "../model.js";
import { asString, isRecord } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { CODEX_BUNDLES, manifestCapabilities } from "./claude-plugin.js";
import { sortedStrings } from "./settings-helpers.js";
import { shapeProblem, withObject, type Surface } from "./types.js";

/**
 * `.app.json`: `{"apps": {"<name>": {"id": "asdk_app_…", "capabilities": ["read", "write"]}}}` → one
 * `app.connector` setting per app: the hosted connector it binds and what it declares it may do.
 */
function appCapabilities(path: string, root: Record<string, unknown>, lineOf: (p: (string | number)[]) => number): Capability[] {
  if (!isRecord(root.apps)) return [];
  const out: Capability[] = [];
  for (const [name, app] of Object.entries(root.apps)) {
    if (!isRecord(app)) continue;
    out.push({
      kind: "agent_setting",
      key: `${path}#apps.${name}`,
      path,
      line: lineOf(["apps", name]),
      attrs: { client: "codex", setting: "app.connector", scope: name, value: { id: asString(app.id) ?? null, capabilities: sortedStrings(app.capabilities) ?? [] } },
    });
  }
  return out;
}

export const codexPlugin: Surface = {
  id: "codex-plugin",
  description: "Codex plugin manifest (.codex-plugin/plugin.json) and plugin-root app bindings (.app.json)",
  patterns: ["**/.codex-plugin/plugin.json", "**/.app.json"],
  parse({ path, text }) {
    const isApps = /(^|\/)\.app\.json$/i.test(path);
    return withObject(parseJson(path, text), path, isApps ? ".app.json" : "plugin.json", (doc, root) => {
      if (isApps) {
        if (root.apps !== undefined && !isRecord(root.apps)) {
          return { capabilities: [], problems: [shapeProblem(path, doc.lineOf(["apps"]), "`apps` must be an object of app names")] };
        }
        return appCapabilities(path, root, doc.lineOf);
      }
      // `interface.capabilities` (Read/Write/Interactive) is marketing copy, not a grant: not tracked.
      return manifestCapabilities(path, "codex", root, doc, CODEX_BUNDLES);
    });
  },
};
