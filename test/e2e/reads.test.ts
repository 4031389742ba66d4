// What the app reads to judge a change, end to end: a policy edit too big for GraphQL's text, the
// organization's policy when it cannot be read, and the check saying which policy applied.
import { pullRequestEvent, OWNER, useHarness } from "./helpers.js";
import { escalate, push, seed } from "./scenario.js";

const h = useHarness();
const POLICY = ".github/capability-review.yml";
const last = () => h.fake.checkRuns.at(-1)!;
const policyFindings = () => last().annotations.filter((a) => a.path === POLICY && a.message?.includes("policy.changed"));

/** `lines` comment lines of 100 bytes each (a policy padded past GraphQL's text limit). */
const padding = (lines: number) => `# ${"x".repeat(97)}\n`.repeat(lines);

describe("a policy edit GraphQL truncates", () => {
  test("`mode: warn` padded with 600 KB of comments is read whole and reported as a loosening", async () => {
    const s = seed(h.fake, { [POLICY]: "fail_on: high\n" });
    const loosened = "fail_on: high\nmode: warn\n" + padding(6000);
    expect(Buffer.byteLength(loosened)).toBeGreaterThan(h.fake.textLimit);
    const pr = push(s, 60, { [POLICY]: loosened });
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);

    expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "failure" });
    expect(policyFindings().map((a) => [a.start_line, a.annotation_level])).toEqual([[2, "failure"]]);
    expect(policyFindings()[0]!.message).toMatch(/^high · policy.changed/);
    expect(policyFindings()[0]!.message).toContain("mode: warn");
    // Its bytes came from the blob API, as for any truncated file.
    expect(h.fake.requests({ route: "GET /repos/:owner/:repo/git/blobs/:sha" })).toHaveLength(1);
  });

  test.each([
    ["over the 1 MiB file limit", () => "mode: enforce\n" + padding(11000), /over the 1048576-byte limit/],
    ["binary", () => "mode: enforce\n\u0000\n" + padding(6000), /binary/],
  ])("an edited policy %s is a high policy.changed that says why", async (_what, text, why) => {
    const s = seed(h.fake, { [POLICY]: "fail_on: high\n" });
    const pr = push(s, 61, { [POLICY]: text() });
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);

    expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "failure" });
    expect(policyFindings()).toHaveLength(1);
    expect(policyFindings()[0]).toMatchObject({ annotation_level: "failure", start_line: 1 });
    expect(policyFindings()[0]!.message).toMatch(/^high · policy.changed/);
    expect(policyFindings()[0]!.message).toMatch(why);
  });
});

describe("the organization's policy", () => {
  const denyPlaywright = "deny:\n  mcp_packages:\n    - name: '@playwright/*'\n      reason: not vetted\n";

  test("read from the organization's .github repository, its deny list applies, and the check says so", async () => {
    const s = seed(h.fake);
    h.fake.addRepo(OWNER, ".github").commit({ [POLICY]: denyPlaywright }, { branch: "main" });
    const pr = push(s, 62, escalate(s.tree));
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);

    expect(last()).toMatchObject({ conclusion: "failure" });
    expect(last().output.title).toMatch(/^Denied by policy/);
    expect(last().output.summary).toContain(`Policy: \`${POLICY}\` of the organization's repository \`${OWNER}/.github\``);
  });

  test("an organization policy GraphQL truncates is read from the organization's repository", async () => {
    const s = seed(h.fake);
    h.fake.addRepo(OWNER, ".github").commit({ [POLICY]: denyPlaywright + padding(6000) }, { branch: "main" });
    const pr = push(s, 66, escalate(s.tree));
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);

    expect(last().output.title).toMatch(/^Denied by policy/);
    expect(h.fake.requests({ route: "GET /repos/:owner/:repo/git/blobs/:sha" }).map((r) => r.path.split("/").slice(0, 4).join("/"))).toEqual([`/repos/${OWNER}/.github`]);
  });

  test("an organization repository that cannot be read (not a missing one) fails the check closed", async () => {
    const s = seed(h.fake);
    h.fake.addRepo(OWNER, ".github").commit({ [POLICY]: denyPlaywright }, { branch: "main" });
    h.fake.repoErrors.set(`${OWNER}/.github`, { type: "FORBIDDEN", message: "Resource not accessible by integration" });
    const pr = push(s, 63, escalate(s.tree));
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);

    expect(h.fake.checkRuns).toHaveLength(1);
    expect(last()).toMatchObject({ head_sha: pr.headSha, status: "completed", conclusion: "failure" });
    expect(last().output.title).toBe("Capability review failed");
    expect(last().output.summary).toContain(`the organization's policy (${OWNER}/.github) could not be read`);
    expect(last().output.summary).toContain("FORBIDDEN");
  });

  test("no organization repository: the default policy, and the check says so", async () => {
    const s = seed(h.fake);
    const pr = push(s, 64, escalate(s.tree));
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
    expect(last()).toMatchObject({ conclusion: "failure" });
    expect(last().output.summary).toContain("Policy: the default");
  });

  test("a repository policy wins over the organization's, and the check says which applied", async () => {
    const s = seed(h.fake, { [POLICY]: "fail_on: critical\n" });
    h.fake.addRepo(OWNER, ".github").commit({ [POLICY]: denyPlaywright }, { branch: "main" });
    const pr = push(s, 65, escalate(s.tree));
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
    // The organization's deny list is not the policy here.
    expect(last().output.title).not.toMatch(/^Denied/);
    expect(last().output.summary).toContain(`Policy: \`${POLICY}\` of this repository at the base commit`);
  });
});
