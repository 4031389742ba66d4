import { fixture, lineOf } from "../helpers.js";
import { vscodeSettings } from "../../src/core/surfaces/vscode-settings.js";
import { escalations, hits, reviewPair } from "../review-helpers.js";
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

  describe("object entries: every field that changes what is approved is part of the rule", () => {
    const SETTING = "chat.tools.terminal.autoApprove";
    const settings = (entries: Record<string, unknown>, setting = SETTING) => JSON.stringify({ [setting]: entries }, null, 2);
    const npm = (entry: unknown) => settings({ "/^npm test/": entry });
    const rulesOf = (t: string) => parse(t).capabilities.map((c) => c.attrs);

    test("regression: matchCommandLine (so `npm test; curl … | sh` is approved) is a new allow rule, not the same one", () => {
      const v = reviewPair({ [PATH]: [npm({ approve: true }), npm({ approve: true, matchCommandLine: true })] });
      expect(v.changes.map((c) => [c.change, c.kind, c.key])).toEqual([
        ["added", "permission_rule", `${PATH}#${SETTING}.allow.terminal(/^npm test/ [matchCommandLine])`],
        ["removed", "permission_rule", `${PATH}#${SETTING}.allow.terminal(/^npm test/)`],
      ]);
      expect(escalations(v).map((f) => [f.rule, f.severity, f.line])).toEqual([["settings.permission-allow-added", "high", 3]]);
      expect(v.conclusion).toBe("failure");
      // An approval of the sub-command rule does not carry over to the command-line one.
      const plain = reviewPair({ [PATH]: ["{}", npm({ approve: true })] });
      const whole = reviewPair({ [PATH]: ["{}", npm({ approve: true, matchCommandLine: true })] });
      expect(whole.fingerprint).not.toBe(plain.fingerprint);
    });

    test("matchCommandLine on a deny entry weakens it: the sub-command deny is removed", () => {
      const v = reviewPair({ [PATH]: [settings({ rm: false }), settings({ rm: { approve: false, matchCommandLine: true } })] });
      expect(escalations(v).map((f) => f.rule)).toEqual(["settings.permission-deny-removed"]);
      expect(rulesOf(settings({ rm: { approve: false, matchCommandLine: true } }))).toEqual([
        { client: "vscode", list: "deny", rule: "terminal(rm [matchCommandLine])", scope: SETTING },
      ]);
    });

    test("matchCommandLine false, or an object with only approve, is the plain rule: no change", () => {
      for (const entry of [{ approve: true }, { approve: true, matchCommandLine: false }]) {
        expect(rulesOf(npm(entry))).toEqual(rulesOf(npm(true)));
        expect(reviewPair({ [PATH]: [npm(true), npm(entry)] }).changes).toEqual([]);
      }
    });

    test("a pattern matching any command stays terminal(*), critical, with matchCommandLine too", () => {
      const any = reviewPair({ [PATH]: ["{}", settings({ "/.*/": { approve: true, matchCommandLine: true } })] });
      expect(hits(any, "settings.permission-allow-added").map((f) => [f.message.includes("`terminal(*)`"), f.severity])).toEqual([[true, "critical"]]);
    });

    test("unknown fields enter the attributes by digest only: the approval of the entry without them does not carry over", () => {
      const secret = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
      const [rule] = rulesOf(npm({ approve: true, futureWidening: secret }));
      expect(rule).toEqual({ client: "vscode", list: "allow", rule: "terminal(/^npm test/)", scope: SETTING, hiddenDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(JSON.stringify(rule)).not.toContain(secret);
      const plain = reviewPair({ [PATH]: ["{}", npm({ approve: true })] });
      const extra = reviewPair({ [PATH]: ["{}", npm({ approve: true, futureWidening: secret })] });
      const other = reviewPair({ [PATH]: ["{}", npm({ approve: true, futureWidening: "x" })] });
      expect(new Set([plain.fingerprint, extra.fingerprint, other.fingerprint]).size).toBe(3);
      // On a rule already there it is a change, never nothing.
      expect(reviewPair({ [PATH]: [npm({ approve: true }), npm({ approve: true, futureWidening: "x" })] }).changes.map((c) => c.change)).toEqual(["changed"]);
    });

    test("matchCommandLine outside the terminal maps, or not a boolean, is an unknown field (digest, same rule text)", () => {
      const url = rulesOf(settings({ "https://example.org": { approve: true, matchCommandLine: true } }, "chat.tools.urls.autoApprove"));
      expect(url).toEqual([expect.objectContaining({ rule: "fetch(https://example.org)", hiddenDigest: expect.any(String) })]);
      expect(rulesOf(npm({ approve: true, matchCommandLine: "yes" }))).toEqual([expect.objectContaining({ rule: "terminal(/^npm test/)", hiddenDigest: expect.any(String) })]);
    });

    test("key order inside an entry does not matter", () => {
      expect(rulesOf(npm({ matchCommandLine: true, x: [1, { b: 2, a: 1 }], approve: true }))).toEqual(rulesOf(npm({ approve: true, x: [1, { a: 1, b: 2 }], matchCommandLine: true })));
    });
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

  test("a password input of mcp.inputs makes `${input:id}` in a server's env a secret", () => {
    const t = JSON.stringify({ mcp: { inputs: [{ type: "promptString", id: "vault", password: true }], servers: { v: { command: "node", args: ["v.js"], env: { VAULT_UPSTREAM: "${input:vault}" } } } } });
    expect(attrs(parse(t).capabilities, "mcp.servers.v").credentials).toEqual({ "env.VAULT_UPSTREAM": ["ref:input:vault"] });
  });
});
