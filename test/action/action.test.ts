// The GitHub Action end to end: its entry run against the fake GitHub API (REST at /api/v3, GraphQL
// at /api/graphql) with a real `pull_request` payload file and the variables Actions sets; the
// assertions are on what GitHub received and on what the job leaves behind (exit code, stdout
// workflow commands, job summary, outputs, SARIF).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { CHECK_NAME, STICKY_MARKER } from "../../src/app/report.js";
import { FakeGitHub } from "../fake-github/server.js";
import { ROOT } from "../helpers.js";
import { escalate, lineOf, push, seed } from "../e2e/scenario.js";
import { mergeGroupEvent } from "../e2e/helpers.js";
import { actionEvent, runAction } from "./harness.js";

const require = createRequire(import.meta.url);
const Ajv = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(join(ROOT, "test", "schemas", "sarif-2.1.0-rtm.5.json"), "utf8")));

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await FakeGitHub.start();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  // Only routes GitHub has, and GitHub accepted every request that was not failed on purpose.
  expect(fake.unknown().map((r) => `${r.method} ${r.path}`)).toEqual([]);
  expect(fake.log.filter((r) => r.status >= 400 && !r.faulted).map((r) => [r.route, r.status, r.body])).toEqual([]);
});

const stickies = () => fake.comments.filter((c) => c.body.startsWith(STICKY_MARKER));
const writeRoutes = () => fake.writes().map((r) => r.route);
const annotations = (stdout: string[]) => stdout.filter((l) => /^::(error|warning|notice) file=/.test(l));

function escalatingPr(extraBase: Record<string, string> = {}) {
  const s = seed(fake, extraBase);
  const head = escalate(s.tree);
  const pr = push(s, 7, head);
  return { s, head, pr };
}

