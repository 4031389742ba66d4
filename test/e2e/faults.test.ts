// Faults of the GitHub API, end to end: every one ends in a completed check that says why (never a
// silent success, never a crash, never a check left in progress). With the production client's
// retries (the `retry` harness, waits shrunk to milliseconds) transient faults are retried and the
// review then completes as if nothing had happened.
import { CHECK_NAME, STICKY_MARKER } from "../../src/app/report.js";
import { OWNER, pullRequestEvent, REPO, startHarness, type Harness, type PullRef } from "./helpers.js";
import { blobSha } from "../fake-github/repo.js";
import { escalate, push, seed } from "./scenario.js";

const GRAPHQL = "POST /graphql";
const COMPARE = "GET /repos/:owner/:repo/compare/:basehead";
const TREE = "GET /repos/:owner/:repo/git/trees/:sha";
const CHECK = "POST /repos/:owner/:repo/check-runs";
const COMMENT = "POST /repos/:owner/:repo/issues/:number/comments";
const SECONDARY = { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits" };

/** Every check is completed and none of them passes; exactly one of them is on `pr`'s head. */
function failedCheck(h: Harness, pr: PullRef) {
  expect(h.fake.checkRuns.map((r) => [r.status, r.conclusion])).not.toContainEqual(["completed", "success"]);
  expect(h.fake.checkRuns.filter((r) => r.status !== "completed")).toEqual([]);
  const mine = h.fake.checkRuns.filter((r) => r.head_sha === pr.headSha);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ name: CHECK_NAME, status: "completed", conclusion: "failure" });
  return mine[0]!;
}

/** An escalating pull request on a fresh repository. */
function escalatingPr(h: Harness, number: number): PullRef {
  const s = seed(h.fake);
  return push(s, number, escalate(s.tree));
}

async function open(h: Harness, pr: PullRef): Promise<void> {
  // A fault never crashes the handler: Probot answers 200 after it returns.
  expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
}

