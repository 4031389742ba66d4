import { fixture, lineOf } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { claudePlugin } from "../../src/core/surfaces/claude-plugin.js";
import { byKind, canon, find, reversed } from "./hooks-plugins-util.js";

describe("claude-plugin surface", () => {
  test("routes Claude and Copilot plugin manifests here", () => {
    for (const p of [".claude-plugin/plugin.json", "plugins/hookify/.claude-plugin/plugin.json", "plugins/arcade-canvas/plugin.json", ".github/plugin/plugin.json", "sub/.github/plugin/plugin.json"]) {
      expect(surfaceFor(p)?.id).toBe("claude-plugin");
    }
  });

  test("metadata-only manifest: one plugin, no bundles declared (words in the description are no bundle)", () => {
    const path = "plugins/lint-guard-plugin/.claude-plugin/plugin.json";
    const text = fixture("claude-plugin/metadata-only-plugin.json");
    const r = claudePlugin.parse({ path, text });
    expect(r).toEqual({
      problems: [],
      capabilities: [
        {
          kind: "plugin",
          // The declared name wins over the folder name.
          key: `${path}#plugin`,
          path,
          line: lineOf(text, '"name": "lint-guard"'),
          attrs: { name: "lint-guard", client: "claude", declaredIn: "manifest", version: "0.4.2", bundles: [] },
        },
      ],
    });
  });

  test("manifest with no version and an author object", () => {
    const path = "external_plugins/issue-desk/.claude-plugin/plugin.json";
    const text = fixture("claude-plugin/no-version-plugin.json");
    const r = claudePlugin.parse({ path, text });
    expect(r.problems).toEqual([]);
    expect(r.capabilities).toHaveLength(1);
    expect(r.capabilities[0]).toMatchObject({ kind: "plugin", key: `${path}#plugin`, line: lineOf(text, '"name": "issue-desk"'), attrs: { name: "issue-desk", client: "claude", bundles: [] } });
    expect(r.capabilities[0]!.attrs).not.toHaveProperty("version");
  });

  test("Copilot agent-plugin manifest ($schema first, nested extensions) is client copilot", () => {
    const path = "plugins/focus-timer/plugin.json";
    const text = fixture("claude-plugin/copilot-agent-plugin.json");
    expect(Object.keys(JSON.parse(text))[0]).toBe("$schema");
    const r = claudePlugin.parse({ path, text });
    expect(r.problems).toEqual([]);
    // The nested `extensions` lists (canvas paths) are no bundle of their own.
    expect(r.capabilities).toEqual([
      { kind: "plugin", key: `${path}#plugin`, path, line: lineOf(text, '"name": "focus-timer"'), attrs: { name: "focus-timer", client: "copilot", declaredIn: "manifest", version: "0.6.0", bundles: [] } },
    ]);
    expect(r.capabilities[0]!.line).toBe(3);
    // The same manifest read under `.github/plugin/` is still Copilot's.
    const gh = claudePlugin.parse({ path: ".github/plugin/plugin.json", text });
    expect(gh.capabilities).toEqual([expect.objectContaining({ key: ".github/plugin/plugin.json#plugin", attrs: expect.objectContaining({ client: "copilot" }) })]);
  });

  const inline = () => claudePlugin.parse({ path: "plugins/inline/.claude-plugin/plugin.json", text: fixture("claude-plugin/inline-plugin.json") });

  test("inline components: bundles, MCP servers, hooks, sensitive userConfig names", () => {
    const r = inline();
    expect(r.problems).toEqual([]);
    const [plugin] = byKind(r.capabilities, "plugin");
    expect(plugin!.attrs.bundles).toEqual(["commands", "hooks", "lsp", "mcp"]);
    expect(plugin!.attrs.version).toBe("2.0.0");
    const mcp = byKind(r.capabilities, "mcp_server");
    expect(mcp.map((m) => m.key).sort()).toEqual(["plugins/inline/.claude-plugin/plugin.json#mcpServers.db", "plugins/inline/.claude-plugin/plugin.json#mcpServers.remote"]);
    const db = find(r.capabilities, "#mcpServers.db");
    expect(db.line).toBe(7);
    expect(db.attrs).toMatchObject({ client: "claude", command: "npx", env: ["DB_PASSWORD"], package: { runner: "npx", name: "@acme/db-mcp", version: "latest", pinned: false } });
    expect(find(r.capabilities, "#mcpServers.remote").attrs).toMatchObject({ transport: "http", host: "mcp.acme.dev", headers: ["Authorization"] });
    const hook = find(r.capabilities, "#hooks.PostToolUse[Write].${CLAUDE_PLUGIN_ROOT}/fmt.sh");
    expect(hook).toMatchObject({ line: 17, slot: "plugins/inline/.claude-plugin/plugin.json#hooks.PostToolUse[Write]", attrs: { client: "claude", type: "command" } });
    const uc = byKind(r.capabilities, "agent_setting");
    expect(uc).toEqual([
      { kind: "agent_setting", key: "plugins/inline/.claude-plugin/plugin.json#userConfig", path: "plugins/inline/.claude-plugin/plugin.json", line: 21, attrs: { client: "claude", setting: "plugin.user_config", scope: "inline-tools", value: ["api_key", "db_password"] } },
    ]);
    expect(JSON.stringify(r)).not.toContain("ACME_TOKEN}");
  });

  test("bare event map under `hooks` and path-valued components", () => {
    const r = claudePlugin.parse({ path: ".claude-plugin/plugin.json", text: fixture("claude-plugin/bare-hooks-plugin.json") });
    expect(byKind(r.capabilities, "plugin")[0]!.attrs.bundles).toEqual(["agents", "hooks", "mcp"]);
    expect(find(r.capabilities, "#hooks.Stop[*]../stop.sh").attrs).toMatchObject({ command: "./stop.sh" });
    expect(byKind(r.capabilities, "mcp_server")).toEqual([]);
  });

  test("reordering keys changes nothing", () => {
    const file = { path: "plugins/inline/.claude-plugin/plugin.json", text: fixture("claude-plugin/inline-plugin.json") };
    expect(canon(claudePlugin.parse({ ...file, text: reversed(file.text) }).capabilities)).toBe(canon(inline().capabilities));
  });

  test("malformed input", () => {
    const bad = claudePlugin.parse({ path: ".claude-plugin/plugin.json", text: '{\n  "name": "x",\n  "version": 1.0.0\n}' });
    expect(bad.problems[0]).toMatchObject({ rule: "file.parse-error", line: 3 });
    expect(claudePlugin.parse({ path: ".claude-plugin/plugin.json", text: '["x"]' }).problems[0]).toMatchObject({ rule: "file.parse-error", line: 1 });
    const weird = claudePlugin.parse({ path: ".claude-plugin/plugin.json", text: '{"name": 5, "mcpServers": null, "hooks": "x", "userConfig": [1], "commands": {"a": {"args": 5}}}' });
    expect(weird.problems).toEqual([]);
    // No name: the agent falls back to the folder; at the repository root there is none.
    expect(byKind(weird.capabilities, "plugin")[0]!.attrs).toMatchObject({ name: "plugin", bundles: ["commands", "hooks"] });
    const srv = claudePlugin.parse({ path: "p/.claude-plugin/plugin.json", text: '{"mcpServers": {"s": {"command": "x", "args": 5}, "t": null}}' });
    expect(srv.capabilities.map((c) => c.key)).toEqual(["p/.claude-plugin/plugin.json#plugin", "p/.claude-plugin/plugin.json#mcpServers.s"]);
  });
});
