import picomatch from "picomatch";
import { globMatcher } from "../../src/core/globs.js";
import { DEFAULT_SCOPE } from "../../src/core/scope.js";
import { SURFACES } from "../../src/core/surfaces/index.js";

describe("globMatcher", () => {
  it("matches any of its globs, dot files included, case-sensitively unless asked", () => {
    const m = globMatcher(["**/.mcp.json", "docs/*.md"]);
    expect([".mcp.json", "a/.mcp.json", "docs/x.md", "docs/a/x.md", "DOCS/x.md"].map(m)).toEqual([true, true, true, false, false]);
    expect(globMatcher(["@Acme/*"], { nocase: true })("@acme/tool")).toBe(true);
    expect(globMatcher(["@Acme/*"])("@acme/tool")).toBe(false);
  });

  it("compiles a glob list once and keeps answering right past its bound", () => {
    expect(globMatcher(["a/*"])).toBe(globMatcher(["a/*"]));
    expect(globMatcher(["a/*"], { nocase: true })).not.toBe(globMatcher(["a/*"]));
    // Enough distinct lists to pass the bound: the cache empties, matching stays right.
    for (let i = 0; i < 5000; i++) expect(globMatcher([`dir${i}/**/${"x".repeat(40)}*`])(`dir${i}/a/${"x".repeat(40)}.json`)).toBe(true);
  });

  it("answers as picomatch's own matcher for the list (it joins the globs' expressions in groups)", () => {
    const scope = [...DEFAULT_SCOPE, ...SURFACES.flatMap((s) => s.patterns)];
    const lists = [
      scope,
      ["**/*.{json,jsonc}", "!(*.md)", "[a-c]/*", "a/**/b", "*.md", ".github/**", "?x", "./a/*", "@(a|b)/x", "+(x|y).txt", "a\\*b", "foo/"],
      ["**"],
      ["*"],
      ["@acme/*", "mcp-server-*", "ghcr.io/org/**"],
    ];
    const paths = [
      "", ".", "..", "x", "a", "a/b", "a/x/b", "a/b/c", "./a/b", "a/*b", "a\\b", "foo", "foo/", "xx", "x.txt", "y.txt",
      "README.md", "docs/a.md", "AGENTS.md", "Agents.md", "sub/AGENTS.md", "sub/.claude/settings.json", ".mcp.json",
      ".MCP.json", "s/.github/hooks/x.json", ".github/workflows/ci.yml", ".github/copilot-instructions.md", "a.json",
      "b/c.jsonc", "@acme/tool", "mcp-server-git", "ghcr.io/org/a/b", "node_modules/.bin/x", ".vscode/settings.json",
      "x/.roo/rules/a.md", ".kiro/specs/f/design.md", "src/index.ts", "é/AGENTS.md", "k/.cursor/rules/r.mdc",
    ];
    for (const globs of lists) {
      for (const nocase of [false, true]) {
        const ours = globMatcher(globs, { nocase });
        const theirs = picomatch(globs, { dot: true, nocase });
        for (const path of [...paths, ...paths.map((p) => p.toLowerCase()), ...globs]) expect([globs.length, nocase, path, ours(path)]).toEqual([globs.length, nocase, path, !!theirs(path)]);
      }
    }
  });
});
