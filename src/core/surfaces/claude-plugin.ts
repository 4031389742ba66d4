// Claude Code plugin manifests (`.claude-plugin/plugin.json`), Cursor's (`.cursor-plugin/plugin.json`:
// the same shape, plus `rules` and a list form of `mcpServers`) and the agent-plugins manifests Copilot
// reads (`plugins/*/plugin.json`, `.github/plugin/plugin.json`). Also exports the manifest helpers
// (bundles, inline MCP servers) that the Codex plugin and marketplace surfaces share.
import type { Capability, Client } from "../model.js";
import { mcpServerCapability, normalizeMcpServer } from "../mcp-server.js";
import { asString, isRecord, type LocatedDocument, type PathSegment } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { claudeStyleHooks, inlineHooks } from "./hooks-json.js";
import { withObject, type Surface } from "./types.js";

/** Manifest field → bundle name, per client. */
export const CLAUDE_BUNDLES: Record<string, string> = {
  commands: "commands",
  agents: "agents",
  skills: "skills",
  hooks: "hooks",
  mcpServers: "mcp",
  lspServers: "lsp",
};
export const CODEX_BUNDLES: Record<string, string> = { skills: "skills", mcpServers: "mcp", hooks: "hooks", apps: "apps" };
export const CURSOR_BUNDLES: Record<string, string> = { commands: "commands", agents: "agents", skills: "skills", rules: "rules", hooks: "hooks", mcpServers: "mcp" };

/** A component field counts when it names something: a path, a non-empty list or object. */
function present(v: unknown): boolean {
  if (typeof v === "string") return v.trim() !== "";
  if (Array.isArray(v)) return v.length > 0;
  if (isRecord(v)) return Object.keys(v).length > 0;
  return v === true;
}

/** Sorted bundle names declared by a manifest (or marketplace entry). */
export function bundlesOf(manifest: Record<string, unknown>, fields: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const [field, bundle] of Object.entries(fields)) if (present(manifest[field])) out.add(bundle);
  return [...out].sort();
}

/**
 * MCP servers written inline in a manifest: `{name: {...}}` or a `.mcp.json`-shaped `{mcpServers: {...}}`,
 * or a list of those and paths (Cursor). A path (to an `.mcp.json` file) yields nothing: those files
 * are parsed on their own.
 */
export function inlineMcpServers(path: string, client: Client, value: unknown, doc: LocatedDocument, basePath: PathSegment[], idPrefix = "mcpServers"): Capability[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => inlineMcpServers(path, client, item, doc, [...basePath, i], idPrefix));
  let map = value;
  let at = basePath;
  if (isRecord(value) && isRecord(value.mcpServers)) {
    map = value.mcpServers;
    at = [...basePath, "mcpServers"];
  }
  if (!isRecord(map)) return [];
  const out: Capability[] = [];
  for (const [name, raw] of Object.entries(map)) {
    if (!isRecord(raw)) continue;
    out.push(mcpServerCapability(path, `${idPrefix}.${name}`, doc.lineOf([...at, name]), normalizeMcpServer(name, raw, client)));
  }
  return out;
}

/** Inline hooks and MCP servers of a manifest or marketplace entry at `basePath`. */
export function inlineComponents(path: string, client: Client, obj: Record<string, unknown>, doc: LocatedDocument, basePath: PathSegment[], idPrefix = ""): Capability[] {
  const hooks = inlineHooks(obj.hooks, [...basePath, "hooks"]);
  return [
    ...inlineMcpServers(path, client, obj.mcpServers, doc, [...basePath, "mcpServers"], `${idPrefix}mcpServers`),
    ...claudeStyleHooks(path, client, hooks.map, doc, hooks.at, `${idPrefix}hooks`),
  ];
}

/** Name of the plugin: the manifest's, else its folder (the agent falls back the same way). */
export function pluginName(manifest: Record<string, unknown>, path: string): string {
  const declared = asString(manifest.name)?.trim();
  if (declared) return declared;
  const parts = path.split("/");
  // `<dir>/.claude-plugin/plugin.json`, `<dir>/plugin.json`, `<dir>/.github/plugin/plugin.json`.
  const up = /(^|\/)\.github\/plugin\//i.test(path) ? 4 : /(^|\/)\.(?:(?:claude|codex|cursor)-plugin|cursor)\//i.test(path) ? 3 : 2;
  return parts[parts.length - up] ?? "plugin";
}

/** The plugin capability plus inline components of one plugin manifest. */
export function manifestCapabilities(path: string, client: Client, manifest: Record<string, unknown>, doc: LocatedDocument, fields: Record<string, string>): Capability[] {
  const name = pluginName(manifest, path);
  const version = asString(manifest.version);
  const plugin: Capability = {
    kind: "plugin",
    // One manifest declares one plugin: keyed by its file, so a rename is a change of that plugin.
    key: `${path}#plugin`,
    path,
    line: doc.lineOf(["name"]),
    attrs: { name, client, declaredIn: "manifest", ...(version ? { version } : {}), bundles: bundlesOf(manifest, fields) },
  };
  return [plugin, ...inlineComponents(path, client, manifest, doc, [])];
}

/** Cursor documents `.cursor-plugin/plugin.json`; `.cursor/plugin.json` is seen in real plugin folders too. */
const CURSOR_MANIFEST = /(^|\/)\.cursor(?:-plugin)?\/plugin\.json$/i;

export const claudePlugin: Surface = {
  id: "claude-plugin",
  description: "Plugin manifests: Claude Code (.claude-plugin/plugin.json), Cursor (.cursor-plugin/plugin.json) and Copilot agent plugins (plugin.json)",
  patterns: ["**/.claude-plugin/plugin.json", "plugins/*/plugin.json", "**/.github/plugin/plugin.json", "**/.cursor-plugin/plugin.json", "**/.cursor/plugin.json"],
  parse({ path, text }) {
    return withObject(parseJson(path, text), path, "plugin.json", (doc, manifest) => {
      const cursor = CURSOR_MANIFEST.test(path);
      const client: Client = cursor ? "cursor" : /(^|\/)\.claude-plugin\//i.test(path) ? "claude" : "copilot";
      const caps = manifestCapabilities(path, client, manifest, doc, cursor ? CURSOR_BUNDLES : CLAUDE_BUNDLES);
      // Prompted values marked sensitive are credentials the plugin asks for: record their names only.
      if (isRecord(manifest.userConfig)) {
        const secret = Object.entries(manifest.userConfig)
          .filter(([, v]) => isRecord(v) && v.sensitive === true)
          .map(([k]) => k);
        if (secret.length) {
          caps.push({
            kind: "agent_setting",
            key: `${path}#userConfig`,
            path,
            line: doc.lineOf(["userConfig"]),
            attrs: { client, setting: "plugin.user_config", scope: pluginName(manifest, path), value: [...new Set(secret)].sort() },
          });
        }
      }
      return caps;
    });
  },
};
