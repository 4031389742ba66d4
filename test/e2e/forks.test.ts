// Re-runs of a fork's pull request: GitHub's check_suite payload lists no pull request for a commit
// that lives in a fork, so the app finds the pull request(s) by the head commit.
import { STICKY_MARKER } from "../../src/app/report.js";
import { checkRunRerequested, checkSuiteRerequested, useHarness, type PullRef } from "./helpers.js";
import { escalate, push, seed, type Seeded } from "./scenario.js";

const h = useHarness();
const last = () => h.fake.checkRuns.at(-1)!;
const LIST = "GET /repos/:owner/:repo/pulls";

/** A pull request whose head branch `patch-1` lives in the fork `mallory/agents`. */
function forkPull(s: Seeded, number: number, changes: Record<string, string | null>): PullRef {
  const pr = push(s, number, changes);
  s.repo.openPull({ number, baseSha: pr.baseSha, headSha: pr.headSha, headRef: "patch-1", author: "mallory", headRepo: { owner: "mallory", name: "agents" } });
  return { ...pr, headRef: "patch-1" };
}

/** `check_suite.rerequested` as GitHub sends it for a fork's commit: no pull requests listed. */
function forkSuiteRerequested(pr: PullRef) {
  const p = checkSuiteRerequested(pr);
  p.check_suite.pull_requests = [];
  p.check_suite.head_branch = pr.headRef ?? "patch-1";
  return p;
}

test("re-running a fork's escalating pull request reviews it: a failing check on its head and the sticky comment", async () => {
  const s = seed(h.fake);
  const pr = forkPull(s, 80, escalate(s.tree));
  push(s, 81, { "src/app.ts": "export {};\n" });
  expect(await h.deliver("check_suite", forkSuiteRerequested(pr))).toBe(200);

  expect(h.fake.checkRuns).toHaveLength(1);
  expect(last()).toMatchObject({ head_sha: pr.headSha, status: "completed", conclusion: "failure" });
  expect(last().output.title).toMatch(/^Needs approval/);
  expect(h.fake.comments.filter((c) => c.byApp && c.issueNumber === 80 && c.body.startsWith(STICKY_MARKER))).toHaveLength(1);
  expect(h.fake.requests({ route: LIST })).toHaveLength(1);
});

test("re-running one check of a fork's pull request (check_run.rerequested, no pull request listed) reviews it too", async () => {
  const s = seed(h.fake);
  const pr = forkPull(s, 83, escalate(s.tree));
  const payload = checkRunRerequested(pr);
  payload.check_run.pull_requests = [];
  expect(await h.deliver("check_run", payload)).toBe(200);

  expect(h.fake.checkRuns).toHaveLength(1);
  expect(last()).toMatchObject({ head_sha: pr.headSha, status: "completed", conclusion: "failure" });
  expect(h.fake.comments.filter((c) => c.byApp && c.issueNumber === 83 && c.body.startsWith(STICKY_MARKER))).toHaveLength(1);
  expect(h.fake.requests({ route: LIST })).toHaveLength(1);
});

test("a commit that no open pull request has at its head: nothing is reviewed, nothing written", async () => {
  const s = seed(h.fake);
  const pr = forkPull(s, 82, escalate(s.tree));
  s.repo.closePull(82);
  expect(await h.deliver("check_suite", forkSuiteRerequested(pr))).toBe(200);
  expect(h.fake.checkRuns).toEqual([]);
  expect(h.fake.writes()).toEqual([]);
});

test("more open pull requests than the app lists: a failing check on the commit that says why", async () => {
  const s = seed(h.fake);
  const pr = forkPull(s, 1, escalate(s.tree));
  // Listed newest first: the fork's pull request (number 1) comes after 1000 newer ones.
  const other = push(s, 2, { "src/app.ts": "export {};\n" });
  for (let n = 3; n <= 1002; n++) s.repo.openPull({ number: n, baseSha: other.baseSha, headSha: other.headSha });
  expect(await h.deliver("check_suite", forkSuiteRerequested(pr))).toBe(200);

  expect(h.fake.checkRuns).toHaveLength(1);
  expect(last()).toMatchObject({ head_sha: pr.headSha, status: "completed", conclusion: "failure" });
  expect(last().output.summary).toContain("no pull request for this commit among the first 1000 open ones");
});