describe("a pull request that adds an unpinned MCP server and loosens Codex's approval policy", () => {
  test("fails the job with a check run, annotations, the job summary, one sticky comment, SARIF and outputs", async () => {
    const { head, pr } = escalatingPr();
    const run = await runAction(fake, actionEvent(pr), { inputs: { sarif: "reports/capability-review.sarif" } });

    expect(run.code).toBe(1);
    expect(run.outputs.conclusion).toBe("failure");
    expect(run.outputs.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);

    // The check run, as the app writes it.
    expect(fake.checkRuns).toHaveLength(1);
    const check = fake.checkRuns[0]!;
    expect(check).toMatchObject({ name: CHECK_NAME, head_sha: pr.headSha, status: "completed", conclusion: "failure" });
    expect(check.output.summary).toContain(run.outputs.fingerprint);
    const browserLine = lineOf(head[".mcp.json"]!, '"browser"');
    const approvalLine = lineOf(head[".codex/config.toml"]!, "approval_policy");
    expect(check.annotations.filter((a) => a.message?.includes("mcp.unpinned-package")).map((a) => [a.path, a.start_line])).toEqual([[".mcp.json", browserLine]]);

    // The same annotations as workflow commands on stdout, escaped per the runner's rules.
    const lines = annotations(run.stdout);
    expect(lines).toHaveLength(check.annotations.length);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^::error file=\\.mcp\\.json,line=${browserLine},endLine=${browserLine},title=MCP server package not pinned::high · mcp\\.unpinned-package · needs approval%0A\\S`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^::error file=\\.codex/config\\.toml,line=${approvalLine},endLine=${approvalLine},title=Human approval weakened or removed::critical · settings\\.approval-bypass`)));
    for (const l of lines) expect(l).not.toMatch(/[\r\n]/);

    // The job summary: the report, and how it was delivered.
    expect(run.summary).toMatch(/^## Capability Review: /);
    expect(run.summary).toContain("mcp.unpinned-package");
    expect(run.summary).toContain(run.outputs.fingerprint);
    expect(run.summary).toContain(`Check run **${CHECK_NAME}**: written.`);
    expect(run.summary).toContain("Pull-request comment: posted.");
    expect(run.summary).toContain("SARIF: written to `reports/capability-review.sarif`");
    expect(run.summary).toContain("Slash-command approvals (`/capability-review approve`) need the capability-review GitHub App.");

    // One sticky comment, with the action's next steps (no approvals without the app).
    expect(stickies()).toHaveLength(1);
    expect(stickies()[0]!.body).toContain("mcp.unpinned-package");
    expect(stickies()[0]!.body).toContain("need the capability-review GitHub App");

    // SARIF for code scanning: valid, one result per escalating finding.
    expect(validateSarif(run.sarif)).toBe(true);
    const results = run.sarif.runs[0].results as { ruleId: string; locations: any[] }[];
    expect(results.map((r) => r.ruleId)).toEqual(expect.arrayContaining(["mcp.unpinned-package", "settings.approval-bypass"]));
    expect(run.sarif.runs[0].properties).toEqual({ conclusion: "failure", fingerprint: run.outputs.fingerprint });

    // Reads through the API only: compare and the head's tree (in no fixed order), one GraphQL
    // snapshot, the sticky comment's lookup; writes: the check and the comment.
    expect(fake.reads().map((r) => r.route).sort()).toEqual(["GET /repos/:owner/:repo/compare/:basehead", "GET /repos/:owner/:repo/git/trees/:sha", "GET /repos/:owner/:repo/issues/:number/comments", "POST /graphql"]);
    expect(writeRoutes().sort()).toEqual(["POST /repos/:owner/:repo/check-runs", "POST /repos/:owner/:repo/issues/:number/comments"]);
  });

  test("a second run edits nothing: the sticky comment is found and left as it is", async () => {
    const { pr } = escalatingPr();
    await runAction(fake, actionEvent(pr));
    const comment = { ...stickies()[0]! };
    fake.clearLog();

    const again = await runAction(fake, actionEvent(pr));
    expect(again.code).toBe(1);
    expect(writeRoutes()).toEqual(["POST /repos/:owner/:repo/check-runs"]);
    expect(stickies()).toEqual([comment]);
    expect(again.summary).toContain("Pull-request comment: already up to date.");
  });

  test("with `comment: on-failure`, the comment is kept current: resolved once the escalation goes away", async () => {
    const { s, pr } = escalatingPr();
    await runAction(fake, actionEvent(pr));
    const id = stickies()[0]!.id;
    const fixed = push(s, 7, { "README.md": "# agents\n\nNo agent change after all.\n" });
    const run = await runAction(fake, actionEvent(fixed));

    expect(run.code).toBe(0);
    expect(run.summary).toContain("Pull-request comment: updated in place.");
    expect(stickies().map((c) => c.id)).toEqual([id]);
    expect(stickies()[0]!.body).toContain("Resolved: this PR no longer changes agent capabilities.");
  });

  test("from a fork with a read-only token (403 on every write): still fails the job, writes the summary and says it could not comment", async () => {
    const { pr } = escalatingPr();
    fake.failNext(/^(POST|PATCH|DELETE) \/repos\//, { status: 403, times: 10, body: { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest" } });
    const run = await runAction(fake, actionEvent(pr, { fork: true }), { inputs: { comment: "always" } });

    expect(run.code).toBe(1);
    expect(run.outputs.conclusion).toBe("failure");
    expect(fake.checkRuns).toEqual([]);
    expect(fake.comments).toEqual([]);
    expect(fake.writes().every((r) => r.faulted && r.status === 403)).toBe(true);
    expect(run.summary).toContain("mcp.unpinned-package");
    expect(run.summary).toContain("**Could not comment on the pull request:** this pull request comes from a fork");
    expect(run.summary).toContain("This job's own status is the result.");
    expect(annotations(run.stdout).length).toBeGreaterThan(0);
    expect(run.stdout).toContainEqual("::warning title=Capability Review::Could not comment on the pull request: a pull request from a fork gets a read-only token. The job summary has the report.");
  });

  test("`comment: never` and `fail-on: critical`: no comment is written; only the critical finding blocks, the high ones warn", async () => {
    const { pr } = escalatingPr();
    const run = await runAction(fake, actionEvent(pr), { inputs: { comment: "never", "fail-on": "critical" } });
    expect(run.outputs.conclusion).toBe("failure");
    const levels = (rule: string) => annotations(run.stdout).filter((l) => l.includes(rule)).map((l) => l.slice(0, l.indexOf(" ")));
    expect(levels("settings.approval-bypass")).toEqual(["::error"]);
    expect(levels("mcp.unpinned-package")).toEqual(["::warning"]);
    expect(fake.checkRuns[0]!.annotations.filter((a) => a.annotation_level === "failure").map((a) => a.message)).toEqual([expect.stringMatching(/^critical · settings.approval-bypass · needs approval\n/)]);
    expect(fake.comments).toEqual([]);
    expect(run.summary).toContain("Pull-request comment: off (`comment: never`).");
  });
});

