import { fixture } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { continueMcp } from "../../src/core/surfaces/continue-mcp.js";
import { attrs, canon, HOSTILE, lineOf } from "./surface-util.js";

const YAML_PATH = ".continue/mcpServers/mcp.yaml";
const parse = (text: string, path = YAML_PATH) => continueMcp.parse({ path, text });
const text = fixture("continue-mcp/mcp.yaml");

describe("continue-mcp surface", () => {
  test("routes .continue/mcpServers/*.{yaml,yml,json}", () => {
    for (const p of [".continue/mcpServers/a.yaml", ".continue/mcpServers/a.yml", ".continue/mcpServers/a.json", "sub/.continue/mcpServers/a.yaml"]) {
      expect(surfaceFor(p)?.id).toBe("continue-mcp");
    }
    expect(surfaceFor(".continue/rules/a.yaml")?.id).toBeUndefined();
  });

  const r = parse(text);

  test("YAML block: servers keyed by name at their list item's line", () => {
    expect(r.problems).toEqual([]);
    expect(r.capabilities.map((c) => [c.key, c.line])).toEqual([
      [`${YAML_PATH}#mcpServers.commands`, lineOf(text, "name: commands")],
      [`${YAML_PATH}#mcpServers.docs`, lineOf(text, "name: docs")],
      [`${YAML_PATH}#mcpServers.db`, lineOf(text, "name: db")],
    ]);
  });

  test("command, url, env and cwd are normalized", () => {
    expect(attrs(r.capabilities, "commands")).toMatchObject({ client: "continue", transport: "stdio", command: "npx", args: ["-y", "mcp-server-commands"], package: { name: "mcp-server-commands", pinned: false } });
    expect(attrs(r.capabilities, "docs")).toMatchObject({ transport: "http", url: "https://docs.example.com/mcp", host: "docs.example.com" });
    expect(attrs(r.capabilities, "db")).toMatchObject({
      env: ["DB_TOKEN"],
      literalSecrets: [],
      cwd: "tools",
      args: ["mcp-server-sqlite==0.6.2", "--db-path", "./data.db"],
      package: { runner: "uvx", name: "mcp-server-sqlite", version: "0.6.2", pinned: true },
    });
  });

  test("reordering the server list changes nothing", () => {
    const [head, ...items] = text.split(/^(?=  - name:)/m);
    const flipped = [head, ...items.reverse().map((s) => (s.endsWith("\n") ? s : s + "\n"))].join("");
    expect(canon(parse(flipped).capabilities)).toBe(canon(r.capabilities));
  });

  test("a literal secret in a YAML env is flagged and never copied", () => {
    const token = "sk-" + "proj-AbCdEfGhIjKlMnOpQrStUvWx0123456789";
    const y = parse(`name: x\nmcpServers:\n  - name: ai\n    command: node\n    env:\n      OPENAI_API_KEY: ${token}\n`);
    expect(attrs(y.capabilities, "ai").literalSecrets).toEqual(["env.OPENAI_API_KEY"]);
    expect(JSON.stringify(y)).not.toContain(token);
  });

  test("JSON file in another client's map shape (Continue reads those too)", () => {
    const j = parse(fixture("continue-mcp/claude-style.json"), ".continue/mcpServers/claude.json");
    expect(j.problems).toEqual([]);
    expect(j.capabilities.map((c) => [c.key, c.line])).toEqual([[".continue/mcpServers/claude.json#mcpServers.sql-lens", 3]]);
    expect(attrs(j.capabilities, "sql-lens")).toMatchObject({ client: "continue", package: { runner: "uvx", name: "sql-lens-mcp", version: "3.2.0", pinned: true } });
  });

  test("wrong shapes and broken YAML are parse errors at their line", () => {
    expect(parse("name: x\nmcpServers: 5\n").problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 2 })]);
    expect(parse("- a\n- b\n").problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 1 })]);
    expect(parse("name: x\nmcpServers:\n  - name: a\n   command: [\n").problems).toEqual([expect.objectContaining({ rule: "file.parse-error" })]);
    expect(parse("")).toEqual({ capabilities: [], problems: [] });
    expect(parse("name: only-metadata\nversion: 1\n")).toEqual({ capabilities: [], problems: [] });
  });

  test("hostile shapes never throw", () => {
    for (const t of [...HOSTILE, "mcpServers: [1, null, {name: 5, command: [1]}]", "a: &a [*a]", "mcpServers:\n  - {uses: acme/github-mcp}\n"]) {
      expect(() => parse(t)).not.toThrow();
      expect(() => parse(t, ".continue/mcpServers/x.json")).not.toThrow();
    }
    expect(parse("mcpServers:\n  - uses: acme/github-mcp\n").capabilities.map((c) => c.key)).toEqual([`${YAML_PATH}#mcpServers.acme/github-mcp`]);
  });
});
