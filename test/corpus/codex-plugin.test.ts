// Codex plugin manifests and .app.json files from public repositories (moved from test/surfaces/codex-plugin.test.ts).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { codexPlugin } from "../../src/core/surfaces/codex-plugin.js";
import { byKind } from "../surfaces/hooks-plugins-util.js";
import { CORPUS, corpusFile } from "./files.js";

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
      { kind: "plugin", key: ".codex-plugin/plugin.json#plugin", path: ".codex-plugin/plugin.json", line: 2, attrs: { name: "ecc", client: "codex", declaredIn: "manifest", version: "1.10.6", bundles: ["mcp", "skills"] } },
    ]);
  });

  test("asana .app.json binds one connector", () => {
    const r = codexPlugin.parse(corpusFile("openai__plugins/plugins/asana/.app.json"));
    expect(r).toEqual({
      problems: [],
      capabilities: [
        { kind: "agent_setting", key: "plugins/asana/.app.json#apps.asana", path: "plugins/asana/.app.json", line: 3, attrs: { client: "codex", setting: "app.connector", scope: "asana", value: { id: "asdk_app_69616780bd208191b4fb44ba44f72b61", capabilities: [] } } },
      ],
    });
  });
});
