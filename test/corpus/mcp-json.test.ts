// The mcp-json surface over the real MCP configs of ../shared/corpus (`npm run test:corpus`).
import { mcpJson } from "../../src/core/surfaces/mcp-json.js";
import { fixture } from "../helpers.js";
import { attrs, canon, reversedJson } from "../surfaces/surface-util.js";
import { parse } from "../surfaces/mcp-json-util.js";
import { corpusFile } from "./files.js";

describe("mcp-json surface", () => {
  describe("corpus", () => {
    test("0xGosu .mcp.json: two unpinned npx servers", () => {
      const r = mcpJson.parse(corpusFile("0xGosu__test-agentic-coding-demo-v0/.mcp.json"));
      expect(r.problems).toEqual([]);
      expect(r.capabilities.map((c) => [c.key, c.line])).toEqual([
        [".mcp.json#mcpServers.sequential-thinking", 3],
        [".mcp.json#mcpServers.context7", 10],
      ]);
      expect(attrs(r.capabilities, "context7")).toMatchObject({
        client: "claude",
        transport: "stdio",
        command: "npx",
        args: ["-y", "@upstash/context7-mcp"],
        package: { runner: "npx", name: "@upstash/context7-mcp", pinned: false },
      });
    });

    test("claude-code-action test server: bun script, no package", () => {
      const r = mcpJson.parse(corpusFile("anthropics__claude-code-action/base-action/test/mcp-test/.mcp.json"));
      expect(r.problems).toEqual([]);
      expect(r.capabilities).toHaveLength(1);
      const a = attrs(r.capabilities, "#mcpServers.test-server");
      expect(a).toMatchObject({ command: "bun", args: ["simple-mcp-server.ts"], transport: "stdio", env: [] });
      expect(a.package).toBeUndefined();
    });

    test("plugin .mcp.json without wrapper: github http server, Bearer ${X} is not a literal secret", () => {
      const r = mcpJson.parse(corpusFile("anthropics__claude-plugins-official/external_plugins/github/.mcp.json"));
      expect(r.problems).toEqual([]);
      const [c] = r.capabilities;
      expect(c).toMatchObject({ key: "external_plugins/github/.mcp.json#mcpServers.github", line: 2 });
      expect(c!.attrs).toMatchObject({ transport: "http", url: "https://api.githubcopilot.com/mcp/", host: "api.githubcopilot.com", headers: ["Authorization"], literalSecrets: [] });
    });

    test("playwright @latest is unpinned; serena git without a sha is unpinned", () => {
      const pw = mcpJson.parse(corpusFile("anthropics__claude-plugins-official/external_plugins/playwright/.mcp.json")).capabilities;
      expect(attrs(pw, "playwright").package).toEqual({ runner: "npx", name: "@playwright/mcp", version: "latest", pinned: false });
      const se = mcpJson.parse(corpusFile("anthropics__claude-plugins-official/external_plugins/serena/.mcp.json")).capabilities;
      expect(attrs(se, "serena").package).toMatchObject({ runner: "uvx", name: "git+https://github.com/oraios/serena", pinned: false });
    });

    test("terraform docker image:0.4.0 is pinned; -e TFE_TOKEN=${TFE_TOKEN} is no literal secret", () => {
      const r = mcpJson.parse(corpusFile("anthropics__claude-plugins-official/external_plugins/terraform/.mcp.json"));
      expect(r.problems).toEqual([]);
      expect(attrs(r.capabilities, "terraform")).toMatchObject({
        command: "docker",
        args: ["run", "-i", "--rm", "-e", "TFE_TOKEN=${TFE_TOKEN}", "hashicorp/terraform-mcp-server:0.4.0"],
        package: { runner: "docker", name: "hashicorp/terraform-mcp-server", version: "0.4.0", pinned: true },
        literalSecrets: [],
      });
    });

    test("telegram plugin: wrapped form", () => {
      const r = mcpJson.parse(corpusFile("anthropics__claude-plugins-official/external_plugins/telegram/.mcp.json"));
      expect(r.capabilities.map((c) => [c.key, c.line])).toEqual([["external_plugins/telegram/.mcp.json#mcpServers.telegram", 3]]);
      expect(attrs(r.capabilities, "telegram").args).toContain("${CLAUDE_PLUGIN_ROOT}");
    });

    test("Codex plugin .mcp.json files with Codex key names", () => {
      const gh = mcpJson.parse(corpusFile("openai__plugins/plugins/github/.mcp.json"));
      expect(gh.problems).toEqual([]);
      expect(attrs(gh.capabilities, "github")).toMatchObject({ transport: "http", envForwarded: ["GITHUB_PAT_TOKEN"], headers: ["Authorization"], host: "api.githubcopilot.com" });
      const sec = mcpJson.parse(corpusFile("openai__plugins/plugins/codex-security/.mcp.json"));
      expect(attrs(sec.capabilities, "codex-security")).toMatchObject({ command: "node", args: ["./mcp/server.mjs", "--stdio"], cwd: "." });
      const ios = mcpJson.parse(corpusFile("openai__plugins/plugins/build-ios-apps/.mcp.json"));
      expect(attrs(ios.capabilities, "xcodebuildmcp")).toMatchObject({
        env: ["XCODEBUILDMCP_ENABLED_WORKFLOWS"],
        literalSecrets: [],
        package: { runner: "npx", name: "xcodebuildmcp", version: "latest", pinned: false },
      });
    });

    test("VS Code (servers, no wrapper named mcpServers)", () => {
      const f = corpusFile("0xkamalei__mac-time-trace/.vscode/mcp.json");
      const r = mcpJson.parse(f);
      expect(r.problems).toEqual([]);
      expect(r.capabilities.map((c) => [c.key, c.line])).toEqual([
        [".vscode/mcp.json#servers.XcodeBuildMCP", 3],
        [".vscode/mcp.json#servers.macos-ui-automation", 8],
      ]);
      expect(attrs(r.capabilities, "XcodeBuildMCP")).toMatchObject({ client: "vscode", package: { name: "xcodebuildmcp", pinned: false } });
      expect(attrs(r.capabilities, "macos-ui-automation")).toMatchObject({ command: "uv", enabled: true });
    });

    test("Kiro: autoApprove lists, uvx package without version", () => {
      const r = mcpJson.parse(corpusFile("0xGosu__test-agentic-coding-demo-v0/.kiro/settings/mcp.json"));
      expect(r.problems).toEqual([]);
      expect(r.capabilities.map((c) => c.line)).toEqual([3, 14, 25]);
      expect(attrs(r.capabilities, "fetch")).toMatchObject({ client: "kiro", autoApprove: ["fetch"], package: { runner: "uvx", name: "mcp-server-fetch", pinned: false } });
      expect(attrs(r.capabilities, "context7").autoApprove).toEqual(["get-library-docs", "resolve-library-id"]);
    });

    test("Amazon Q: env names only", () => {
      const r = mcpJson.parse(corpusFile("awslabs__mcp/.amazonq/mcp.json"));
      expect(r.problems).toEqual([]);
      expect(attrs(r.capabilities, "cost-explorer")).toMatchObject({ client: "amazonq", command: "uv", env: ["AWS_PROFILE"] });
      expect(JSON.stringify(r.capabilities)).not.toContain("admin");
    });
  });

  test("reordering keys and servers changes nothing", () => {
    for (const [path, text] of [
      [".cursor/mcp.json", fixture("mcp-json/cursor.json")],
      [".kiro/settings/mcp.json", corpusFile("0xGosu__test-agentic-coding-demo-v0/.kiro/settings/mcp.json").text],
      [".vscode/mcp.json", JSON.stringify({ servers: { a: { command: "x" }, b: { url: "https://b.test" } }, inputs: [{ id: "k", password: true }, { id: "j", password: true }] })],
    ] as const) {
      const a = parse(path, text).capabilities;
      expect(a.length).toBeGreaterThan(0);
      expect(canon(parse(path, reversedJson(text)).capabilities)).toBe(canon(a));
    }
  });
});
