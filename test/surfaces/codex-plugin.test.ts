import { fixture, lineOf } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { codexPlugin } from "../../src/core/surfaces/codex-plugin.js";
import { byKind, canon, find, reversed } from "./hooks-plugins-util.js";

describe("codex-plugin surface", () => {
  test("routes manifests and .app.json here", () => {
    expect(surfaceFor(".codex-plugin/plugin.json")?.id).toBe("codex-plugin");
    expect(surfaceFor("plugins/asana/.codex-plugin/plugin.json")?.id).toBe("codex-plugin");
    expect(surfaceFor("plugins/asana/.app.json")?.id).toBe("codex-plugin");
  });

  const MANIFESTS: Record<string, string> = {
    connector: "plugins/fieldnotes/.codex-plugin/plugin.json",
    design: "plugins/sketchpad/.codex-plugin/plugin.json",
    mobile: "plugins/pocket-builds/.codex-plugin/plugin.json",
    root: ".codex-plugin/plugin.json",
  };
  const manifest = (name: string) => ({ path: MANIFESTS[name]!, text: fixture(`codex-plugin/${name}-plugin.json`) });

  test.each(Object.keys(MANIFESTS))("%s manifest parses to one plugin", (name) => {
    const r = codexPlugin.parse(manifest(name));
    expect(r.problems).toEqual([]);
    expect(byKind(r.capabilities, "plugin")).toHaveLength(1);
    // Path-valued components are parsed as files of their own; `interface` grants nothing.
    expect(r.capabilities).toHaveLength(1);
  });

  test("bundles from manifest fields", () => {
    const bundles = (name: string) => byKind(codexPlugin.parse(manifest(name)).capabilities, "plugin")[0]!.attrs;
    expect(bundles("connector")).toEqual({ name: "fieldnotes", client: "codex", declaredIn: "manifest", version: "1.4.0", bundles: ["apps"] });
    expect(byKind(codexPlugin.parse(manifest("connector")).capabilities, "plugin")[0]!.line).toBe(lineOf(manifest("connector").text, '"name": "fieldnotes"'));
    expect(bundles("design").bundles).toEqual(["apps", "mcp", "skills"]);
    expect(bundles("mobile").bundles).toEqual(["mcp", "skills"]);
    // At the repository root; one-line lists and non-ASCII punctuation in the prose.
    const { text } = manifest("root");
    const root = codexPlugin.parse(manifest("root")).capabilities;
    expect(root).toEqual([
      { kind: "plugin", key: ".codex-plugin/plugin.json#plugin", path: ".codex-plugin/plugin.json", line: lineOf(text, '"name": "workbench"'), attrs: { name: "workbench", client: "codex", declaredIn: "manifest", version: "2.3.11", bundles: ["mcp", "skills"] } },
    ]);
  });

  test("a one-app .app.json binds one connector", () => {
    const text = fixture("codex-plugin/one-app.app.json");
    const r = codexPlugin.parse({ path: "plugins/fieldnotes/.app.json", text });
    expect(lineOf(text, '"fieldnotes"')).toBe(3);
    expect(r).toEqual({
      problems: [],
      capabilities: [
        { kind: "agent_setting", key: "plugins/fieldnotes/.app.json#apps.fieldnotes", path: "plugins/fieldnotes/.app.json", line: lineOf(text, '"fieldnotes"'), attrs: { client: "codex", setting: "app.connector", scope: "fieldnotes", value: { id: "asdk_app_0c7e19d4b2a8f6e35d90c1b7a4e2f813", capabilities: [] } } },
      ],
    });
  });

  test("an app's declared capabilities are part of it, sorted", () => {
    const caps = byKind(codexPlugin.parse({ path: "p/.app.json", text: fixture("codex-plugin/review-apps.app.json") }).capabilities, "agent_setting");
    expect(caps.map((c) => [c.attrs.scope, (c.attrs.value as { capabilities: string[] }).capabilities])).toEqual([["tracker", []], ["wiki", ["read"]], ["crm", ["read", "write"]]]);
  });

  test("two apps, order-insensitive", () => {
    const file = { path: "plugins/x/.app.json", text: fixture("codex-plugin/two-apps.app.json") };
    const caps = byKind(codexPlugin.parse(file).capabilities, "agent_setting");
    expect(caps.map((c) => [c.attrs.scope, c.attrs.value, c.line])).toEqual([
      ["tracker", { id: "asdk_app_tracker", capabilities: [] }, 3],
      ["wiki", { id: "asdk_app_wiki", capabilities: [] }, 4],
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
      { kind: "agent_setting", key: "p/.app.json#apps.b", path: "p/.app.json", line: 1, attrs: { client: "codex", setting: "app.connector", scope: "b", value: { id: null, capabilities: [] } } },
    ]);
    expect(codexPlugin.parse({ path: ".codex-plugin/plugin.json", text: '{"name": "n", "mcpServers": null, "hooks": "x", "apps": 5}' }).capabilities).toHaveLength(1);
  });
});
