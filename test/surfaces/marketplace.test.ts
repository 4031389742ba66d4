import { corpusFile, fixture } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { marketplace, normalizePath } from "../../src/core/surfaces/marketplace.js";
import type { PluginAttrs } from "../../src/core/model.js";
import { byKind, canon, find, reversed } from "./hooks-plugins-util.js";

const CORPUS = [
  "affaan-m__ECC/.agents/plugins/marketplace.json",
  "anthropics__claude-code/.claude-plugin/marketplace.json",
  "anthropics__claude-plugins-official/.claude-plugin/marketplace.json",
  "github__awesome-copilot/.github/plugin/marketplace.json",
  "openai__plugins/.agents/plugins/marketplace.json",
];
const plugin = (caps: ReturnType<typeof marketplace.parse>["capabilities"], name: string): PluginAttrs => {
  const c = caps.find((x) => x.kind === "plugin" && x.key.endsWith(`#plugins.${name}`));
  if (!c) throw new Error(`no plugin ${name}`);
  return c.attrs as PluginAttrs;
};

describe("marketplace surface", () => {
  test("routes the three marketplace layouts here", () => {
    for (const p of [".agents/plugins/marketplace.json", ".claude-plugin/marketplace.json", ".github/plugin/marketplace.json", "sub/.claude-plugin/marketplace.json"]) {
      expect(surfaceFor(p)?.id).toBe("marketplace");
    }
  });

  test.each(CORPUS)("%s: no problem, one marketplace, one plugin per entry", (rel) => {
    const file = corpusFile(rel);
    const r = marketplace.parse(file);
    expect(r.problems).toEqual([]);
    expect(byKind(r.capabilities, "marketplace")).toHaveLength(1);
    const entries = (JSON.parse(file.text) as { plugins: unknown[] }).plugins.length;
    expect(byKind(r.capabilities, "plugin")).toHaveLength(entries);
    expect(canon(marketplace.parse({ ...file, text: reversed(file.text) }).capabilities)).toBe(canon(r.capabilities));
  });

  test("ECC: Codex local path `../..` escapes the marketplace root", () => {
    const r = marketplace.parse(corpusFile("affaan-m__ECC/.agents/plugins/marketplace.json"));
    expect(r.capabilities).toEqual([
      { kind: "marketplace", key: ".agents/plugins/marketplace.json#marketplace.ecc", path: ".agents/plugins/marketplace.json", line: 2, attrs: { name: "ecc", client: "codex", declaredIn: "manifest" } },
      {
        kind: "plugin",
        key: ".agents/plugins/marketplace.json#plugins.ecc",
        path: ".agents/plugins/marketplace.json",
        line: 8,
        attrs: {
          name: "ecc", marketplace: "ecc", client: "codex", declaredIn: "marketplace", version: "1.10.6",
          source: { type: "local", location: "../..", pinned: false, escapesRoot: true },
          bundles: [], installation: "AVAILABLE",
        },
      },
    ]);
  });

  test("openai-curated: local sources inside the root are pinned; installation policy kept", () => {
    const r = marketplace.parse(corpusFile("openai__plugins/.agents/plugins/marketplace.json"));
    expect(byKind(r.capabilities, "plugin")).toHaveLength(180);
    expect(plugin(r.capabilities, "linear")).toEqual({
      name: "linear", marketplace: "openai-curated", client: "codex", declaredIn: "marketplace",
      source: { type: "local", location: "plugins/linear", pinned: true }, bundles: [], installation: "AVAILABLE",
    });
    expect(find(r.capabilities, "#plugins.linear").line).toBe(8);
    expect(find(r.capabilities, "#plugins.digitalocean").line).toBe(2171);
  });

  test("claude-code: relative string sources resolve against the repository root", () => {
    const r = marketplace.parse(corpusFile("anthropics__claude-code/.claude-plugin/marketplace.json"));
    expect(plugin(r.capabilities, "hookify")).toMatchObject({ client: "claude", marketplace: "claude-code-plugins", version: "0.1.0", source: { type: "local", location: "plugins/hookify", pinned: true } });
    expect(plugin(r.capabilities, "agent-sdk-dev")).not.toHaveProperty("version");
  });

  test("claude-plugins-official (168 KB): fast, and real entries' pins", () => {
    const file = corpusFile("anthropics__claude-plugins-official/.claude-plugin/marketplace.json");
    const t0 = performance.now();
    const r = marketplace.parse(file);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(byKind(r.capabilities, "plugin")).toHaveLength(286);
    expect(plugin(r.capabilities, "42crunch-api-security-testing").source).toEqual({
      type: "git-subdir", location: "https://github.com/42Crunch-AI/claude-plugins.git//plugins/api-security-testing",
      ref: "v1.5.5", sha: "30287f5e3f122a646d1ac5ca3ab96e130c52a3ad", pinned: true,
    });
    expect(plugin(r.capabilities, "agentforce-adlc").source).toEqual({ type: "url", location: "https://github.com/SalesforceAIResearch/agentforce-adlc.git", sha: "d16d14ac7f817336e21bf9392cf51b6cac6194d8", pinned: true });
    expect(plugin(r.capabilities, "atomic-agents").source).toMatchObject({ type: "url", location: "https://github.com/BrainBlend-AI/atomic-agents.git//claude-plugin/atomic-agents", pinned: true });
    expect(plugin(r.capabilities, "agent-sdk-dev").source).toEqual({ type: "local", location: "plugins/agent-sdk-dev", pinned: true });
    expect(plugin(r.capabilities, "clangd-lsp").bundles).toEqual(["lsp"]);
    expect(plugin(r.capabilities, "amd-skills").bundles).toEqual(["skills"]);
    // Every remote entry of the official catalog carries a sha.
    expect(byKind(r.capabilities, "plugin").filter((p) => !p.attrs.source?.pinned)).toEqual([]);
  });

  test("awesome-copilot: github sources pinned only with a sha; bare relative paths", () => {
    const r = marketplace.parse(corpusFile("github__awesome-copilot/.github/plugin/marketplace.json"));
    expect(plugin(r.capabilities, "figma")).toMatchObject({ client: "copilot", source: { type: "github", location: "figma/mcp-server-guide", pinned: false } });
    expect(plugin(r.capabilities, "agent-council").source).toEqual({ type: "github", location: "Avyayalaya/agent-council", ref: "v0.1.3", pinned: false });
    expect(plugin(r.capabilities, "brainmaxxing").source).toMatchObject({ sha: "8a8a102ff3ab8736f015764207cdb7e68fcd5ecf", pinned: true });
    expect(plugin(r.capabilities, "azure").source).toEqual({ type: "github", location: "microsoft/azure-skills//.github/plugins/azure-skills", pinned: false });
    expect(plugin(r.capabilities, "accessibility-kanban").source).toEqual({ type: "local", location: "plugins/accessibility-kanban", pinned: true });
  });

  describe("hand-written sources", () => {
    const file = { path: "tools/.claude-plugin/marketplace.json", text: fixture("marketplace/claude-sources.json") };
    const r = marketplace.parse(file);
    const src = (n: string) => plugin(r.capabilities, n).source;

    test("local paths: pluginRoot for bare names, marketplace root prefix, escapes", () => {
      expect(r.problems).toEqual([]);
      expect(src("dotted")).toEqual({ type: "local", location: "tools/tools/linter", pinned: true });
      expect(src("escape")).toEqual({ type: "local", location: "../outside", pinned: false, escapesRoot: true });
      expect(src("absolute")).toEqual({ type: "local", location: "/opt/plugins/x", pinned: false, escapesRoot: true });
    });

    test("git sources: only a full sha pins", () => {
      expect(src("gh-unpinned")).toEqual({ type: "github", location: "acme/tool", ref: "main", pinned: false });
      expect(src("gh-pinned")).toMatchObject({ pinned: true });
      expect(src("gh-short-sha")).toMatchObject({ sha: "0123456", pinned: false });
      expect(src("subdir-ref-sha")).toEqual({ type: "git-subdir", location: "https://github.com/acme/mono.git//plugins/x", ref: "fedcba9876543210fedcba9876543210fedcba98", pinned: true });
      expect(src("url-creds")).toEqual({ type: "url", location: "https://git.acme.dev/tools.git", pinned: false });
      expect(JSON.stringify(r)).not.toContain("s3cr3t");
    });

    test("npm: exact versions pin", () => {
      expect(src("npm-exact")).toEqual({ type: "npm", location: "@acme/plugin", ref: "1.4.2", pinned: true });
      expect(src("npm-range")).toMatchObject({ ref: "^1.4.0", pinned: false });
      expect(src("npm-none")).toEqual({ type: "npm", location: "@acme/plugin", pinned: false });
    });

    test("inline mcpServers and hooks of an entry", () => {
      expect(plugin(r.capabilities, "inline").bundles).toEqual(["commands", "hooks", "mcp"]);
      const fetch = find(r.capabilities, "#plugins.inline.mcpServers.fetch");
      expect(fetch).toMatchObject({ kind: "mcp_server", line: 22, attrs: { name: "fetch", client: "claude", command: "uvx", args: ["mcp-server-fetch"], package: { runner: "uvx", pinned: false } } });
      expect(find(r.capabilities, "#plugins.inline.hooks.PreToolUse[Bash]../guard.sh")).toMatchObject({
        kind: "hook", line: 23, slot: "tools/.claude-plugin/marketplace.json#plugins.inline.hooks.PreToolUse[Bash]", attrs: { client: "claude", command: "./guard.sh" },
      });
    });

    test("duplicate names keep the riskier entry, whatever the order; nameless entries are skipped", () => {
      expect(src("bare")).toEqual({ type: "github", location: "evil/dup", pinned: false });
      expect(r.capabilities.filter((c) => c.key.endsWith("#plugins.bare"))).toHaveLength(1);
      expect(r.capabilities.some((c) => JSON.stringify(c).includes("nameless"))).toBe(false);
      expect(canon(marketplace.parse({ ...file, text: reversed(file.text) }).capabilities)).toBe(canon(r.capabilities));
    });

    test("pluginRoot applies to bare names", () => {
      const r2 = marketplace.parse({ path: ".claude-plugin/marketplace.json", text: '{"name": "m", "metadata": {"pluginRoot": "./plugins"}, "plugins": [{"name": "f", "source": "formatter"}, {"name": "up", "source": "../x"}]}' });
      expect(plugin(r2.capabilities, "f").source).toEqual({ type: "local", location: "plugins/formatter", pinned: true });
      expect(plugin(r2.capabilities, "up").source).toMatchObject({ location: "../x", escapesRoot: true });
      const r3 = marketplace.parse({ path: ".claude-plugin/marketplace.json", text: '{"name": "m", "metadata": {"pluginRoot": "../elsewhere"}, "plugins": [{"name": "f", "source": "formatter"}]}' });
      expect(plugin(r3.capabilities, "f").source).toMatchObject({ location: "../elsewhere/formatter", escapesRoot: true, pinned: false });
    });
  });

  test("Codex INSTALLED_BY_DEFAULT and normalized local paths", () => {
    const r = marketplace.parse({ path: ".agents/plugins/marketplace.json", text: fixture("marketplace/codex-default.json") });
    expect(plugin(r.capabilities, "always-on")).toMatchObject({ installation: "INSTALLED_BY_DEFAULT", client: "codex", marketplace: "team" });
    expect(plugin(r.capabilities, "inside").source).toEqual({ type: "local", location: "plugins/inside", pinned: true });
  });

  test("normalizePath", () => {
    expect(normalizePath("./a/./b/../c/")).toBe("a/c");
    expect(normalizePath("../..")).toBe("../..");
    expect(normalizePath("a/../../b")).toBe("../b");
    expect(normalizePath("./")).toBe(".");
  });

  test("malformed input", () => {
    const bad = marketplace.parse({ path: ".claude-plugin/marketplace.json", text: '{\n  "name": "m",\n  "plugins": [\n    {"name": "a" "source": "./a"}\n  ]\n}' });
    expect(bad.problems[0]).toMatchObject({ rule: "file.parse-error", line: 4 });
    expect(marketplace.parse({ path: ".claude-plugin/marketplace.json", text: "[]" }).problems[0]).toMatchObject({ rule: "file.parse-error", line: 1 });
    const notList = marketplace.parse({ path: ".claude-plugin/marketplace.json", text: '{\n "name": "m",\n "plugins": {}\n}' });
    expect(notList.problems[0]).toMatchObject({ rule: "file.parse-error", line: 3 });
    expect(byKind(notList.capabilities, "marketplace")).toHaveLength(1);
    const weird = marketplace.parse({
      path: ".agents/plugins/marketplace.json",
      text: '{"name": 5, "plugins": [null, 3, {"name": "a", "source": 5, "policy": "x", "mcpServers": null, "hooks": "x"}, {"name": "b", "source": {"source": "github", "repo": 7, "sha": []}}, {"name": "c", "source": {"source": "pip", "package": "p"}}]}',
    });
    expect(weird.problems).toEqual([]);
    expect(weird.capabilities.map((c) => [c.key, (c.attrs as PluginAttrs).source])).toEqual([
      [".agents/plugins/marketplace.json#plugins.a", { type: "unknown", location: "", pinned: false }],
      [".agents/plugins/marketplace.json#plugins.b", { type: "github", location: "", pinned: false }],
      [".agents/plugins/marketplace.json#plugins.c", { type: "unknown", location: "p", pinned: false }],
    ]);
  });
});
