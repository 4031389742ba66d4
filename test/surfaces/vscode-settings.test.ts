import { fixture, lineOf } from "../helpers.js";
import { vscodeSettings } from "../../src/core/surfaces/vscode-settings.js";
import { hits, reviewPair } from "../review-helpers.js";
import { attrs } from "./surface-util.js";

const PATH = ".vscode/settings.json";
const text = fixture("vscode-settings/settings.json");
const parse = (t: string) => vscodeSettings.parse({ path: PATH, text: t });

describe("vscode-settings surface", () => {
  const r = parse(text);

  test("JSONC fixture: two MCP servers, the prompted secret, terminal auto-approvals and an instructions location", () => {
    expect(r.problems).toEqual([]);
    expect(r.capabilities.map((c) => [c.kind, c.key, c.line])).toEqual([
      ["mcp_server", `${PATH}#mcp.servers.tracker`, lineOf(text, '"tracker": {')],
      ["mcp_server", `${PATH}#mcp.servers.schema-lint`, lineOf(text, '"schema-lint"')],
      ["agent_setting", `${PATH}#inputs.tracker-token`, lineOf(text, '"promptString"')],
      ["permission_rule", `${PATH}#chat.tools.terminal.autoApprove.allow.terminal(npm test)`, lineOf(text, '"npm test"')],
      ["permission_rule", `${PATH}#chat.tools.terminal.autoApprove.allow.terminal(/^git (status|diff)\\b/)`, lineOf(text, "git (status")],
      ["permission_rule", `${PATH}#chat.tools.terminal.autoApprove.deny.terminal(rm)`, lineOf(text, '"rm"')],
      ["agent_setting", `${PATH}#chat.instructionsFilesLocations`, lineOf(text, "chat.instructionsFilesLocations")],
    ]);
  });

  test("servers are read as VS Code's: a remote one with a header name, an unpinned stdio one", () => {
    expect(attrs(r.capabilities, "mcp.servers.tracker")).toMatchObject({ client: "vscode", transport: "http", host: "mcp.tracker.example.org", headers: ["Authorization"] });
    expect(attrs(r.capabilities, "mcp.servers.schema-lint")).toMatchObject({ command: "npx", package: { name: "schema-lint-mcp", pinned: false } });
  });

  test("the instruction locations are kept by digest, never by value", () => {
    const value = attrs(r.capabilities, "chat.instructionsFilesLocations").value as string;
    expect(value).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test("editor settings alone are no capability", () => {
    expect(parse('{ "editor.tabSize": 2, "files.eol": "\\n" }')).toEqual({ capabilities: [], problems: [] });
  });

  test("a PR turning on auto-approval of every tool is critical; one approving any terminal command too", () => {
    const all = reviewPair({ [PATH]: ["{}", '{ "chat.tools.global.autoApprove": true }'] });
    expect(hits(all, "settings.permission-allow-added").map((f) => [f.line, f.severity])).toEqual([[1, "critical"]]);
    const any = reviewPair({ [PATH]: ["{}", '{\n  "chat.tools.terminal.autoApprove": { "/.*/": true }\n}'] });
    expect(hits(any, "settings.permission-allow-added").map((f) => [f.line, f.severity])).toEqual([[2, "critical"]]);
  });

  test("a PR adding an MCP server to settings.json is reviewed like one in mcp.json", () => {
    const v = reviewPair({ [PATH]: ['{ "editor.tabSize": 2 }', text] });
    expect(hits(v, "mcp.unpinned-package").map((f) => f.path)).toEqual([PATH]);
    expect(v.conclusion).toBe("failure");
  });

  test("a wrong shape of mcp.servers is a parse error at its line", () => {
    const bad = '{\n  "mcp": { "servers": [] }\n}';
    expect(parse(bad).problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 2 })]);
  });
});
