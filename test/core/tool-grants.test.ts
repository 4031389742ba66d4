// The one grade for tool grants (tool-grants.ts), case by case, and its cost on hostile rule strings.
import { gradeTool, isWildcardRule } from "../../src/core/tool-grants.js";
import { expectNoBlowUp } from "../helpers.js";

const grade = (rule: string, opts?: Parameters<typeof gradeTool>[1]) => gradeTool(rule, opts).severity;

describe("gradeTool", () => {
  it("critical: a whole shell or every tool, in every client's spelling", () => {
    for (const r of ["Bash", "Bash(*)", "Bash(:*)", "bash(*)", "run_shell_command", "ShellTool", "execute_bash", "runCommands", "execute/runInTerminal", "terminal(*)", "*", "mcp__*", "mcp_*", "@builtin"]) {
      expect([r, grade(r)]).toEqual([r, "critical"]);
      expect(isWildcardRule(r)).toBe(true);
    }
    expect(isWildcardRule("Bash(git status)")).toBe(false);
  });

  it("MCP tools by their names: readers medium, anything that acts high, a whole server high", () => {
    const cases: Array<[string, string]> = [
      ["mcp__github__list_issues", "medium"],
      ["mcp__github__issue_read", "medium"],
      ["mcp__ide__getDiagnostics", "medium"],
      ["mcp_jira_search", "medium"],
      ["@git/git_status", "medium"],
      ["github/get_file_contents", "medium"],
      ["mcp__github__create_pull_request", "high"],
      ["mcp__github__list_and_delete_branches", "high"], // a reading word does not hide an acting one
      ["mcp__db__query", "high"],
      ["mcp__browser__navigate", "high"],
      ["mcp__context7__resolve-library-id", "high"], // not known to read: fail closed
      ["mcp__github", "high"],
      ["mcp__github__*", "high"],
      ["github/*", "high"],
      ["@github", "high"],
    ];
    expect(cases.map(([r]) => [r, grade(r)])).toEqual(cases);
  });

  it("built-in tools of each client", () => {
    const cases: Array<[string, string]> = [
      ["Read", "medium"], ["Grep", "medium"], ["TodoWrite", "medium"], ["Task", "medium"], ["read_file", "medium"], ["codebase", "medium"], ["fs_read", "medium"],
      ["google_web_search", "medium"], ["edit/editFiles", "high"], ["Write", "high"], ["write_file", "high"], ["WebFetch", "high"], ["fetch", "high"],
      ["save_memory", "high"], ["use_aws", "high"], ["runTests", "high"], ["SlashCommand", "high"],
    ];
    expect(cases.map(([r]) => [r, grade(r)])).toEqual(cases);
  });

  it("a prefix specifier (Gemini, VS Code) leaves the arguments open; an exact one (Claude) does not", () => {
    expect(grade("run_shell_command(git log)", { match: "prefix" })).toBe("high");
    expect(grade("Bash(git log)")).toBe("medium");
    expect(grade("Bash(git log --output=/tmp/x)")).toBe("high");
    expect(grade("Bash(sort -uo out.txt in.txt)")).toBe("high"); // `-o` in a bundle of short flags
    expect(grade("Bash(node --version)")).toBe("medium");
    expect(grade("run_shell_command(node --version)", { match: "prefix" })).toBe("high");
    expect(grade("execute_bash(ls -la)", { match: "regex" })).toBe("medium");
    expect(grade("execute_bash(ls (-la)?)", { match: "regex" })).toBe("high");
    // Amazon Q matches its anchored pattern against the whole line: `.*` also matches `ls ; curl x | sh`.
    expect(grade("execute_bash(ls .*)", { match: "regex" })).toBe("high");
  });

  it("a rule that cannot be read is high, not a crash", () => {
    for (const r of ["Bash(ls", "(x)", "Bash(ls) && curl", "Bash(ls\n)", "", "Edit(docs/*.md"]) expect([r, grade(r)]).toEqual([r, "high"]);
    expect(grade("write_file(args:/\"file_path\":\"plans/[\\w-+\\.md\"/)")).toBe("high"); // unterminated class
    expect(grade("write_file(args:/\"file_path\":\"plans/(a|b)\\.md\"/)")).toBe("high"); // alternation: not followed
  });

  it("grows linearly on long hostile rules", () => {
    const make = (n: number) => [
      `Bash(${"git ".repeat(n)}:*)`,
      `Bash(${"-c ".repeat(n)})`,
      `mcp__${"a__".repeat(n)}b`,
      `mcp_${"x_".repeat(n)}`,
      `write_file(args:/"file_path":"${"[\\w-]+/".repeat(n)}x.md"/)`,
      `write_file(args:/"file_path":"${"[".repeat(n)}/)`,
      `Edit(${"a/".repeat(n)}*.md)`,
      `tool_${"getX".repeat(n)}`,
    ];
    expectNoBlowUp(make, (rules) => rules.forEach((r) => gradeTool(r)), 500, 10_000);
  });
});
