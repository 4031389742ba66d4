import { hiddenDigest } from "../../src/core/secrets.js";
import { createHash } from "node:crypto";
import { expectNoBlowUp, fixture, lineOf } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { marketplace, normalizePath } from "../../src/core/surfaces/marketplace.js";
import type { PluginAttrs } from "../../src/core/model.js";
import { byKind, canon, find, plugin, reversed } from "./hooks-plugins-util.js";

const sha = (seed: string) => createHash("sha1").update(seed).digest("hex");

/** A Codex catalog laid out as Codex writes it (two-space JSON): `tracker`, 178 fillers, `cloudbox`. */
function codexCatalog(): string {
  const names = ["tracker", ...Array.from({ length: 178 }, (_, i) => `tool-${String(i).padStart(3, "0")}`), "cloudbox"];
  return JSON.stringify(
    {
      name: "team-curated",
      interface: { displayName: "Team curated" },
      plugins: names.map((n, i) => ({
        name: n,
        source: { source: "local", path: `./plugins/${n}` },
        policy: { installation: "AVAILABLE", authentication: i % 2 ? "ON_USE" : "ON_INSTALL" },
        category: i % 3 ? "Developer Tools" : "Productivity",
      })),
    },
    null,
    2,
  );
}

/** The hand-written Claude catalog grown to 286 entries (about 170 KB), every remote form with a full sha. */
function bigClaudeCatalog(entries = 286): string {
  const catalog = JSON.parse(fixture("marketplace/claude-catalog.json")) as { plugins: Record<string, unknown>[] };
  const words = "Reads the project, plans the change, runs the checks and reports what it found to the reviewer. ".repeat(5);
  for (let i = catalog.plugins.length; i < entries; i++) {
    const name = `bulk-${i}`;
    const forms = [
      { source: "git-subdir", url: `https://github.com/bulk-org/repo-${i}.git`, path: `plugins/${name}`, ref: `v1.${i}.0`, sha: sha(name) },
      { source: "url", url: `https://github.com/bulk-org/${name}.git`, sha: sha(name) },
      { source: "url", url: `https://github.com/bulk-org/mono-${i}.git`, path: `claude/${name}`, sha: sha(name) },
      `./plugins/${name}`,
    ];
    catalog.plugins.push({ name, description: `${name}: ${words}`, author: { name: "Bulk" }, category: "development", source: forms[i % 4], homepage: `https://bulk.example/${name}` });
  }
  return JSON.stringify(catalog, null, 2);
}

const IN_REPO: [name: string, path: string, text: () => string][] = [
  ["codex-escape.json", ".agents/plugins/marketplace.json", () => fixture("marketplace/codex-escape.json")],
  ["claude-bundled.json", ".claude-plugin/marketplace.json", () => fixture("marketplace/claude-bundled.json")],
  ["claude-catalog.json", ".claude-plugin/marketplace.json", () => fixture("marketplace/claude-catalog.json")],
  ["copilot-catalog.json", ".github/plugin/marketplace.json", () => fixture("marketplace/copilot-catalog.json")],
  ["codex-default.json", ".agents/plugins/marketplace.json", () => fixture("marketplace/codex-default.json")],
  ["generated Codex catalog (180 entries)", ".agents/plugins/marketplace.json", codexCatalog],
  ["generated Claude catalog (286 entries)", ".claude-plugin/marketplace.json", bigClaudeCatalog],
];

