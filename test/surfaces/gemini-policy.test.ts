import { corpusFile, fixture } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { geminiPolicy } from "../../src/core/surfaces/gemini-policy.js";
import { canon, lineOf } from "./surface-util.js";

const PATH = ".gemini/policies/project.toml";
const parse = (text: string) => geminiPolicy.parse({ path: PATH, text });
const rules = (text: string) => parse(text).capabilities.map((c) => [c.attrs, c.line]);

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

  test("corpus async-pr-review policy: one allow rule per tool and per command prefix", () => {
    const f = corpusFile("google-gemini__gemini-cli/.gemini/skills/async-pr-review/policy.toml");
    const r = geminiPolicy.parse(f);
    expect(r.problems).toEqual([]);
    const caps = r.capabilities;
    expect(caps).toHaveLength(6 + 20 + 20 + 7 + 37);
    expect(caps.every((c) => c.kind === "permission_rule" && c.attrs.list === "allow" && c.attrs.client === "gemini")).toBe(true);
    expect(caps[0]).toEqual({
      kind: "permission_rule",
      key: ".gemini/skills/async-pr-review/policy.toml#rule.allow.write_file".replace("write_file", "read_file"),
      path: ".gemini/skills/async-pr-review/policy.toml",
      line: 3,
      attrs: { client: "gemini", list: "allow", rule: "read_file" },
    });
    const byRule = new Map(caps.map((c) => [(c.attrs as { rule: string }).rule, c.line]));
    expect(byRule.get("write_file")).toBe(8);
    expect(byRule.get("run_shell_command(git status)")).toBe(lineOf(f.text, '"git status"'));
    expect(byRule.get("run_shell_command(gh api)")).toBe(lineOf(f.text, '"gh api"'));
    expect(byRule.get("run_shell_command(npm install)")).toBe(lineOf(f.text, '"npm install"'));
    expect(byRule.get("run_shell_command(env)")).toBe(lineOf(f.text, '"env"'));
  });

  test("corpus extension policies example is invalid TOML (`\\.` escape), as Gemini's own parser says", () => {
    const f = corpusFile("google-gemini__gemini-cli/packages/cli/src/commands/extensions/examples/policies/policies/policies.toml");
    const r = geminiPolicy.parse(f);
    expect(r.capabilities).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ rule: "file.parse-error", path: f.path, line: 16 })]);
  });

  test("the same example with a literal string: ask and deny rules", () => {
    const f = corpusFile("google-gemini__gemini-cli/packages/cli/src/commands/extensions/examples/policies/policies/policies.toml");
    const text = f.text.replace('"(\\.env|id_rsa|passwd)"', "'(\\.env|id_rsa|passwd)'");
    expect(rules(text)).toEqual([
      [{ client: "gemini", list: "ask", rule: "run_shell_command(rm -rf)" }, 9],
      [{ client: "gemini", list: "deny", rule: "grep_search(args:/(\\.env|id_rsa|passwd)/)" }, 16],
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

  test("a rule with no tool and no condition covers every tool", () => {
    expect(rules('[[rule]]\ndecision = "allow"\npriority = 999\n')).toEqual([[{ client: "gemini", list: "allow", rule: "*" }, 1]]);
    expect(rules('[[rule]]\nmcpName = "*"\ntoolName = "*"\ndecision = "ask_user"\npriority = 1\n')).toEqual([[{ client: "gemini", list: "ask", rule: "mcp_*" }, 2]]);
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
