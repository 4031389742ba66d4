// Claude and Copilot plugin manifests from public repositories (moved from test/surfaces/claude-plugin.test.ts).
import { claudePlugin } from "../../src/core/surfaces/claude-plugin.js";
import { corpusFile } from "./files.js";

describe("claude-plugin surface", () => {
  test("hookify manifest: one plugin, no bundles declared", () => {
    const r = claudePlugin.parse(corpusFile("anthropics__claude-code/plugins/hookify/.claude-plugin/plugin.json"));
    expect(r).toEqual({
      problems: [],
      capabilities: [
        {
          kind: "plugin",
          key: "plugins/hookify/.claude-plugin/plugin.json#plugin",
          path: "plugins/hookify/.claude-plugin/plugin.json",
          line: 2,
          attrs: { name: "hookify", client: "claude", declaredIn: "manifest", version: "0.1.0", bundles: [] },
        },
      ],
    });
  });

  test("official github plugin manifest", () => {
    const r = claudePlugin.parse(corpusFile("anthropics__claude-plugins-official/external_plugins/github/.claude-plugin/plugin.json"));
    expect(r.problems).toEqual([]);
    expect(r.capabilities).toHaveLength(1);
    expect(r.capabilities[0]).toMatchObject({ key: "external_plugins/github/.claude-plugin/plugin.json#plugin", line: 2, attrs: { name: "github", client: "claude" } });
    expect(r.capabilities[0]!.attrs).not.toHaveProperty("version");
  });

  test("Copilot agent-plugin manifest (arcade-canvas) is client copilot", () => {
    const r = claudePlugin.parse(corpusFile("github__awesome-copilot/plugins/arcade-canvas/plugin.json"));
    expect(r.problems).toEqual([]);
    expect(r.capabilities).toEqual([
      { kind: "plugin", key: "plugins/arcade-canvas/plugin.json#plugin", path: "plugins/arcade-canvas/plugin.json", line: 3, attrs: { name: "arcade-canvas", client: "copilot", declaredIn: "manifest", version: "1.0.2", bundles: [] } },
    ]);
  });
});
