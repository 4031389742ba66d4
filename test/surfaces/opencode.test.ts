import { hiddenDigest } from "../../src/core/secrets.js";
import { fixture } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { opencodeConfig } from "../../src/core/surfaces/opencode.js";
import { attrs, canon, get, HOSTILE, lineOf } from "./surface-util.js";

const PATH = "opencode.jsonc";
const parse = (text: string, path = PATH) => opencodeConfig.parse({ path, text });
const text = fixture("opencode/opencode.jsonc");

describe("opencode surface", () => {
  test("routes opencode.json(c) at the root, in .opencode/ and nested", () => {
    for (const p of ["opencode.json", "opencode.jsonc", ".opencode/opencode.json", ".opencode/opencode.jsonc", "apps/web/opencode.json"]) {
      expect(surfaceFor(p)?.id).toBe("opencode");
    }
  });

  const r = parse(text);
  const caps = r.capabilities;

  test("JSONC fixture parses with every capability", () => {
    expect(r.problems).toEqual([]);
    expect(caps.map((c) => c.key.slice(PATH.length + 1)).sort()).toEqual([
      "agent.review.permission.allow.bash",
      "agent.review.tools.deny.edit",
      "mcp.fs",
      "mcp.sentry",
      "permission.allow.bash(git *)",
      "permission.allow.edit",
      "permission.ask.*",
      "permission.ask.bash",
      "permission.deny.bash(rm *)",
      "permission.deny.webfetch",
      "plugin../plugins/local.ts",
      "plugin.@acme/opencode-audit",
      "plugin.opencode-helicone-session",
      "plugin.opencode-wakatime",
      "provider.proxy.options.baseURL",
      "tools.deny.write",
    ]);
  });

  test("mcp: local command array with environment; remote with headers, disabled", () => {
    expect(get(caps, "#mcp.fs").line).toBe(lineOf(text, '"fs": {'));
    expect(attrs(caps, "#mcp.fs")).toMatchObject({
      client: "opencode",
      transport: "stdio",
      command: "npx",
      args: ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "."],
      env: ["LOG_LEVEL"],
      enabled: true,
      package: { runner: "npx", name: "@modelcontextprotocol/server-filesystem", version: "2025.8.21", pinned: true },
    });
    expect(attrs(caps, "#mcp.sentry")).toMatchObject({ transport: "http", host: "mcp.sentry.dev", headers: ["Authorization"], literalSecrets: [], enabled: false });
  });

  test("permission object: tool decisions and patterns become rule strings", () => {
    const rules = caps.filter((c) => c.kind === "permission_rule" && !c.attrs.scope).map((c) => [c.attrs, c.line]);
    expect(rules).toEqual([
      [{ client: "opencode", list: "ask", rule: "*" }, lineOf(text, '"*": "ask",')],
      [{ client: "opencode", list: "allow", rule: "edit" }, lineOf(text, '"edit": "allow"')],
      [{ client: "opencode", list: "deny", rule: "webfetch" }, lineOf(text, '"webfetch"')],
      [{ client: "opencode", list: "ask", rule: "bash" }, lineOf(text, '"bash": {')],
      [{ client: "opencode", list: "allow", rule: "bash(git *)" }, lineOf(text, '"bash": {')],
      [{ client: "opencode", list: "deny", rule: "bash(rm *)" }, lineOf(text, '"bash": {')],
      [{ client: "opencode", list: "deny", rule: "write" }, lineOf(text, '"tools": {')],
    ]);
  });

  test("agent permissions and tools are scoped to the agent", () => {
    expect(attrs(caps, "agent.review.permission.allow.bash")).toEqual({ client: "opencode", list: "allow", rule: "bash", scope: "review" });
    expect(attrs(caps, "agent.review.tools.deny.edit")).toEqual({ client: "opencode", list: "deny", rule: "edit", scope: "review" });
  });

  test("permission as one string covers everything", () => {
    const all = parse('{\n  "permission": "allow"\n}', "opencode.json").capabilities;
    expect(all).toEqual([
      { kind: "permission_rule", key: "opencode.json#permission.allow.*", path: "opencode.json", line: 2, attrs: { client: "opencode", list: "allow", rule: "*" } },
    ]);
    // ask → allow is a different key: it reads as a new allow rule.
    expect(parse('{"permission": "ask"}').capabilities[0]!.key).not.toBe(parse('{"permission": "allow"}').capabilities[0]!.key);
    // `bash: "allow"` and `bash: {"*": "allow"}` are the same rule.
    expect(canon(parse('{"permission": {"bash": "allow"}}').capabilities)).toBe(canon(parse('{"permission": {"bash": {"*": "allow"}}}').capabilities));
  });

  test("plugins: npm packages with pinned flags; a local file", () => {
    expect(attrs(caps, "plugin.opencode-helicone-session")).toEqual({
      name: "opencode-helicone-session",
      client: "opencode",
      declaredIn: "settings",
      enabled: true,
      source: { type: "npm", location: "opencode-helicone-session", pinned: false },
      bundles: [],
    });
    expect(attrs(caps, "plugin.@acme/opencode-audit")).toMatchObject({ version: "1.4.2", source: { type: "npm", location: "@acme/opencode-audit", pinned: true } });
    expect(attrs(caps, "plugin.opencode-wakatime")).toMatchObject({ version: "latest", source: { pinned: false } });
    expect(attrs(caps, "plugin../plugins/local.ts").source).toEqual({ type: "local", location: "./plugins/local.ts", pinned: true });
    expect(get(caps, "plugin.@acme/opencode-audit").line).toBe(lineOf(text, '"plugin"'));
    // A version bump keeps the key.
    const bump = parse(JSON.stringify({ plugin: ["@acme/opencode-audit@1.5.0"] })).capabilities[0]!;
    expect(bump.key).toBe(`${PATH}#plugin.@acme/opencode-audit`);
  });

  test("provider baseURL is a model endpoint, without credentials or query values", () => {
    const s = attrs(caps, "provider.proxy.options.baseURL");
    // What is stripped still binds an approval, as the digest of the URL as written.
    expect(s).toEqual({ client: "opencode", setting: "model_endpoint", value: "https://llm.example.com/v1?key=…", hiddenDigest: hiddenDigest("https://user:pw@llm.example.com/v1?key=abc") });
    expect(JSON.stringify(caps)).not.toContain("pw@");
    expect(JSON.stringify(caps)).not.toContain("abc");
  });

  test("reordering keys, servers and plugins changes nothing", () => {
    const plain = JSON.stringify({
      plugin: ["a-plugin", "b-plugin@1.0.0"],
      mcp: { a: { type: "local", command: ["node", "a.js"] }, b: { type: "remote", url: "https://b.test/mcp" } },
      permission: { bash: { "git *": "allow", "*": "ask" }, edit: "deny" },
      tools: { x: false, y: false },
    });
    const flipped = JSON.stringify({
      tools: { y: false, x: false },
      permission: { edit: "deny", bash: { "*": "ask", "git *": "allow" } },
      mcp: { b: { url: "https://b.test/mcp", type: "remote" }, a: { command: ["node", "a.js"], type: "local" } },
      plugin: ["b-plugin@1.0.0", "a-plugin"],
    });
    expect(parse(plain).capabilities).toHaveLength(9);
    expect(canon(parse(flipped).capabilities)).toBe(canon(parse(plain).capabilities));
  });

  test("wrong shapes are parse errors at their line", () => {
    expect(parse('{\n  "mcp": [],\n}').problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 2 })]);
    expect(parse('{\n\n  "plugin": "x"\n}').problems).toEqual([expect.objectContaining({ line: 3 })]);
    expect(parse('{\n  "permission": 5\n}').problems).toEqual([expect.objectContaining({ line: 2 })]);
    expect(parse('{\n  "mcp": {\n    "a": {"type": "local"\n  }\n}').problems).toEqual([expect.objectContaining({ rule: "file.parse-error" })]);
    expect(parse('"x"').problems).toEqual([expect.objectContaining({ line: 1 })]);
  });

  test("hostile shapes never throw", () => {
    for (const t of HOSTILE) expect(() => parse(t)).not.toThrow();
    const odd = parse('{"permission": {"bash": {"x": 5, "y": "maybe"}, "edit": "sometimes"}, "plugin": [5, "", null], "tools": {"a": "no"}}');
    expect(odd).toEqual({ capabilities: [], problems: [] });
  });
});
