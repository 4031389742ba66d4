import { escalations, hits, json, reviewPair } from "../review-helpers.js";
import { parsePolicy } from "../../src/core/policy.js";
import { review, type FileContent } from "../../src/core/review.js";

describe("file rules (fail closed)", () => {
  it("file.parse-error names the file and line and fails even with fail_on critical", () => {
    const v = reviewPair({ ".mcp.json": [json({ mcpServers: {} }), '{\n  "mcpServers": {\n    "x": { "command": "npx" \n  }\n'] }, "fail_on: critical\nmode: warn\n");
    const [f] = hits(v, "file.parse-error");
    expect(f).toMatchObject({ path: ".mcp.json", severity: "high" });
    expect(f!.message).toMatch(/^\.mcp\.json:\d+: /);
    expect(v.conclusion).toBe("failure");
  });

  it("a policy may not turn file problems off or lower them (rejected, not ignored)", () => {
    for (const text of ["rules:\n  file.parse-error: off\n", "rules:\n  file.unreadable: low\n"]) {
      const r = parsePolicy(text);
      expect(r).toMatchObject({ ok: false, line: 2 });
      if (!r.ok) expect(r.error).toContain("always fails the check");
    }
  });

  it("file.unreadable: binary content, oversize and fetch failures", () => {
    const v = review({ base: new Map(), head: new Map<string, FileContent>([[".mcp.json", new Uint8Array([0x7b, 0, 0x7d])], [".codex/config.toml", { error: "GitHub API: 502" }]]) });
    expect(hits(v, "file.unreadable").map((f) => f.path).sort()).toEqual([".codex/config.toml", ".mcp.json"]);
    expect(v.conclusion).toBe("failure");
  });
});

describe("benign edits are no escalation", () => {
  const settings = { permissions: { allow: ["Bash(npm test)", "Read(./docs/**)"], deny: ["Read(./.env)"] }, env: { A: "1" } };
  it("reordered keys and list items, whitespace and comments", () => {
    const reordered = '{\n  // project settings\n  "env": {"A": "1"},\n  "permissions": {"deny": ["Read(./.env)"], "allow": ["Read(./docs/**)", "Bash(npm test)"]}\n}\n';
    const v = reviewPair({ ".claude/settings.json": [json(settings), reordered] });
    expect(v.changes).toEqual([]);
    expect(v.findings).toEqual([]);
    expect(v.conclusion).toBe("success");
  });

  it("a TOML file that only gains comments and blank lines, with everything moved down", () => {
    const base = 'approval_policy = "on-request"\n[mcp_servers.a]\ncommand = "node"\nargs = ["s.js"]\n';
    const head = '# header comment\n\napproval_policy = "on-request" # inline\n\n[mcp_servers.a]\nargs = ["s.js"]\ncommand = "node"\n';
    const v = reviewPair({ ".codex/config.toml": [base, head] });
    expect(v.changes).toEqual([]);
  });

  it("a file renamed-equal (same bytes) and an unchanged file produce nothing", () => {
    const text = json({ mcpServers: { a: { command: "node" } } });
    expect(reviewPair({ ".mcp.json": [text, text] }).files).toEqual([]);
  });

  it("an explicit default (approval on-request where it was unset) is no escalation", () => {
    const v = reviewPair({ ".codex/config.toml": ["", 'approval_policy = "on-request"\n'] });
    expect(escalations(v)).toEqual([]);
  });
});
