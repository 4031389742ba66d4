import { fixture } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { geminiExtension } from "../../src/core/surfaces/gemini-extension.js";
import { attrs, canon, HOSTILE, reversedJson } from "./surface-util.js";

const PATH = ".gemini/extensions/x/gemini-extension.json";
const parse = (text: string) => geminiExtension.parse({ path: PATH, text });

describe("gemini-extension surface", () => {
  test("routes gemini-extension.json at any depth", () => {
    expect(surfaceFor("gemini-extension.json")?.id).toBe("gemini-extension");
    expect(surfaceFor(".gemini/extensions/x/gemini-extension.json")?.id).toBe("gemini-extension");
  });

  test("fixture mcp-bundle: plugin with an mcp bundle and its node server under ${extensionPath}", () => {
    const path = ".gemini/extensions/tide-tables/gemini-extension.json";
    const r = geminiExtension.parse({ path, text: fixture("gemini-extension/mcp-bundle.json") });
    expect(r.problems).toEqual([]);
    expect(r.capabilities).toEqual([
      {
        kind: "plugin",
        key: `${path}#plugin`,
        path,
        line: 2,
        attrs: { name: "tide-tables", client: "gemini", declaredIn: "manifest", version: "2.0.0-beta.3", bundles: ["mcp"] },
      },
      expect.objectContaining({ kind: "mcp_server", key: `${path}#mcpServers.tideServer`, line: 5 }),
    ]);
    expect(attrs(r.capabilities, "tideServer")).toMatchObject({
      client: "gemini",
      transport: "stdio",
      command: "node",
      args: ["${extensionPath}${/}build${/}tide-server.mjs", "--units", "metric"],
      cwd: "${extensionPath}",
      env: ["TIDE_STATION_CACHE"],
      literalSecrets: [],
      autoApprove: [],
    });
  });

  test("fixture exclude-tools: deny rules, no bundles", () => {
    const path = ".gemini/extensions/publish-guard/gemini-extension.json";
    const r = geminiExtension.parse({ path, text: fixture("gemini-extension/exclude-tools.json") });
    expect(r.problems).toEqual([]);
    expect(attrs(r.capabilities, "#plugin")).toEqual({ name: "publishGuard", client: "gemini", declaredIn: "manifest", version: "0.9.1", bundles: [] });
    expect(r.capabilities.filter((c) => c.kind === "permission_rule")).toEqual([
      {
        kind: "permission_rule",
        key: `${path}#excludeTools.run_shell_command(npm publish)`,
        path,
        line: 5,
        attrs: { client: "gemini", list: "deny", rule: "run_shell_command(npm publish)" },
      },
      {
        kind: "permission_rule",
        key: `${path}#excludeTools.run_shell_command(git tag --delete)`,
        path,
        line: 6,
        attrs: { client: "gemini", list: "deny", rule: "run_shell_command(git tag --delete)" },
      },
      {
        kind: "permission_rule",
        key: `${path}#excludeTools.write_file`,
        path,
        line: 7,
        attrs: { client: "gemini", list: "deny", rule: "write_file" },
      },
    ]);
    expect(r.capabilities).toHaveLength(4);
  });

  test("context file and trusted servers; bundles sorted", () => {
    const text = JSON.stringify(
      {
        name: "ctx",
        version: "2.0.0",
        contextFileName: "GEMINI.md",
        mcpServers: { remote: { httpUrl: "https://mcp.example.com/mcp", trust: true, includeTools: ["search"] } },
        excludeTools: ["write_file", "write_file"],
      },
      null,
      2,
    );
    const r = parse(text);
    expect(attrs(r.capabilities, "#plugin").bundles).toEqual(["context", "mcp"]);
    expect(attrs(r.capabilities, "mcpServers.remote")).toMatchObject({ transport: "http", autoApprove: ["*"], allowedTools: ["search"], host: "mcp.example.com" });
    expect(r.capabilities.filter((c) => c.kind === "permission_rule")).toHaveLength(1);
    expect(canon(parse(reversedJson(text)).capabilities)).toBe(canon(r.capabilities));
  });

  test("a version bump keeps the plugin's key", () => {
    const a = parse(JSON.stringify({ name: "e", version: "1.0.0" })).capabilities[0]!;
    const b = parse(JSON.stringify({ name: "e", version: "1.1.0" })).capabilities[0]!;
    expect(a.key).toBe(b.key);
    expect(b.attrs).toMatchObject({ version: "1.1.0" });
  });

  test("wrong shapes are parse errors at their line", () => {
    expect(parse("[1]").problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 1 })]);
    expect(parse('{\n  "name": "e",\n  "excludeTools": "x"\n}').problems).toEqual([expect.objectContaining({ line: 3 })]);
    expect(parse('{\n  "name": "e",\n  "mcpServers": 5\n}').problems).toEqual([expect.objectContaining({ line: 3 })]);
    expect(parse('{\n  "name": "e",\n  "mcpServers": {\n}').problems).toEqual([expect.objectContaining({ rule: "file.parse-error" })]);
  });

  test("hostile shapes never throw", () => {
    for (const text of HOSTILE) expect(() => parse(text)).not.toThrow();
    expect(parse('{"name": 5, "version": [], "contextFileName": {}}').capabilities).toEqual([
      expect.objectContaining({ kind: "plugin", attrs: { name: "x", client: "gemini", declaredIn: "manifest", bundles: [] } }),
    ]);
  });
});
