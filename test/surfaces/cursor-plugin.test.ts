// Cursor plugin manifests (`.cursor-plugin/plugin.json`, as Cursor documents; `.cursor/plugin.json`
// as seen in the wild) and marketplaces the registry's exact names miss: Cursor's
// `.cursor-plugin/marketplace.json` and extra catalogs beside a marketplace.json
// (`.agents/plugins/api_marketplace.json`). Read with the plugin and marketplace surfaces (same
// shapes); a JSON file there that is no marketplace stays not analysed.
import { parseFile } from "../../src/core/review.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { fixture, lineOf } from "../helpers.js";
import { hits, reviewPair } from "../review-helpers.js";
import { byKind, hookAttrs, plugin } from "./hooks-plugins-util.js";

describe("Cursor plugin manifests", () => {
  const PATH = "plugins/query-lens/.cursor-plugin/plugin.json";
  const TEXT = fixture("claude-plugin/cursor-plugin.json");

  test("are read by the plugin surface, in scope at any depth", () => {
    for (const p of [".cursor-plugin/plugin.json", PATH, "plugins/cursor/context7/.cursor/plugin.json"]) expect(surfaceFor(p)?.id).toBe("claude-plugin");
  });

  test("the plugin, its bundles (rules included), inline MCP servers from a list, and inline hooks", () => {
    const r = parseFile(PATH, TEXT);
    expect(r.problems).toEqual([]);
    expect(byKind(r.capabilities, "plugin").map((c) => [c.key, c.attrs])).toEqual([
      [`${PATH}#plugin`, { name: "query-lens", client: "cursor", declaredIn: "manifest", version: "2.1.0", bundles: ["hooks", "mcp", "rules", "skills"] }],
    ]);
    const servers = byKind(r.capabilities, "mcp_server");
    expect(servers.map((c) => [c.key, c.line, c.attrs.client, c.attrs.command])).toEqual([[`${PATH}#mcpServers.query-lens`, lineOf(TEXT, '"query-lens": {'), "cursor", "npx"]]);
    const hooks = byKind(r.capabilities, "hook");
    expect(hooks.map((c) => [hookAttrs(c).event, hookAttrs(c).command, hookAttrs(c).client, c.line])).toEqual([["afterFileEdit", "./scripts/format-sql.sh", "cursor", lineOf(TEXT, "format-sql.sh")]]);
  });

  test("a new Cursor plugin that runs code needs approval; a metadata-only one is a plugin, no blanket not-analysed", () => {
    const v = reviewPair({ [PATH]: [undefined, TEXT] });
    expect(hits(v, "plugin.bundles-executable")).toHaveLength(1);
    expect(hits(v, "mcp.server-added")).toHaveLength(1);
    expect(hits(v, "hooks.command-added")).toHaveLength(1);
    const meta = reviewPair({ "plugins/cursor/doc-finder/.cursor/plugin.json": [undefined, fixture("claude-plugin/cursor-metadata-plugin.json")] });
    expect(hits(meta, "file.not-analysed")).toEqual([]);
    expect(meta.files).toEqual([expect.objectContaining({ kind: "claude-plugin", status: "added" })]);
    expect(meta.findings.map((f) => f.rule)).toEqual(["plugin.added"]);
  });
});

describe("marketplaces beside the canonical names", () => {
  test("Cursor's .cursor-plugin/marketplace.json is a marketplace of client cursor; bare sources are folders of its root", () => {
    const path = "tools/.cursor-plugin/marketplace.json";
    expect(surfaceFor(path)?.id).toBe("marketplace");
    const r = parseFile(path, fixture("marketplace/cursor-catalog.json"));
    expect(r.problems).toEqual([]);
    expect(byKind(r.capabilities, "marketplace").map((c) => c.attrs)).toEqual([{ name: "acme-cursor-plugins", client: "cursor", declaredIn: "manifest" }]);
    expect(plugin(r.capabilities, "query-lens").source).toEqual({ type: "local", location: "tools/query-lens", pinned: true });
    expect(plugin(r.capabilities, "remote-lint").source).toMatchObject({ type: "github", location: "acme/remote-lint", pinned: false });
  });

  test("a second catalog beside .agents/plugins/marketplace.json is read as one", () => {
    const path = ".agents/plugins/api_marketplace.json";
    const r = parseFile(path, fixture("marketplace/codex-extra.json"));
    expect(r.kind).toBe("marketplace");
    expect(plugin(r.capabilities, "api-client")).toMatchObject({ client: "codex", installation: "INSTALLED_BY_DEFAULT", source: { type: "local", location: "plugins/api-client", pinned: true } });
    const v = reviewPair({ [path]: [undefined, fixture("marketplace/codex-extra.json")] });
    expect(hits(v, "file.not-analysed")).toEqual([]);
    expect(hits(v, "marketplace.added")).toHaveLength(1);
    expect(hits(v, "plugin.enabled")).toHaveLength(1);
  });

  test("extra catalogs of Claude and Cursor folders too (.claude-plugin/dev-marketplace.json)", () => {
    const r = parseFile(".claude-plugin/dev-marketplace.json", fixture("marketplace/cursor-catalog.json"));
    expect(r.kind).toBe("marketplace");
    expect(byKind(r.capabilities, "marketplace").map((c) => c.attrs.client)).toEqual(["claude"]);
    expect(parseFile(".cursor-plugin/team.json", fixture("marketplace/cursor-catalog.json")).kind).toBe("marketplace");
  });

  test("a JSON file there that is no marketplace (a web app manifest) stays not analysed", () => {
    for (const path of [".claude-plugin/manifest.json", ".agents/plugins/settings.json"]) {
      const v = reviewPair({ [path]: [undefined, fixture("marketplace/web-manifest.json")] });
      expect(hits(v, "file.not-analysed").map((f) => f.path)).toEqual([path]);
      expect(v.files).toEqual([expect.objectContaining({ kind: "not-analysed" })]);
    }
    // `plugins` that is not a list is no marketplace either.
    expect(parseFile(".agents/plugins/extra.json", '{"name": "x", "plugins": {"a": {}}}').kind).toBe("not-analysed");
  });

  test("the canonical marketplace.json keeps its strictness (a plugins object is a parse error there)", () => {
    expect(parseFile(".agents/plugins/marketplace.json", '{"name": "x", "plugins": {"a": {}}}').problems).toEqual([expect.objectContaining({ rule: "file.parse-error" })]);
  });
});
