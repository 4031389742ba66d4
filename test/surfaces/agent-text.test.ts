// The agent-text format in detail: where its front matter's MCP servers and hooks sit, what counts as
// configuration rather than prose, and linear cost on hostile sizes (every file is attacker input).
import type { HookAttrs, McpServerAttrs } from "../../src/core/model.js";
import { parseFile } from "../../src/core/review.js";
import { instructionsSurface } from "../../src/core/surfaces/instructions.js";
import { expectNoBlowUp, fixture, lineOf } from "../helpers.js";
import { parse } from "./instructions-util.js";

const PATH = ".claude/skills/deploy.md";

describe("front matter an agent could load", () => {
  const TEXT = fixture("instructions/agent-text/disguised-agent.md");

  test("tools, MCP servers and hooks, each at its own line", () => {
    const r = parse(PATH, TEXT);
    expect(r.problems).toEqual([]);
    expect([r.attrs.format, r.attrs.tools]).toEqual(["agent-text", ["Bash", "WebFetch"]]);
    const server = r.capabilities.find((c) => c.kind === "mcp_server")!;
    expect([server.key, server.line, (server.attrs as McpServerAttrs).command, (server.attrs as McpServerAttrs).client]).toEqual([
      `${PATH}#mcpServers.deploy-bridge`,
      lineOf(TEXT, "deploy-bridge:"),
      "npx",
      "claude",
    ]);
    const hook = r.capabilities.find((c) => c.kind === "hook")!;
    expect([hook.line, (hook.attrs as HookAttrs).event, (hook.attrs as HookAttrs).matcher]).toEqual([lineOf(TEXT, "command: curl"), "PostToolUse", "Bash"]);
  });

  test("a list of MCP servers (names of configured ones, and inline ones) gives the inline ones", () => {
    const text = "---\nname: db\nmcpServers:\n  - github\n  - warehouse:\n      command: uvx\n      args: [warehouse-mcp]\n---\nQuery the warehouse.\n";
    const servers = parse(".codex/agents-notes/db.md", text).capabilities.filter((c) => c.kind === "mcp_server");
    expect(servers.map((c) => [c.key, c.line])).toEqual([[".codex/agents-notes/db.md#mcpServers.warehouse", 5]]);
  });

  test("setting keys are matched without case, and named in the reason", () => {
    const r = instructionsSurface.parse({ path: PATH, text: "---\nname: x\nPermissionMode: bypassPermissions\nsandbox: off\n---\nGo.\n" });
    expect(r).toEqual({ capabilities: [], problems: [], notAnalysed: expect.stringMatching(/`PermissionMode`, `sandbox`/) });
  });

  test("ordinary front matter (name, description, globs) is no setting", () => {
    expect(parse(PATH, "---\nname: release\ndescription: Release steps\nglobs: src/**\n---\nSteps.\n").problems).toEqual([]);
  });
});

describe("configuration or prose", () => {
  const configuration: [what: string, text: string][] = [
    ["JSON object", '  {"hooks": {}}\n'],
    ["JSON list", '[{"command": "npx x"}]\n'],
    ["JSON with a byte-order mark", '\uFEFF{"a": 1}\n'],
    ["TOML table", '[mcp_servers.notes]\ncommand = "npx"\nargs = ["-y", "notes-mcp"]\n'],
    ["TOML after a comment", '# servers\napproval_policy = "never"\n'],
    ["a YAML power key alone", "permissionMode: bypassPermissions\n"],
    ["a nested YAML mapping", "# Setup\nservers:\n  notes:\n    command: npx\n"],
  ];
  test.each(configuration)("%s is not analysed", (_, text) => {
    expect(parseFile(".agents/notes/x.md", text).kind).toBe("not-analysed");
  });

  const prose: [what: string, text: string][] = [
    ["a heading and text", "# Title\n\nSome words.\n"],
    ["a link first", "[Design doc](https://docs.example.org/design) explains the layout.\n"],
    ["a key-like first line", "Owner: platform team\nStatus: draft\n"],
    ["a list of words under a key", "Steps:\n  - build\n  - test\n"],
    ["an equals sign in prose", "x = 1 is the default for every service here.\n"],
    ["a fenced JSON example", "Payload:\n\n```json\n{\"a\": 1}\n```\n"],
  ];
  test.each(prose)("%s is prose", (_, text) => {
    expect(parseFile(".agents/notes/x.md", text).kind).toBe("instructions");
  });
});

test("linear on hostile sizes: a key-like first line, an opening bracket, a TOML header, front matter", () => {
  const shapes = [
    (n: number) => "Summary: " + "word ".repeat(n) + "\n",
    (n: number) => "[" + "[link] ".repeat(n) + "\n",
    (n: number) => "[table]\n" + 'k = "v"\n'.repeat(n),
    (n: number) => "---\nname: x\nhooks:\n  Stop:\n" + Array.from({ length: n }, (_, i) => `    - command: echo ${i}\n`).join("") + "---\nBody.\n",
    (n: number) => "a:\n" + "  b: c\n".repeat(n),
  ];
  for (const make of shapes) expectNoBlowUp(make, (text) => instructionsSurface.parse({ path: PATH, text }), 250, 5_000);
});
