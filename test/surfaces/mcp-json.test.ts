import { corpusFile, fixture } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { mcpJson } from "../../src/core/surfaces/mcp-json.js";
import { attrs, canon, get, HOSTILE, lineOf, reversedJson } from "./surface-util.js";

const parse = (path: string, text: string) => mcpJson.parse({ path, text });
const servers = (o: object) => JSON.stringify({ mcpServers: o }, null, 2);

describe("mcp-json surface", () => {
  test("routes every JSON MCP config here, and nothing else", () => {
    for (const p of [".mcp.json", "plugins/x/.mcp.json", ".claude/mcp.json", ".cursor/mcp.json", ".vscode/mcp.json", ".kiro/settings/mcp.json", ".amazonq/mcp.json", ".roo/mcp.json"]) {
      expect(surfaceFor(p)?.id).toBe("mcp-json");
    }
    for (const p of ["mcp.json", ".gemini/settings.json", ".vscode/settings.json"]) expect(surfaceFor(p)?.id).not.toBe("mcp-json");
  });

  test("client comes from the path", () => {
    const text = servers({ s: { command: "node", args: ["s.js"] } });
    const client = (p: string) => attrs(parse(p, text).capabilities, "mcpServers.s").client;
    expect(client(".mcp.json")).toBe("claude");
    expect(client("plugins/x/.mcp.json")).toBe("claude");
    expect(client(".claude/mcp.json")).toBe("claude");
    expect(client(".cursor/mcp.json")).toBe("cursor");
    expect(client(".kiro/settings/mcp.json")).toBe("kiro");
    expect(client(".amazonq/mcp.json")).toBe("amazonq");
    expect(client(".roo/mcp.json")).toBe("generic");
  });

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

  test("wrapped and unwrapped .mcp.json give the same capabilities", () => {
    const server = { type: "http", url: "https://mcp.example.com/mcp" };
    const wrapped = parse(".mcp.json", servers({ a: server })).capabilities;
    const bare = parse(".mcp.json", JSON.stringify({ a: server }, null, 2)).capabilities;
    expect(canon(bare)).toBe(canon(wrapped));
    expect(bare).toHaveLength(1);
    // Unwrapped: only objects that look like servers count.
    expect(parse(".mcp.json", JSON.stringify({ $schema: "x", notes: { a: 1 }, s: { command: "node" } })).capabilities.map((c) => c.key)).toEqual([".mcp.json#mcpServers.s"]);
  });

  test("npx -y pkg@latest is unpinned", () => {
    const r = parse(".mcp.json", servers({ p: { command: "npx", args: ["-y", "some-mcp@latest"] } }));
    expect(attrs(r.capabilities, "p").package).toEqual({ runner: "npx", name: "some-mcp", version: "latest", pinned: false });
  });

  test("a literal token in env is flagged by name and its value appears nowhere", () => {
    const token = "ghp_" + "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa";
    const r = parse(".mcp.json", servers({ gh: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@2025.4.8"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: token, OTHER: "${X}" } } }));
    expect(attrs(r.capabilities, "gh")).toMatchObject({ literalSecrets: ["env.GITHUB_PERSONAL_ACCESS_TOKEN"], env: ["GITHUB_PERSONAL_ACCESS_TOKEN", "OTHER"] });
    expect(JSON.stringify(r)).not.toContain(token);
    expect(JSON.stringify(r)).not.toContain(token.slice(4, 20));
  });

  test("Authorization: Bearer ${X} is not a literal secret; a committed one is", () => {
    const ref = parse(".mcp.json", servers({ a: { type: "http", url: "https://a.test/mcp", headers: { Authorization: "Bearer ${X}" } } }));
    expect(attrs(ref.capabilities, "a").literalSecrets).toEqual([]);
    const lit = parse(".mcp.json", servers({ a: { type: "http", url: "https://a.test/mcp", headers: { Authorization: "Bearer abcdef0123456789abcdef" } } }));
    expect(attrs(lit.capabilities, "a").literalSecrets).toEqual(["header.Authorization"]);
    expect(JSON.stringify(lit)).not.toContain("abcdef0123456789");
  });

  test("VS Code JSONC with comments, trailing commas and a password input", () => {
    const text = fixture("mcp-json/vscode-inputs.jsonc");
    const r = parse(".vscode/mcp.json", text);
    expect(r.problems).toEqual([]);
    expect(r.capabilities.map((c) => c.key).sort()).toEqual([".vscode/mcp.json#inputs.youtube_api_key", ".vscode/mcp.json#servers.fs", ".vscode/mcp.json#servers.youtube"]);
    expect(get(r.capabilities, "inputs.youtube_api_key")).toEqual({
      kind: "agent_setting",
      key: ".vscode/mcp.json#inputs.youtube_api_key",
      path: ".vscode/mcp.json",
      line: lineOf(text, "{") + 2,
      attrs: { client: "vscode", setting: "input", value: { id: "youtube_api_key", password: true } },
    });
    expect(get(r.capabilities, "servers.youtube")).toMatchObject({ line: lineOf(text, '"youtube":') });
    expect(attrs(r.capabilities, "servers.youtube")).toMatchObject({ client: "vscode", transport: "http", host: "mcp.example.com", headers: ["X-Api-Key"], literalSecrets: [] });
    expect(String(attrs(r.capabilities, "servers.youtube").url)).not.toContain("input:");
    expect(attrs(r.capabilities, "servers.fs")).toMatchObject({ envForwarded: ["envFile:${workspaceFolder}/.env"], package: { version: "2025.8.21", pinned: true } });
  });

  test("Cursor: SSE url with env header; unpinned browser server", () => {
    const r = parse(".cursor/mcp.json", fixture("mcp-json/cursor.json"));
    expect(r.problems).toEqual([]);
    expect(attrs(r.capabilities, "linear")).toMatchObject({ client: "cursor", transport: "http", host: "mcp.linear.app", headers: ["Authorization"], literalSecrets: [] });
    expect(attrs(r.capabilities, "browser")).toMatchObject({ env: ["BROWSER"], package: { name: "@browsermcp/mcp", pinned: false } });
  });

  test("Roo: alwaysAllow is auto-approval", () => {
    const r = parse(".roo/mcp.json", fixture("mcp-json/roo.json"));
    expect(attrs(r.capabilities, "git")).toMatchObject({ autoApprove: ["git_diff", "git_status"], package: { runner: "uvx", name: "mcp-server-git", version: "2025.1.14", pinned: true } });
  });

  test("Kiro disabled servers and disabledTools", () => {
    const r = parse(".kiro/settings/mcp.json", servers({ a: { command: "node", disabled: true, disabledTools: ["rm"], autoApprove: "*" } }));
    expect(attrs(r.capabilities, "a")).toMatchObject({ enabled: false, deniedTools: ["rm"], autoApprove: ["*"] });
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

  test("malformed input is a parse error at the right line", () => {
    const bad = parse(".mcp.json", '{\n  "mcpServers": {\n    "a": { "command": "x" }\n    "b": {}\n  }\n}');
    expect(bad.capabilities).toEqual([]);
    expect(bad.problems).toEqual([expect.objectContaining({ rule: "file.parse-error", path: ".mcp.json", line: 4 })]);
    const arr = parse(".mcp.json", '\n[{"command": "x"}]');
    expect(arr.problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 2 })]);
    const wrong = parse(".cursor/mcp.json", '{\n  "x": 1,\n  "mcpServers": ["a"]\n}');
    expect(wrong.problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 3 })]);
    expect(wrong.problems[0]!.message).toContain("mcpServers");
    const inputs = parse(".vscode/mcp.json", '{\n  "servers": {},\n  "inputs": {"a": 1}\n}');
    expect(inputs.problems).toEqual([expect.objectContaining({ line: 3 })]);
    expect(parse(".mcp.json", '{"mcpServers": null}')).toEqual({ capabilities: [], problems: [] });
  });

  test("hostile shapes never throw", () => {
    for (const text of HOSTILE) {
      for (const path of [".mcp.json", ".vscode/mcp.json"]) expect(() => parse(path, text)).not.toThrow();
    }
    const weird = parse(".mcp.json", '{"mcpServers": {"a": {"command": 5, "args": 5, "env": "x"}, "b": "str"}}');
    expect(weird.capabilities.map((c) => c.key)).toEqual([".mcp.json#mcpServers.a"]);
  });
});
