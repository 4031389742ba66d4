import { fixture } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { attrs, canon, get, HOSTILE, lineOf, reversedJson } from "./surface-util.js";
import { parse } from "./mcp-json-util.js";

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

  describe("real-world shapes", () => {
    test("wrapped .mcp.json, multi-line args, no final newline: two unpinned npx servers", () => {
      const text = fixture("mcp-json/claude-npx.json");
      expect(text.endsWith("}")).toBe(true);
      const r = parse(".mcp.json", text);
      expect(r.problems).toEqual([]);
      expect(r.capabilities.map((c) => [c.key, c.line])).toEqual([
        [".mcp.json#mcpServers.changelog-bot", lineOf(text, '"changelog-bot"')],
        [".mcp.json#mcpServers.icon-search", lineOf(text, '"icon-search"')],
      ]);
      expect(r.capabilities.map((c) => c.line)).toEqual([3, 10]);
      expect(attrs(r.capabilities, "icon-search")).toMatchObject({
        client: "claude",
        transport: "stdio",
        command: "npx",
        args: ["-y", "@glyphworks/icon-search", "--set", "outline"],
        env: ["ICON_CACHE_DIR"],
        literalSecrets: [],
        package: { runner: "npx", name: "@glyphworks/icon-search", pinned: false },
      });
      // A scoped name without a version: the leading `@` is no version separator.
      expect(attrs(r.capabilities, "icon-search").package).toEqual({ runner: "npx", name: "@glyphworks/icon-search", pinned: false });
      // `--yes` is npx's own flag, not the package.
      expect(attrs(r.capabilities, "changelog-bot")).toMatchObject({ args: ["--yes", "changelog-bot-mcp"], env: [] });
      expect(attrs(r.capabilities, "changelog-bot").package).toEqual({ runner: "npx", name: "changelog-bot-mcp", pinned: false });
    });

    test("a test server: bun script, empty env, no package", () => {
      const r = parse("tools/test/echo-harness/.mcp.json", fixture("mcp-json/bun-script.json"));
      expect(r.problems).toEqual([]);
      expect(r.capabilities).toHaveLength(1);
      expect(r.capabilities[0]!.key).toBe("tools/test/echo-harness/.mcp.json#mcpServers.echo-harness");
      expect(r.capabilities[0]!.line).toBe(3);
      const a = attrs(r.capabilities, "#mcpServers.echo-harness");
      expect(a).toMatchObject({ command: "bun", args: ["./harness/echo-tools.ts", "--fail-after", "3"], transport: "stdio", env: [], literalSecrets: [] });
      expect(a.package).toBeUndefined();
    });

    test("plugin .mcp.json without wrapper: http server, Bearer ${X} is not a literal secret; npx @latest, uvx git, docker tag", () => {
      const text = fixture("mcp-json/plugin-unwrapped.json");
      const r = parse("external_plugins/kit/.mcp.json", text);
      expect(r.problems).toEqual([]);
      expect(r.capabilities.map((c) => c.key)).toEqual(["tracker", "browser-pilot", "atlas", "vault"].map((n) => `external_plugins/kit/.mcp.json#mcpServers.${n}`));
      const [c] = r.capabilities;
      expect(c).toMatchObject({ key: "external_plugins/kit/.mcp.json#mcpServers.tracker", line: 2 });
      expect(c!.attrs).toMatchObject({ transport: "http", url: "https://mcp.tracker.example/mcp/", host: "mcp.tracker.example", headers: ["Authorization"], literalSecrets: [] });
      expect(get(r.capabilities, "vault").line).toBe(lineOf(text, '"vault"'));
      // @latest is unpinned; a git source without a commit is unpinned.
      expect(attrs(r.capabilities, "browser-pilot").package).toEqual({ runner: "npx", name: "@pilotlabs/browser-mcp", version: "latest", pinned: false });
      expect(attrs(r.capabilities, "atlas").package).toEqual({ runner: "uvx", name: "git+https://github.com/codeatlas/atlas", pinned: false });
      // A docker image:tag is pinned; `-e NAME=${NAME}` is no literal secret.
      expect(attrs(r.capabilities, "vault")).toMatchObject({
        command: "docker",
        args: ["run", "-i", "--rm", "-e", "VAULT_TOKEN=${VAULT_TOKEN}", "vaultco/vault-mcp-server:1.2.0"],
        package: { runner: "docker", name: "vaultco/vault-mcp-server", version: "1.2.0", pinned: true },
        literalSecrets: [],
      });
      // Adding the wrapper is no change.
      const wrapped = parse("external_plugins/kit/.mcp.json", JSON.stringify({ mcpServers: JSON.parse(text) }, null, 2));
      expect(canon(wrapped.capabilities)).toBe(canon(r.capabilities));
    });

    test("plugin .mcp.json, wrapped form, ${CLAUDE_PLUGIN_ROOT} in args", () => {
      const text = fixture("mcp-json/plugin-wrapped.json");
      const r = parse("external_plugins/inkwell/.mcp.json", text);
      expect(r.problems).toEqual([]);
      expect(r.capabilities.map((c) => [c.key, c.line])).toEqual([["external_plugins/inkwell/.mcp.json#mcpServers.inkwell", 3]]);
      expect(attrs(r.capabilities, "inkwell").args).toContain("${CLAUDE_PLUGIN_ROOT}");
      expect(attrs(r.capabilities, "inkwell")).toMatchObject({
        client: "claude",
        transport: "stdio",
        command: "python3",
        args: ["-m", "inkwell_mcp", "--plugin-dir", "${CLAUDE_PLUGIN_ROOT}", "--log-level=warning"],
        env: ["INKWELL_DRAFTS"],
        literalSecrets: [],
      });
      expect(attrs(r.capabilities, "inkwell").package).toBeUndefined();
    });

    test("Codex plugin .mcp.json with Codex key names", () => {
      const r = parse("plugins/issue-hub/.mcp.json", fixture("mcp-json/codex-plugin.json"));
      expect(r.problems).toEqual([]);
      expect(attrs(r.capabilities, "issue-hub")).toMatchObject({ transport: "http", envForwarded: ["ISSUE_HUB_TOKEN"], headers: ["Authorization"], host: "mcp.issuehub.example", literalSecrets: [] });
      expect(attrs(r.capabilities, "code-audit")).toMatchObject({ command: "node", args: ["./mcp/audit-server.mjs", "--stdio"], cwd: ".", transport: "stdio" });
      expect(attrs(r.capabilities, "simctl-mcp")).toMatchObject({
        env: ["SIMCTL_MCP_FEATURES"],
        literalSecrets: [],
        package: { runner: "npx", name: "simctl-mcp", version: "latest", pinned: false },
      });
    });

    test("VS Code (servers, no wrapper named mcpServers, empty inputs)", () => {
      const text = fixture("mcp-json/vscode-servers.json");
      const r = parse(".vscode/mcp.json", text);
      expect(r.problems).toEqual([]);
      expect(r.capabilities.map((c) => [c.key, c.line])).toEqual([
        [".vscode/mcp.json#servers.pgInspect", lineOf(text, '"pgInspect"')],
        [".vscode/mcp.json#servers.screen-reader-lab", lineOf(text, '"screen-reader-lab"')],
      ]);
      expect(r.capabilities.map((c) => c.line)).toEqual([4, 10]);
      expect(attrs(r.capabilities, "pgInspect")).toMatchObject({ client: "vscode", transport: "stdio", env: ["PGHOST", "PGPORT"], package: { name: "pg-inspect-mcp", pinned: false } });
      expect(attrs(r.capabilities, "pgInspect").package).toEqual({ runner: "npx", name: "pg-inspect-mcp", version: "latest", pinned: false });
      // `uv run --project DIR` runs a local checkout: no package is fetched.
      expect(attrs(r.capabilities, "screen-reader-lab")).toMatchObject({ command: "uv", enabled: true, args: ["run", "--project", "/home/ana/code/screen-reader-lab", "srl-mcp", "--voice", "off"] });
      expect(attrs(r.capabilities, "screen-reader-lab").package).toBeUndefined();
    });

    test("Kiro: autoApprove lists, uvx package without version", () => {
      const text = fixture("mcp-json/kiro.json");
      const r = parse(".kiro/settings/mcp.json", text);
      expect(r.problems).toEqual([]);
      expect(text.endsWith("}")).toBe(true);
      expect(r.capabilities.map((c) => c.line)).toEqual([lineOf(text, '"tz-tools"'), lineOf(text, '"sql-scratch"'), lineOf(text, '"api-glossary"')]);
      expect(r.capabilities.map((c) => c.line)).toEqual([3, 15, 30]);
      expect(attrs(r.capabilities, "tz-tools")).toMatchObject({ client: "kiro", autoApprove: ["convert_time"], enabled: true, package: { runner: "uvx", name: "tzkit-mcp", pinned: false } });
      expect(attrs(r.capabilities, "tz-tools").package).toEqual({ runner: "uvx", name: "tzkit-mcp", pinned: false });
      // A disabled server with a denied tool and an empty approval list.
      expect(attrs(r.capabilities, "sql-scratch")).toMatchObject({ enabled: false, deniedTools: ["drop_table"], autoApprove: [], env: ["SCRATCH_DB"], literalSecrets: [] });
      expect(attrs(r.capabilities, "sql-scratch").package).toEqual({ runner: "npx", name: "@quarry-tools/sqlite-scratch", pinned: false });
      expect(attrs(r.capabilities, "api-glossary")).toMatchObject({ enabled: true, env: [], package: { runner: "npx", name: "glossary-lens", pinned: false } });
      expect(attrs(r.capabilities, "api-glossary").autoApprove).toEqual(["define_acronym", "list_sources", "lookup_term"]);
    });

    test("Amazon Q: env names only, whatever the key order", () => {
      const r = parse(".amazonq/mcp.json", fixture("mcp-json/amazonq.json"));
      expect(r.problems).toEqual([]);
      expect(r.capabilities.map((c) => [c.key, c.line])).toEqual([[".amazonq/mcp.json#mcpServers.ticket-triage", 3]]);
      expect(attrs(r.capabilities, "ticket-triage")).toMatchObject({
        client: "amazonq",
        transport: "stdio",
        command: "python3",
        args: ["/home/jo/src/helpdesk-tools/services/triage/mcp_entry/triage_queue_server/main.py", "--queues", "l1,l2"],
        env: ["TRIAGE_QUEUE", "TRIAGE_REGION"],
        literalSecrets: [],
      });
      expect(attrs(r.capabilities, "ticket-triage").package).toBeUndefined();
      const json = JSON.stringify(r.capabilities);
      expect(json).not.toContain("support-l2");
      expect(json).not.toContain("eu-north-1");
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
      [".kiro/settings/mcp.json", fixture("mcp-json/kiro.json")],
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

describe("mcp-json: what hands a server a credential (names and values, never values kept)", () => {
  test("the mixed fixture: credentials by name, by reference and by stored profile; plain configuration is not listed", () => {
    const r = parse(".mcp.json", fixture("mcp-json/env-mixed.json"));
    expect(r.problems).toEqual([]);
    expect(attrs(r.capabilities, "issue-tracker").credentials).toEqual({ "env.TRACKWISE_API_TOKEN": ["name", "ref:TRACKWISE_API_TOKEN"] });
    expect(attrs(r.capabilities, "warehouse").credentials).toEqual({ "env.AWS_PROFILE": ["selects"], "env.WAREHOUSE_DSN": ["name", "ref:WAREHOUSE_PASSWORD"] });
    expect(attrs(r.capabilities, "docs-search").credentials).toEqual({ "header.X-Api-Key": ["name", "ref:DOCSEARCH_KEY"] });
    expect(JSON.stringify(r)).not.toContain("analytics-readonly");
    expect(JSON.stringify(r)).not.toContain("trackwise:*");
  });

  test("VS Code: an input declared `password: true` is a secret whatever its id; another input is not", () => {
    const file = (inputs: object[]) =>
      JSON.stringify({ inputs, servers: { s: { command: "node", args: ["srv.js"], env: { UPSTREAM_KEYRING: "${input:ring}", AREA: "${input:region}" } } } });
    const asPassword = parse(".vscode/mcp.json", file([{ type: "promptString", id: "ring", password: true }, { type: "promptString", id: "region" }]));
    expect(attrs(asPassword.capabilities, "servers.s").credentials).toEqual({ "env.UPSTREAM_KEYRING": ["ref:input:ring"] });
    const plain = parse(".vscode/mcp.json", file([{ type: "promptString", id: "ring" }, { type: "promptString", id: "region" }]));
    expect(attrs(plain.capabilities, "servers.s").credentials).toBeUndefined();
    // The fixture's URL carries the prompted key in its query.
    const fx = parse(".vscode/mcp.json", fixture("mcp-json/vscode-inputs.jsonc"));
    expect(attrs(fx.capabilities, "servers.youtube").credentials).toMatchObject({ url: ["query:key", "ref:input:youtube_api_key"] });
    expect(attrs(fx.capabilities, "servers.fs").credentials).toEqual({ "forwarded.envFile:${workspaceFolder}/.env": ["env-file"] });
  });

  test("code-running variables keep their value unless it may hold a secret; loopback endpoints are marked", () => {
    const r = parse(".mcp.json", servers({
      n: { command: "node", args: ["s.js"], env: { NODE_OPTIONS: "--import ./otel.mjs", LD_PRELOAD: "${PRELOAD_TOKEN}", LOG_LEVEL: "info" } },
      l: { type: "http", url: "http://127.0.0.1:7777/mcp" },
      x: { type: "http", url: "http://localhost@collector.evil.example/mcp" },
    }));
    expect(attrs(r.capabilities, "mcpServers.n").codeEnv).toEqual({ LD_PRELOAD: "", NODE_OPTIONS: "--import ./otel.mjs" });
    expect(attrs(r.capabilities, "mcpServers.l")).toMatchObject({ host: "127.0.0.1", loopback: true });
    expect(attrs(r.capabilities, "mcpServers.x")).toMatchObject({ host: "collector.evil.example" });
    expect(attrs(r.capabilities, "mcpServers.x").loopback).toBeUndefined();
  });
});
