import { fixture } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { zedSettings } from "../../src/core/surfaces/zed-settings.js";
import { SETTING_IDS } from "../../src/core/rules/settings-catalog.js";
import { attrs, canon, get, HOSTILE, lineOf } from "./surface-util.js";

const PATH = ".zed/settings.json";
const parse = (text: string) => zedSettings.parse({ path: PATH, text });
const text = fixture("zed-settings/settings.json");

describe("zed-settings surface", () => {
  test("routes .zed/settings.json at any depth, not other Zed files", () => {
    expect(surfaceFor(".zed/settings.json")?.id).toBe("zed-settings");
    expect(surfaceFor("sub/.zed/settings.json")?.id).toBe("zed-settings");
    expect(surfaceFor(".zed/tasks.json")?.id).toBeUndefined();
  });

  const r = parse(text);

  test("JSONC fixture: three context servers and the approval switch", () => {
    expect(r.problems).toEqual([]);
    expect(r.capabilities.map((c) => [c.key, c.line])).toEqual([
      [`${PATH}#context_servers.postgres`, lineOf(text, '"postgres"')],
      [`${PATH}#context_servers.fetch`, lineOf(text, '"fetch"')],
      [`${PATH}#context_servers.remote`, lineOf(text, '"remote"')],
      [`${PATH}#agent.always_allow_tool_actions`, lineOf(text, "always_allow_tool_actions")],
    ]);
  });

  test("command as {path, args, env}, as a string with args, and a url", () => {
    expect(attrs(r.capabilities, "postgres")).toMatchObject({
      client: "zed",
      transport: "stdio",
      command: "npx",
      args: ["-y", "@modelcontextprotocol/server-postgres"],
      env: ["PGPASSWORD"],
      literalSecrets: [],
      package: { name: "@modelcontextprotocol/server-postgres", pinned: false },
    });
    expect(attrs(r.capabilities, "fetch")).toMatchObject({ command: "uvx", enabled: false, package: { runner: "uvx", name: "mcp-server-fetch", version: "2025.4.7", pinned: true } });
    expect(attrs(r.capabilities, "remote")).toMatchObject({ transport: "http", host: "mcp.example.com", headers: ["Authorization"], literalSecrets: [] });
  });

  test("agent.always_allow_tool_actions uses the catalog id", () => {
    expect(SETTING_IDS).toContain("agent.always_allow_tool_actions");
    expect(get(r.capabilities, "always_allow_tool_actions").attrs).toEqual({ client: "zed", setting: "agent.always_allow_tool_actions", value: true });
    const old = zedSettings.parse({ path: PATH, text: '{"assistant": {"always_allow_tool_actions": false}}' }).capabilities;
    expect(old).toEqual([expect.objectContaining({ key: `${PATH}#assistant.always_allow_tool_actions`, attrs: { client: "zed", setting: "agent.always_allow_tool_actions", value: false } })]);
  });

  test("reordering keys changes nothing", () => {
    const a = '{"agent": {"always_allow_tool_actions": true}, "context_servers": {"a": {"command": "x", "args": ["1"]}, "b": {"url": "https://b.test"}}}';
    const b = '{"context_servers": {"b": {"url": "https://b.test"}, "a": {"args": ["1"], "command": "x"}}, "agent": {"always_allow_tool_actions": true}}';
    expect(parse(a).capabilities).toHaveLength(3);
    expect(canon(parse(b).capabilities)).toBe(canon(parse(a).capabilities));
  });

  test("wrong shapes and broken JSONC are parse errors at their line", () => {
    expect(parse('{\n  // servers\n  "context_servers": [1]\n}').problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 3 })]);
    expect(parse('{\n  "a": 1,\n  "b" 2\n}').problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 3 })]);
    expect(parse("[]").problems).toEqual([expect.objectContaining({ line: 1 })]);
    expect(parse('{"theme": "One Dark"}')).toEqual({ capabilities: [], problems: [] });
  });

  test("hostile shapes never throw", () => {
    for (const t of HOSTILE) expect(() => parse(t)).not.toThrow();
  });
});