describe("policies and failures", () => {
  test("a PR with no capability change passes: success check, no comment, empty SARIF", async () => {
    const s = seed(fake);
    const pr = push(s, 8, { "README.md": "# agents\n\nNow with more words.\n", "src/app.ts": 'export const greeting = "hi";\n' });
    const run = await runAction(fake, actionEvent(pr), { inputs: { sarif: "out.sarif", comment: "always" } });

    expect(run.code).toBe(0);
    expect(run.outputs.conclusion).toBe("success");
    expect(fake.checkRuns.map((c) => [c.name, c.conclusion, c.output.title])).toEqual([[CHECK_NAME, "success", "No agent capability files changed"]]);
    expect(fake.comments).toEqual([]);
    expect(annotations(run.stdout)).toEqual([]);
    expect(run.summary).toContain("no agent capability files changed");
    expect(run.sarif.runs[0].results).toEqual([]);
  });

  test("a `policy` input at another path is read from the base commit; the PR's own edit of it does not count", async () => {
    const { s } = escalatingPr({ "ci/agents-policy.yml": "mode: warn\n" });
    const pr = push(s, 9, { ...escalate(s.tree), "ci/agents-policy.yml": "mode: enforce\nfail_on: info\n" });
    const run = await runAction(fake, actionEvent(pr), { inputs: { policy: "./ci/agents-policy.yml" } });

    expect(run.outputs.conclusion).toBe("neutral");
    expect(run.code).toBe(0);
    expect(fake.checkRuns[0]!.conclusion).toBe("neutral");
    // on-failure: a neutral review posts no comment.
    expect(fake.comments).toEqual([]);
    expect(run.summary).toContain("Pull-request comment: not posted (`comment: on-failure`, and the review did not fail).");
  });

  test("a `policy` input naming a file missing at the base fails closed, saying so", async () => {
    const { pr } = escalatingPr();
    const run = await runAction(fake, actionEvent(pr), { inputs: { policy: "ci/missing.yml" } });

    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({ conclusion: "failure", fingerprint: "" });
    expect(run.stdout[0]).toMatch(/^::error title=Capability review failed::the policy file ci\/missing\.yml does not exist at the base commit [0-9a-f]{40}$/);
    expect(fake.checkRuns.map((c) => [c.conclusion, c.output.title])).toEqual([["failure", "Capability review failed"]]);
    expect(run.summary).toContain("the review could not complete");
    expect(run.summary).toContain("re-run the workflow job");
  });

  test("a GitHub API error fails closed: failing check, summary and outputs say why", async () => {
    const { pr } = escalatingPr();
    fake.failNext("POST /graphql", { status: 502, body: { message: "Bad Gateway" } });
    const run = await runAction(fake, actionEvent(pr), { inputs: { sarif: "x.sarif" } });

    expect(run.code).toBe(1);
    expect(run.outputs.conclusion).toBe("failure");
    expect(run.sarif).toBeUndefined();
    expect(run.stdout[0]).toMatch(/^::error title=Capability review failed::GitHub API error 502/);
    expect(fake.checkRuns.map((c) => c.conclusion)).toEqual(["failure"]);
    expect(run.summary).toContain("GitHub API error 502");
    expect(run.summary).toContain(`Check run **${CHECK_NAME}**: written.`);
  });

  test("a write that fails for another reason than permissions fails the job, after the summary", async () => {
    const s = seed(fake);
    const pr = push(s, 10, { "README.md": "# changed\n" });
    fake.failNext("POST /repos/:owner/:repo/check-runs", { status: 500 });
    const run = await runAction(fake, actionEvent(pr));
    expect(run.outputs.conclusion).toBe("success");
    expect(run.code).toBe(1);
    expect(run.summary).toContain("**Failed closed:** the check run could not be written: GitHub API error 500");
  });

  test("a merge group is reviewed like the app does: check run and summary, no conversation to comment on", async () => {
    const { pr } = escalatingPr();
    fake.repo("acme", "agents")!.pulls.delete(7);
    const event = mergeGroupEvent({ ...pr, number: 7 });
    const run = await runAction(fake, event, { eventName: "merge_group", inputs: { comment: "always" } });
    expect(run.code).toBe(1);
    expect(fake.checkRuns.map((c) => [c.head_sha, c.conclusion])).toEqual([[pr.headSha, "failure"]]);
    expect(fake.comments).toEqual([]);
    expect(run.summary).toContain("Pull-request comment: none (a merge group has no conversation).");
  });

  test("a merge group whose entry ahead escalates fails, though its own entry (base_sha..head_sha) changes no agent file", async () => {
    const s = seed(fake);
    // The entry ahead (the queue's commit for another pull request) escalates; this entry edits the README only.
    const ahead = s.repo.commit(escalate(s.tree), { parent: s.base, author: "github-merge-queue" });
    const own = s.repo.commit({ "README.md": "# changed\n" }, { parent: ahead, author: "github-merge-queue" });
    const run = await runAction(fake, mergeGroupEvent({ baseSha: ahead, headSha: own, number: 12 }), { eventName: "merge_group" });
    expect(run.code).toBe(1);
    expect(fake.checkRuns.map((c) => [c.head_sha, c.conclusion])).toEqual([[own, "failure"]]);
    expect(fake.checkRuns[0]!.annotations.some((a) => a.path === ".mcp.json")).toBe(true);
  });

  test("a merge_group payload without its base branch fails before any request", async () => {
    const { pr } = escalatingPr();
    const event = mergeGroupEvent({ ...pr, number: 7 });
    delete (event.merge_group as { base_ref?: string }).base_ref;
    fake.clearLog();
    const run = await runAction(fake, event, { eventName: "merge_group" });
    expect(run.code).toBe(1);
    expect(run.stdout[0]).toContain("the merge_group payload names no base branch (base_ref)");
    expect(fake.log).toEqual([]);
  });

  test("not a pull request event, or no token: fails before any request, with a clear message", async () => {
    const s = seed(fake);
    const pr = push(s, 11, { "README.md": "# x\n" });
    const push_ = await runAction(fake, { ref: "refs/heads/main", repository: { full_name: "acme/agents" } }, { eventName: "push" });
    expect(push_.code).toBe(1);
    expect(push_.stdout).toEqual(["::error title=Capability review failed::capability-review reviews pull requests: run it on `pull_request` (or `merge_group`), not on `push`"]);
    expect(push_.summary).toContain("the review could not complete");

    const noToken = await runAction(fake, actionEvent(pr), { inputs: { token: "" } });
    expect(noToken.code).toBe(1);
    expect(noToken.stdout[0]).toContain("no token");
    const badInput = await runAction(fake, actionEvent(pr), { inputs: { comment: "sometimes" } });
    expect(badInput.stdout[0]).toContain("the comment input must be one of always, on-failure, never");
    expect(fake.log).toEqual([]);
  });
});
