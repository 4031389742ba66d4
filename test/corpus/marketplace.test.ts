// The marketplace surface over the real catalogs of ../shared/corpus (`npm run test:corpus`).
import { marketplace } from "../../src/core/surfaces/marketplace.js";
import { byKind, canon, find, plugin, reversed } from "../surfaces/hooks-plugins-util.js";
import { corpusFile } from "./files.js";

const CORPUS = [
  "affaan-m__ECC/.agents/plugins/marketplace.json",
  "anthropics__claude-code/.claude-plugin/marketplace.json",
  "anthropics__claude-plugins-official/.claude-plugin/marketplace.json",
  "github__awesome-copilot/.github/plugin/marketplace.json",
  "openai__plugins/.agents/plugins/marketplace.json",
];

describe("marketplace surface", () => {
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
      { kind: "marketplace", key: ".agents/plugins/marketplace.json#marketplace", path: ".agents/plugins/marketplace.json", line: 2, attrs: { name: "ecc", client: "codex", declaredIn: "manifest" } },
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
});
