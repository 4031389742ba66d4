// The Action's plumbing without GitHub: workflow-command escaping (the runner's rules), inputs as
// Actions passes them, action.yml against what the code reads, and the committed bundle running.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { escapeData, escapeProperty, workflowCommand, writeOutputs } from "../../src/action/workflow.js";
import { input, repoPath } from "../../src/action/inputs.js";
import { ROOT } from "../helpers.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

describe("workflow commands", () => {
  test("message data escapes %, CR and LF; properties also : and ,", () => {
    expect(escapeData("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext: a, b");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
  });

  test("an annotation command cannot be broken out of by a hostile path, title or message", () => {
    const cmd = workflowCommand("error", { file: "evil,line=1::x.json", line: 3, title: "t::\n::warning::boo" }, "msg\n::set-output name=x::y");
    expect(cmd).toBe("::error file=evil%2Cline=1%3A%3Ax.json,line=3,title=t%3A%3A%0A%3A%3Awarning%3A%3Aboo::msg%0A::set-output name=x::y");
    expect(cmd.split("\n")).toHaveLength(1);
    expect(workflowCommand("error", { title: undefined, file: "" }, "plain")).toBe("::error::plain");
  });

  test("outputs: single-line values as name=value, multi-line ones with a delimiter", () => {
    const file = join(mkdtempSync(join(tmpdir(), "cr-out-")), "out");
    writeOutputs(file, { conclusion: "failure", note: "two\nlines" });
    expect(readFileSync(file, "utf8")).toBe("conclusion=failure\nnote<<CAPABILITY_REVIEW_EOF\ntwo\nlines\nCAPABILITY_REVIEW_EOF\n");
  });
});

describe("inputs", () => {
  test("read as the runner names them: INPUT_ + upper case, hyphens kept, trimmed", () => {
    expect(input({ "INPUT_FAIL-ON": " high " }, "fail-on")).toBe("high");
    expect(input({}, "sarif")).toBe("");
  });

  test("the policy path stays inside the repository", () => {
    expect(repoPath("./ci/policy.yml", "policy")).toBe("ci/policy.yml");
    expect(repoPath("/ci/policy.yml", "policy")).toBe("ci/policy.yml");
    for (const bad of ["../x.yml", "a//b.yml", "a/./b.yml", "ci/"]) expect(() => repoPath(bad, "policy")).toThrow("inside the repository");
  });
});

describe("action.yml and the bundle", () => {
  const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8"));

  test("runs the committed bundle on node24, with the documented inputs and outputs", () => {
    expect(action.runs).toEqual({ using: "node24", main: "action/dist/index.mjs" });
    expect(Object.keys(action.inputs).sort()).toEqual(["comment", "fail-on", "policy", "sarif", "token"]);
    expect(action.inputs.policy.default).toBe(".github/capability-review.yml");
    expect(action.inputs.comment.default).toBe("on-failure");
    expect(action.inputs.token.default).toBe("${{ github.token }}");
    expect(Object.keys(action.outputs).sort()).toEqual(["conclusion", "fingerprint"]);
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
  });

  test("the bundle loads and fails closed without a token", () => {
    const r = spawnSync(process.execPath, [join(ROOT, action.runs.main)], { env: { PATH: process.env.PATH ?? "" }, encoding: "utf8", timeout: 30_000 });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("::error title=Capability review failed::no token: the `token` input is empty (its default is `${{ github.token }}`)\n");
    expect(r.status).toBe(1);
  });
});