describe("marketplace surface", () => {
  test("routes the three marketplace layouts here", () => {
    for (const p of [".agents/plugins/marketplace.json", ".claude-plugin/marketplace.json", ".github/plugin/marketplace.json", "sub/.claude-plugin/marketplace.json"]) {
      expect(surfaceFor(p)?.id).toBe("marketplace");
    }
  });

  test.each(IN_REPO)("%s: no problem, one marketplace, one plugin per entry", (_name, path, text) => {
    const file = { path, text: text() };
    const r = marketplace.parse(file);
    expect(r.problems).toEqual([]);
    expect(byKind(r.capabilities, "marketplace")).toHaveLength(1);
    const entries = (JSON.parse(file.text) as { plugins: unknown[] }).plugins.length;
    expect(entries).toBeGreaterThan(0);
    expect(byKind(r.capabilities, "plugin")).toHaveLength(entries);
    expect(canon(marketplace.parse({ ...file, text: reversed(file.text) }).capabilities)).toBe(canon(r.capabilities));
  });

  test("Codex local path `../..` escapes the marketplace root", () => {
    const text = fixture("marketplace/codex-escape.json");
    const r = marketplace.parse({ path: ".agents/plugins/marketplace.json", text });
    expect(r.problems).toEqual([]);
    expect(r.capabilities).toEqual([
      { kind: "marketplace", key: ".agents/plugins/marketplace.json#marketplace", path: ".agents/plugins/marketplace.json", line: lineOf(text, '"name": "harbor-tools"'), attrs: { name: "harbor-tools", client: "codex", declaredIn: "manifest" } },
      {
        kind: "plugin",
        key: ".agents/plugins/marketplace.json#plugins.harbor",
        path: ".agents/plugins/marketplace.json",
        line: lineOf(text, '"name": "harbor"'),
        attrs: {
          name: "harbor", marketplace: "harbor-tools", client: "codex", declaredIn: "marketplace", version: "0.9.0-rc.2",
          source: { type: "local", location: "../..", pinned: false, escapesRoot: true },
          bundles: [], installation: "AVAILABLE",
        },
      },
      {
        kind: "plugin",
        key: ".agents/plugins/marketplace.json#plugins.harbor-docs",
        path: ".agents/plugins/marketplace.json",
        line: lineOf(text, '"name": "harbor-docs"'),
        attrs: {
          name: "harbor-docs", marketplace: "harbor-tools", client: "codex", declaredIn: "marketplace",
          source: { type: "local", location: "plugins/harbor-docs", pinned: true },
          bundles: [], installation: "INSTALLED_BY_DEFAULT",
        },
      },
    ]);
    expect(r.capabilities.map((c) => c.line)).toEqual([2, 8, 21]);
    // The same catalog one folder down: `../..` still leaves that folder's root; the entry inside stays inside.
    const nested = marketplace.parse({ path: "tools/.agents/plugins/marketplace.json", text });
    expect(plugin(nested.capabilities, "harbor").source).toEqual({ type: "local", location: "..", pinned: false, escapesRoot: true });
    expect(plugin(nested.capabilities, "harbor-docs").source).toEqual({ type: "local", location: "tools/plugins/harbor-docs", pinned: true });
  });

  test("Codex catalog of 180 local entries: sources inside the root are pinned; installation policy kept", () => {
    const text = codexCatalog();
    const r = marketplace.parse({ path: ".agents/plugins/marketplace.json", text });
    expect(byKind(r.capabilities, "plugin")).toHaveLength(180);
    expect(plugin(r.capabilities, "tracker")).toEqual({
      name: "tracker", marketplace: "team-curated", client: "codex", declaredIn: "marketplace",
      source: { type: "local", location: "plugins/tracker", pinned: true }, bundles: [], installation: "AVAILABLE",
    });
    expect(plugin(r.capabilities, "cloudbox").source).toEqual({ type: "local", location: "plugins/cloudbox", pinned: true });
    // Twelve lines per entry after a six-line head: entry i names itself on line 8 + 12 i.
    expect(find(r.capabilities, "#plugins.tracker").line).toBe(8);
    expect(find(r.capabilities, "#plugins.cloudbox").line).toBe(8 + 12 * 179);
    expect(find(r.capabilities, "#plugins.cloudbox").line).toBe(lineOf(text, '"name": "cloudbox"'));
    expect(find(r.capabilities, "#plugins.tool-100").line).toBe(lineOf(text, '"name": "tool-100"'));
  });

  test("Claude bundled catalog: relative string sources resolve against the repository root", () => {
    const text = fixture("marketplace/claude-bundled.json");
    const r = marketplace.parse({ path: ".claude-plugin/marketplace.json", text });
    expect(plugin(r.capabilities, "lint-helper")).toMatchObject({ client: "claude", marketplace: "studio-plugins", version: "0.3.0", source: { type: "local", location: "plugins/lint-helper", pinned: true } });
    expect(plugin(r.capabilities, "changelog-writer")).toMatchObject({ version: "1.2.0", source: { type: "local", location: "plugins/changelog-writer", pinned: true } });
    expect(plugin(r.capabilities, "starter-kit")).not.toHaveProperty("version");
    expect(plugin(r.capabilities, "starter-kit").source).toEqual({ type: "local", location: "plugins/starter-kit", pinned: true });
    expect(find(r.capabilities, "#plugins.lint-helper").line).toBe(lineOf(text, '"name": "lint-helper"'));
    // The same catalog inside a sub-folder: locations carry the marketplace root.
    const sub = marketplace.parse({ path: "vendor/studio/.claude-plugin/marketplace.json", text });
    expect(plugin(sub.capabilities, "lint-helper").source).toEqual({ type: "local", location: "vendor/studio/plugins/lint-helper", pinned: true });
  });

  test("Claude catalog: git-subdir, url, url with path and local entries; bundles; every remote entry pinned", () => {
    const text = fixture("marketplace/claude-catalog.json");
    const r = marketplace.parse({ path: ".claude-plugin/marketplace.json", text });
    expect(r.problems).toEqual([]);
    expect(plugin(r.capabilities, "shieldscan").source).toEqual({
      type: "git-subdir", location: "https://github.com/shieldworks/agent-plugins.git//plugins/scanner",
      ref: "v2.0.1", sha: "cc0ea57afc3815225f497fb403f5df39176867b2", pinned: true,
    });
    expect(plugin(r.capabilities, "pipeline-studio").source).toEqual({ type: "url", location: "https://github.com/pipelineco/pipeline-studio.git", sha: "e1955ddf614a479594a1a947609667aa9f521c3b", pinned: true });
    expect(plugin(r.capabilities, "agent-forge").source).toEqual({ type: "url", location: "https://github.com/forgeworks/agent-forge.git//claude-plugin/agent-forge", sha: "d0d0f45c29aac0fed3ca87181da69878c9ef526b", pinned: true });
    expect(plugin(r.capabilities, "sdk-helper").source).toEqual({ type: "local", location: "plugins/sdk-helper", pinned: true });
    expect(plugin(r.capabilities, "gpu-skills").source).toMatchObject({ type: "git-subdir", location: "https://github.com/kernellab/skills.git//skills", ref: "main", pinned: true });
    expect(plugin(r.capabilities, "ccls-lsp").bundles).toEqual(["lsp"]);
    expect(plugin(r.capabilities, "gpu-skills").bundles).toEqual(["skills"]);
    expect(plugin(r.capabilities, "docs-box").bundles).toEqual(["skills"]);
    expect(plugin(r.capabilities, "shieldscan").bundles).toEqual([]);
    // An lspServers entry is a bundle, not an MCP server: only plugins and the marketplace come out.
    expect(r.capabilities.map((c) => c.kind).sort()).toEqual(["marketplace", ...Array(7).fill("plugin")]);
    expect(byKind(r.capabilities, "plugin").filter((p) => !p.attrs.source?.pinned)).toEqual([]);
    expect(find(r.capabilities, "#plugins.docs-box").line).toBe(lineOf(text, '"name": "docs-box"'));
  });

  test("Claude catalog of 286 entries (about 170 KB): the entries' pins", () => {
    const text = bigClaudeCatalog();
    expect(text.length).toBeGreaterThan(160_000);
    const r = marketplace.parse({ path: ".claude-plugin/marketplace.json", text });
    expect(r.problems).toEqual([]);
    expect(byKind(r.capabilities, "plugin")).toHaveLength(286);
    expect(plugin(r.capabilities, "shieldscan").source).toMatchObject({ type: "git-subdir", ref: "v2.0.1", pinned: true });
    expect(plugin(r.capabilities, "bulk-8").source).toEqual({ type: "git-subdir", location: "https://github.com/bulk-org/repo-8.git//plugins/bulk-8", ref: "v1.8.0", sha: sha("bulk-8"), pinned: true });
    expect(plugin(r.capabilities, "bulk-9").source).toEqual({ type: "url", location: "https://github.com/bulk-org/bulk-9.git", sha: sha("bulk-9"), pinned: true });
    expect(plugin(r.capabilities, "bulk-10").source).toEqual({ type: "url", location: "https://github.com/bulk-org/mono-10.git//claude/bulk-10", sha: sha("bulk-10"), pinned: true });
    expect(plugin(r.capabilities, "bulk-283").source).toEqual({ type: "local", location: "plugins/bulk-283", pinned: true });
    expect(plugin(r.capabilities, "bulk-285").source).toEqual({ type: "url", location: "https://github.com/bulk-org/bulk-285.git", sha: sha("bulk-285"), pinned: true });
    expect(find(r.capabilities, "#plugins.bulk-285").line).toBe(lineOf(text, '"name": "bulk-285"'));
    expect(plugin(r.capabilities, "ccls-lsp").bundles).toEqual(["lsp"]);
    expect(byKind(r.capabilities, "plugin").filter((p) => !p.attrs.source?.pinned)).toEqual([]);
  });

  test("a catalog's parse grows linearly with its entries (600 entries against 30)", () => {
    const parse = (text: string) => expect(marketplace.parse({ path: ".claude-plugin/marketplace.json", text }).problems).toEqual([]);
    expectNoBlowUp(bigClaudeCatalog, parse, 30, 600);
  });

  test("Copilot catalog: github sources pinned only with a sha; bare relative paths", () => {
    const text = fixture("marketplace/copilot-catalog.json");
    const r = marketplace.parse({ path: ".github/plugin/marketplace.json", text });
    expect(r.problems).toEqual([]);
    expect(plugin(r.capabilities, "design-bridge")).toMatchObject({ client: "copilot", marketplace: "copilot-community", version: "1.0.0", source: { type: "github", location: "designbridge/mcp-guide", pinned: false } });
    expect(plugin(r.capabilities, "design-bridge").source).toEqual({ type: "github", location: "designbridge/mcp-guide", pinned: false });
    expect(plugin(r.capabilities, "review-panel").source).toEqual({ type: "github", location: "rinokafor/review-panel", ref: "v0.4.1", pinned: false });
    expect(plugin(r.capabilities, "quizmaster").source).toEqual({ type: "github", location: "quizmaster/quizmaster", ref: "v1.0.0", sha: "febe30ea34396e097e48ed4d5f730cfb69f88213", pinned: true });
    expect(plugin(r.capabilities, "sha-only").source).toEqual({ type: "github", location: "pinfolk/sha-only", sha: "bf2b4bb3a98cf05554f5a9bd4ad46e9b31921d3a", pinned: true });
    expect(plugin(r.capabilities, "cloud-ops").source).toEqual({ type: "github", location: "cloudops/ops-skills//.github/plugins/ops-skills", pinned: false });
    expect(plugin(r.capabilities, "path-ref").source).toEqual({ type: "github", location: "monofolk/tools//plugins/path-ref", ref: "v2.1.0", pinned: false });
    expect(plugin(r.capabilities, "path-sha").source).toEqual({ type: "github", location: "monofolk/tools//plugins/path-sha", sha: "c0837efc62270bfac7bf8cf3f8836cdc007cd749", pinned: true });
    expect(plugin(r.capabilities, "path-both").source).toEqual({ type: "github", location: "monofolk/tools//plugins/path-both", ref: "v2.1.0", sha: "274fadb1c0b1643ea78621566622f0b82d18c6a0", pinned: true });
    // No pluginRoot in metadata: a bare name resolves against the marketplace root as written.
    expect(plugin(r.capabilities, "a11y-board").source).toEqual({ type: "local", location: "plugins/a11y-board", pinned: true });
    expect(plugin(r.capabilities, "release-notes")).toMatchObject({ version: "1.1.0", source: { type: "local", location: "plugins/release-notes", pinned: true } });
    expect(find(r.capabilities, "#plugins.path-both").line).toBe(lineOf(text, '"name": "path-both"'));
    expect(find(r.capabilities, "#marketplace").line).toBe(2);
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
      // The stripped credentials still bind an approval, as the digest of the URL as written.
      expect(src("url-creds")).toEqual({ type: "url", location: "https://git.acme.dev/tools.git", pinned: false, hiddenDigest: hiddenDigest("https://bot:s3cr3tPassw0rd99@git.acme.dev/tools.git") });
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
