// The Gemini policy tests over Gemini CLI's own policy files (real files).
import { geminiPolicy } from "../../src/core/surfaces/gemini-policy.js";
import { lineOf } from "../helpers.js";
import { rules } from "../surfaces/gemini-policy-util.js";
import { corpusFile } from "./files.js";

describe("gemini-policy surface", () => {
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
});
