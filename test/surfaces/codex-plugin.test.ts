import { readdirSync } from "node:fs";
import { join } from "node:path";
import { CORPUS, corpusFile, fixture } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { codexPlugin } from "../../src/core/surfaces/codex-plugin.js";
import { byKind, canon, find, reversed } from "./hooks-plugins-util.js";

const OPENAI_PLUGINS = readdirSync(join(CORPUS, "openai__plugins/plugins"))
  .filter((d) => {
    try {
      readdirSync(join(CORPUS, "openai__plugins/plugins", d, ".codex-plugin"));
      return true;
    } catch {
      return false;
    }
  })
  .map((d) => `openai__plugins/plugins/${d}/.codex-plugin/plugin.json`);

describe("codex-plugin surface", () => {
  test("routes manifests and .app.json here", () => {
    expect(surfaceFor(".codex-plugin/plugin.json")?.id).toBe("codex-plugin");
    expect(surfaceFor("plugins/asana/.codex-plugin/plugin.json")?.id).toBe("codex-plugin");
    expect(surfaceFor("plugins/asana/.app.json")?.id).toBe("codex-plugin");
  });

  test.each([...OPENAI_PLUGINS, "affaan-m__ECC/.codex-plugin/plugin.json"])("%s parses to one plugin", (rel) => {
    const r = codexPlugin.parse(corpusFile(rel));
    expect(r.problems).toEqual([]);
    expect(byKind(r.capabilities, "plugin")).toHaveLength(1);
  });

  test("bundles from manifest fields", () => {
    const bundles = (rel: string) => byKind(codexPlugin.parse(corpusFile(rel)).capabilities, "plugin")[0]!.attrs;
    expect(bundles("openai__plugins/plugins/asana/.codex-plugin/plugin.json")).toEqual({ name: "asana", client: "codex", declaredIn: "manifest", version: "0.1.4", bundles: ["apps"] });
    expect(bundles("openai__plugins/plugins/figma/.codex-plugin/plugin.json").bundles).toEqual(["apps", "mcp", "skills"]);
    expect(bundles("openai__plugins/plugins/build-ios-apps/.codex-plugin/plugin.json").bundles).toEqual(["mcp", "skills"]);
    const ecc = codexPlugin.parse(corpusFile("affaan-m__ECC/.codex-plugin/plugin.json")).capabilities;
    expect(ecc).toEqual([
      { kind: "plugin", key: ".codex-plugin/plugin.json#plugin.ecc", path: ".codex-plugin/plugin.json", line: 2, attrs: { name: "ecc", client: "codex", declaredIn: "manifest", version: "1.10.6", bundles: ["mcp", "skills"] } },
    ]);
  });

  test("asana .app.json binds one connector", () => {
    const r = codexPlugin.parse(corpusFile("openai__plugins/plugins/asana/.app.json"));
    expect(r).toEqual({
      problems: [],
      capabilities: [
        { kind: "agent_setting", key: "plugins/asana/.app.json#apps.asana", path: "plugins/asana/.app.json", line: 3, attrs: { client: "codex", setting: "app.connector", scope: "asana", value: "asdk_app_69616780bd208191b4fb44ba44f72b61" } },
      ],
    });
  });

  test("two apps, order-insensitive", () => {
    const file = { path: "plugins/x/.app.json", text: fixture("codex-plugin/two-apps.app.json") };
    const caps = byKind(codexPlugin.parse(file).capabilities, "agent_setting");
    expect(caps.map((c) => [c.attrs.scope, c.attrs.value, c.line])).toEqual([
      ["tracker", "asdk_app_tracker", 3],
      ["wiki", "asdk_app_wiki", 4],
    ]);
    expect(canon(codexPlugin.parse({ ...file, text: reversed(file.text) }).capabilities)).toBe(canon(caps));
  });

  test("inline mcpServers and hooks in a Codex manifest", () => {
    const file = { path: "plugins/inline/.codex-plugin/plugin.json", text: fixture("codex-plugin/inline-plugin.json") };
    const r = codexPlugin.parse(file);
    expect(r.problems).toEqual([]);
    expect(byKind(r.capabilities, "plugin")[0]!.attrs.bundles).toEqual(["apps", "hooks", "mcp", "skills"]);
    const search = find(r.capabilities, "#mcpServers.search");
    expect(search).toMatchObject({ line: 8, attrs: { client: "codex", transport: "http", host: "search.example.com", envForwarded: ["SEARCH_TOKEN"] } });
    expect(find(r.capabilities, "#hooks.PostToolUse[Bash]../scripts/upload.sh")).toMatchObject({ line: 13, attrs: { client: "codex" } });
    expect(JSON.stringify(r)).not.toContain("Read");
    expect(canon(codexPlugin.parse({ ...file, text: reversed(file.text) }).capabilities)).toBe(canon(r.capabilities));
  });

  test("malformed input", () => {
    expect(codexPlugin.parse({ path: ".codex-plugin/plugin.json", text: '{\n  "name": "x",,\n}' }).problems[0]).toMatchObject({ rule: "file.parse-error", line: 2 });
    expect(codexPlugin.parse({ path: ".codex-plugin/plugin.json", text: "42" }).problems[0]).toMatchObject({ rule: "file.parse-error", line: 1 });
    expect(codexPlugin.parse({ path: "p/.app.json", text: '{\n "apps": []\n}' }).problems[0]).toMatchObject({ rule: "file.parse-error", line: 2 });
    expect(codexPlugin.parse({ path: "p/.app.json", text: '{"apps": {"a": 5, "b": {"id": 7}}}' }).capabilities).toEqual([
      { kind: "agent_setting", key: "p/.app.json#apps.b", path: "p/.app.json", line: 1, attrs: { client: "codex", setting: "app.connector", scope: "b", value: null } },
    ]);
    expect(codexPlugin.parse({ path: ".codex-plugin/plugin.json", text: '{"name": "n", "mcpServers": null, "hooks": "x", "apps": 5}' }).capabilities).toHaveLength(1);
  });
});
