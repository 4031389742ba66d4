import { globMatcher } from "../../src/core/globs.js";

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
});
