import { expectNoBlowUp, fixture } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { geminiPolicy } from "../../src/core/surfaces/gemini-policy.js";
import { canon, lineOf } from "./surface-util.js";
import { parse, PATH, rules } from "./gemini-policy-util.js";

/** The same policy with its `[[rule]]` blocks in reverse order. */
function reverseRules(text: string): string {
  const [head, ...blocks] = text.split(/^(?=\[\[rule\]\])/m);
  return [head, ...blocks.map((b) => b.trimEnd() + "\n\n").reverse()].join("");
}

describe("gemini-policy surface", () => {
  test("routes policy TOML here and prompt commands to instructions", () => {
    for (const p of [
      ".gemini/policies/a.toml",
      "pkg/.gemini/policies/a.toml",
      ".gemini/skills/async-pr-review/policy.toml",
      ".gemini/extensions/x/policies/rules.toml",
      "my-extension/policies/policies.toml",
    ]) {
      expect(surfaceFor(p)?.id).toBe("gemini-policy");
    }
    expect(surfaceFor(".gemini/commands/oncall/pr-review.toml")?.id).toBe("instructions");
    expect(surfaceFor(".gemini/commands/review.toml")?.id).toBe("instructions");
    expect(surfaceFor(".codex/config.toml")?.id).not.toBe("gemini-policy");
  });

  test("fixture skill policy: one allow rule per tool and per command prefix", () => {
    const path = ".gemini/skills/release-notes/policy.toml";
    const text = fixture("gemini-policy/skill-policy.toml");
    const r = geminiPolicy.parse({ path, text });
    expect(r.problems).toEqual([]);
    const caps = r.capabilities;
    expect(caps).toHaveLength(6 + 12 + 6 + 5 + 14);
    expect(caps.every((c) => c.kind === "permission_rule" && c.attrs.list === "allow" && c.attrs.client === "gemini")).toBe(true);
    expect(caps[0]).toEqual({
      kind: "permission_rule",
      key: `${path}#rule.allow.read_file`,
      path,
      line: 3,
      attrs: { client: "gemini", list: "allow", rule: "read_file" },
    });
    const byRule = new Map(caps.map((c) => [(c.attrs as { rule: string }).rule, c.line]));
    expect(byRule.get("read_many_files")).toBe(8);
    expect(byRule.get("save_memory")).toBe(28);
    // A prefix is found as the whole quoted string, not inside a longer prefix listed before it.
    expect(byRule.get("run_shell_command(git log --oneline)")).toBe(lineOf(text, '"git log --oneline"'));
    expect(byRule.get("run_shell_command(git log)")).toBe(lineOf(text, '"git log --oneline"') + 1);
    expect(byRule.get("run_shell_command(git status)")).toBe(lineOf(text, '"git status"'));
    expect(byRule.get("run_shell_command(git st)")).toBe(lineOf(text, '"git status"') + 1);
    expect(byRule.get("run_shell_command(gh api)")).toBe(lineOf(text, '"gh api"'));
    expect(byRule.get("run_shell_command(gh api graphql)")).toBe(lineOf(text, '"gh api"') - 1);
    expect(byRule.get("run_shell_command(npm run)")).toBe(lineOf(text, '"npm run"'));
    expect(byRule.get("run_shell_command(env)")).toBe(lineOf(text, '"env"'));
    expect(byRule.get("run_shell_command(printenv)")).toBe(lineOf(text, '"env"') - 1);
    expect(byRule.get("run_shell_command(column)")).toBe(lineOf(text, '"column"'));
  });

  test("fixture extension policy is invalid TOML (`\\.` escape), as Gemini's own parser says", () => {
    const path = ".gemini/extensions/vault-guard/policies/policies.toml";
    const text = fixture("gemini-policy/extension-invalid.toml");
    const r = geminiPolicy.parse({ path, text });
    expect(r.capabilities).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ rule: "file.parse-error", path, line: 13 })]);
    expect(lineOf(text, "argsPattern = ")).toBe(13);
  });

  test("the same policy with a literal string: ask and deny rules, the safety checker is no rule", () => {
    const original = fixture("gemini-policy/extension-invalid.toml");
    const text = original.replace('"(\\.npmrc|known_hosts|shadow)"', "'(\\.npmrc|known_hosts|shadow)'");
    expect(text).not.toBe(original);
    expect(rules(text)).toEqual([
      [{ client: "gemini", list: "ask", rule: "run_shell_command(git reset --hard)" }, 6],
      [{ client: "gemini", list: "deny", rule: "read_many_files(args:/(\\.npmrc|known_hosts|shadow)/)" }, 13],
    ]);
  });

  test("fixture: tool arrays, prefixes, regex, MCP names, sub-agent scope; no decision, no rule", () => {
    const text = fixture("gemini-policy/project.toml");
    const r = parse(text);
    expect(r.problems).toEqual([]);
    expect(r.capabilities.map((c) => [c.key.slice(PATH.length + 1), c.attrs, c.line])).toEqual([
      ["rule.allow.write_file", { client: "gemini", list: "allow", rule: "write_file" }, 3],
      ["rule.allow.replace", { client: "gemini", list: "allow", rule: "replace" }, 3],
      ["rule.allow.run_shell_command(git status)", { client: "gemini", list: "allow", rule: "run_shell_command(git status)" }, 9],
      ["rule.allow.run_shell_command(npm test)", { client: "gemini", list: "allow", rule: "run_shell_command(npm test)" }, 9],
      ["rule.ask.run_shell_command(/git (commit|push)/)", { client: "gemini", list: "ask", rule: "run_shell_command(/git (commit|push)/)" }, 15],
      ["rule.allow.mcp_jira_search", { client: "gemini", list: "allow", rule: "mcp_jira_search" }, 21],
      ["rule.deny.mcp_untrusted_*", { client: "gemini", list: "deny", rule: "mcp_untrusted_*" }, 25],
      ["rule.allow.researcher.web_fetch", { client: "gemini", list: "allow", rule: "web_fetch", scope: "researcher" }, 31],
    ]);
  });

  test("keys do not depend on rule order; the decision is part of the key", () => {
    const text = fixture("gemini-policy/project.toml");
    const a = parse(text).capabilities;
    expect(canon(parse(reverseRules(text)).capabilities)).toBe(canon(a));
    const ask = parse('[[rule]]\ntoolName = "run_shell_command"\ndecision = "ask_user"\npriority = 1\n').capabilities[0]!;
    const allow = parse('[[rule]]\ntoolName = "run_shell_command"\ndecision = "allow"\npriority = 1\n').capabilities[0]!;
    expect(ask.key).not.toBe(allow.key);
    expect(allow.attrs).toEqual({ client: "gemini", list: "allow", rule: "run_shell_command" });
  });

  test("a rule's line is where its own field names the text, not another key quoting it", () => {
    const text = [
      "[[rule]]",
      'toolName = "run_shell_command"',
      'denyMessage = "never run \\"rm\\" or \\"git\\" here"',
      "commandPrefix = [",
      '  "git",',
      '  "rm",',
      "]",
      'decision = "deny"',
      "",
      "[[rule]]",
      'denyMessage = "the \\"shell\\" tool is off"',
      'toolName = "shell"',
      'decision = "deny"',
    ].join("\n");
    const lines = new Map(geminiPolicy.parse({ path: ".gemini/policies/p.toml", text }).capabilities.map((c) => [(c.attrs as { rule: string }).rule, c.line]));
    expect(lines).toEqual(
      new Map([
        ["run_shell_command(git)", 5],
        ["run_shell_command(rm)", 6],
        ["shell", 12],
      ]),
    );
  });

  test("a rule block holding a long line of a bracket and spaces is read in linear time", () => {
    const policy = (n: number) => `[[rule]]\ndenyMessage = """\n[${" ".repeat(n)}\n"""\ntoolName = "shell"\ndecision = "deny"\n`;
    expect(parse(policy(10)).capabilities.map((c) => c.line)).toEqual([5]);
    expectNoBlowUp(policy, (text) => parse(text), 2_000, 40_000);
  });

  test("a rule with no tool and no condition covers every tool", () => {
    expect(rules('[[rule]]\ndecision = "allow"\npriority = 999\n')).toEqual([[{ client: "gemini", list: "allow", rule: "*" }, 1]]);
    // The tool's own line: `"*"` on the mcpName line above is the server, not the tool.
    expect(rules('[[rule]]\nmcpName = "*"\ntoolName = "*"\ndecision = "ask_user"\npriority = 1\n')).toEqual([[{ client: "gemini", list: "ask", rule: "mcp_*" }, 3]]);
  });

  test("malformed TOML and wrong shapes are parse errors at their line", () => {
    expect(parse('[[rule]]\ntoolName = "x"\ndecision = \n').problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 3 })]);
    expect(parse('# x\n\n[rule]\ntoolName = "x"\n').problems).toEqual([expect.objectContaining({ rule: "file.parse-error", line: 3 })]);
    expect(parse('title = "no rules"\n')).toEqual({ capabilities: [], problems: [] });
  });

  test("hostile shapes never throw", () => {
    for (const text of ["", "rule = 5", "rule = [1, 'x', {toolName = 5, decision = 'allow'}]", "[[rule]]\ntoolName = [1, {a = 1}]\ndecision = 'deny'\ncommandPrefix = 5", "a = " + "[".repeat(100) + "]".repeat(100)]) {
      expect(() => parse(text)).not.toThrow();
    }
  });
});