describe("without retries: each fault is reported on the check", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    delete process.env.GITHUB_REQUEST_TIMEOUT_MS;
    await h.close();
  });
  afterEach(() => {
    delete process.env.GITHUB_REQUEST_TIMEOUT_MS;
    expect(h.fake.unknown().map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  test.each([
    ["500 on the file list (compare)", COMPARE, 500, /GitHub API error 500 on GET \/repos\/acme\/agents\/compare\/.*fake fault 500/],
    ["502 on the GraphQL snapshot", GRAPHQL, 502, /GitHub API error 502 on POST \/graphql/],
    ["404 on the file list (the head commit is gone)", COMPARE, 404, /GitHub API error 404 on GET .*compare/],
    ["500 on the head's tree (links and case)", TREE, 500, /GitHub API error 500 on GET \/repos\/acme\/agents\/git\/trees\//],
  ])("%s: a failed check with the status and the request", async (_name, route, status, reason) => {
    const pr = escalatingPr(h, 30);
    h.fake.failNext(route, { status });
    await open(h, pr);
    const run = failedCheck(h, pr);
    expect(run.output.title).toBe("Capability review failed");
    expect(run.output.summary).toMatch(reason);
    expect(run.output.summary).toMatch(/fails closed/);
    expect(h.fake.comments).toEqual([]);
  });

  test("403 secondary rate limit with retry-after, not retried here: a failed check that names the limit", async () => {
    const pr = escalatingPr(h, 31);
    h.fake.failNext(GRAPHQL, { status: 403, headers: { "retry-after": "1" }, body: SECONDARY });
    await open(h, pr);
    expect(failedCheck(h, pr).output.summary).toMatch(/GitHub API error 403 on POST \/graphql: You have exceeded a secondary rate limit/);
  });

  test("404 for a file's content at the head (a large file read from the blob API): a file.unreadable finding on that file", async () => {
    const s = seed(h.fake);
    const head = escalate(s.tree);
    const pr = push(s, 32, head);
    h.fake.textLimit = 64; // every file is "truncated" by GraphQL and read from the blob API
    try {
      h.fake.failNext(new RegExp(`^GET /repos/${OWNER}/${REPO}/git/blobs/${blobSha(Buffer.from(head[".mcp.json"]!))}$`), { status: 404 });
      await open(h, pr);
    } finally {
      h.fake.textLimit = 512 * 1024;
    }
    const run = failedCheck(h, pr);
    const unreadable = run.annotations.filter((a) => a.message?.includes("file.unreadable"));
    expect(unreadable.map((a) => [a.path, a.message])).toEqual([[".mcp.json", expect.stringMatching(/404/)]]);
    // The review itself completed: the other file's escalation is reported too, and no Approve
    // button is offered on a file nobody could read.
    expect(run.annotations.some((a) => a.path === ".codex/config.toml" && a.message?.includes("settings.approval-bypass"))).toBe(true);
    expect(run.actions).toEqual([]);
  });

  test("a request that hangs past the client's time limit: a failed check saying it timed out", async () => {
    process.env.GITHUB_REQUEST_TIMEOUT_MS = "150";
    const pr = escalatingPr(h, 33);
    // Held unanswered until the test ends: the client's limit, not the machine's speed, decides.
    const hung = h.fake.hold(GRAPHQL);
    await open(h, pr);
    hung.release();
    expect(failedCheck(h, pr).output.summary).toMatch(/GitHub API request timed out on POST \/graphql: GitHub did not answer within 150 ms/);
  });

  test("the check write itself hangs: the failure check that follows says so (no check left unwritten)", async () => {
    process.env.GITHUB_REQUEST_TIMEOUT_MS = "150";
    const pr = escalatingPr(h, 34);
    const hung = h.fake.hold(CHECK);
    await open(h, pr);
    // The hung write is still unanswered: the check the app wrote after it is the failure.
    expect(h.fake.requests({ route: CHECK })).toHaveLength(2);
    expect(h.fake.checkRuns).toHaveLength(1);
    hung.release();
    expect(h.fake.checkRuns.at(-1)!.output.summary).toMatch(/timed out on POST \/repos\/acme\/agents\/check-runs/);
    expect(h.fake.checkRuns.every((r) => r.status === "completed" && r.conclusion === "failure")).toBe(true);
  });

  test.each([
    ["truncated JSON", { status: 200, raw: '{"data":{"repository":{"b0":{"text":"{\\"mcpServers\\": {' }, /incomplete or malformed \(the answer is not a JSON object/],
    ["a body that is not JSON", { status: 200, raw: "<html>504 Gateway Time-out</html>", headers: { "content-type": "text/html" } }, /incomplete or malformed \(the answer is not a JSON object/],
    ["valid JSON without the files asked for", { status: 200, body: { data: { repository: {} } } }, /incomplete or malformed \(file 1 of \d+ is missing/],
    ["a file node of the wrong shape", { status: 200, body: { data: { repository: { b0: { text: 42 } } } } }, /incomplete or malformed \(file 1 of \d+ is malformed/],
    ["an error and no data", { status: 200, body: { data: null, errors: [{ type: "TIMEOUT", message: "Timeout on validation of query" }] } }, /Timeout on validation of query/],
  ])("a GraphQL answer with %s: a failed check, never a review of missing files", async (_name, fault, reason) => {
    const pr = escalatingPr(h, 35);
    h.fake.failNext(GRAPHQL, fault);
    await open(h, pr);
    expect(failedCheck(h, pr).output.summary).toMatch(reason);
    expect(h.fake.comments).toEqual([]);
  });

  test("a failed comment write after the check: the check stands (failure, with the findings), nothing crashes", async () => {
    const pr = escalatingPr(h, 36);
    h.fake.failNext(COMMENT, { status: 502 });
    await open(h, pr);
    const run = failedCheck(h, pr);
    expect(run.output.title).not.toBe("Capability review failed");
    expect(run.annotations.some((a) => a.message?.includes("mcp.unpinned-package"))).toBe(true);
  });

  test("hostile files in a pull request: file findings on the check, no Approve button, no crash", async () => {
    const s = seed(h.fake);
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ..."bcdefghi".split("").map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`)].join("\n");
    const headSha = s.repo.commit(
      {
        ".github/workflows/bomb.yml": bomb,
        ".codex/config.toml": `a = ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`,
        ".mcp.json": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
        "AGENTS.md": "x".repeat(1024 * 1024 + 1),
        ".claude/settings.json": Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      },
      { parent: s.base },
    );
    s.repo.openPull({ number: 37, baseSha: s.base, headSha });
    const pr = { number: 37, baseSha: s.base, headSha };
    await open(h, pr);
    const run = failedCheck(h, pr);
    const fileFindings = run.annotations.filter((a) => /file\.(parse-error|unreadable)/.test(a.message ?? "")).map((a) => a.path);
    expect(fileFindings.sort()).toEqual([".claude/settings.json", ".codex/config.toml", ".github/workflows/bomb.yml", ".mcp.json", "AGENTS.md"]);
    expect(run.actions).toEqual([]);
  });
});

describe("with the production client's retries (waits in milliseconds)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ retry: true });
  });
  afterAll(async () => {
    delete process.env.GITHUB_REQUEST_TIMEOUT_MS;
    await h.close();
  });
  afterEach(() => {
    delete process.env.GITHUB_REQUEST_TIMEOUT_MS;
  });

  /** The review completed as if nothing had happened: the escalation is reported, once. */
  function reviewed(pr: PullRef) {
    const run = failedCheck(h, pr);
    expect(run.output.title).not.toBe("Capability review failed");
    expect(run.annotations.some((a) => a.message?.includes("mcp.unpinned-package"))).toBe(true);
    expect(h.fake.comments.filter((c) => c.byApp && c.body.startsWith(STICKY_MARKER))).toHaveLength(1);
  }

  test.each([
    ["a transient 502 on GraphQL", GRAPHQL, { status: 502 }],
    ["a transient 500 on the file list", COMPARE, { status: 500 }],
    ["a 403 secondary rate limit with retry-after: 1 on GraphQL", GRAPHQL, { status: 403, headers: { "retry-after": "1" }, body: SECONDARY }],
    ["a 403 secondary rate limit with retry-after: 1 on the check write", CHECK, { status: 403, headers: { "retry-after": "1" }, body: SECONDARY }],
    ["a 502 on the sticky comment write", COMMENT, { status: 502 }],
  ])("%s is retried and the review succeeds", async (_name, route, fault) => {
    const pr = escalatingPr(h, 40);
    h.fake.failNext(route, fault);
    await open(h, pr);
    reviewed(pr);
    const attempts = h.fake.requests({ route });
    expect(attempts.map((r) => r.faulted)).toEqual([true, false]);
  });

  test("a request that times out once is retried", async () => {
    process.env.GITHUB_REQUEST_TIMEOUT_MS = "150";
    const pr = escalatingPr(h, 41);
    const hung = h.fake.hold(GRAPHQL);
    await open(h, pr);
    hung.release();
    reviewed(pr);
    expect(h.fake.requests({ route: GRAPHQL })).toHaveLength(2);
  });

  test("a secondary rate limit asking for a wait longer than a minute is not waited for: a failed check", async () => {
    const pr = escalatingPr(h, 42);
    h.fake.failNext(GRAPHQL, { status: 403, headers: { "retry-after": "3600" }, body: SECONDARY });
    await open(h, pr);
    expect(failedCheck(h, pr).output.summary).toMatch(/403 on POST \/graphql: You have exceeded a secondary rate limit/);
    expect(h.fake.requests({ route: GRAPHQL })).toHaveLength(1);
  });

  test("a fault that persists is retried a bounded number of times, then reported", async () => {
    const pr = escalatingPr(h, 43);
    h.fake.failNext(GRAPHQL, { status: 502, times: 100 });
    await open(h, pr);
    expect(failedCheck(h, pr).output.summary).toMatch(/GitHub API error 502 on POST \/graphql/);
    // Probot's retry plugin: the first attempt and three retries.
    expect(h.fake.requests({ route: GRAPHQL })).toHaveLength(4);
  });
});
