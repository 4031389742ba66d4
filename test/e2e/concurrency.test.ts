// Duplicate and racing deliveries of different events for the same pull request head (app.test.ts
// covers the same delivery twice, sequential and concurrent): one sticky comment, one review, and
// every check on the head says the same thing.
import { lockHolders } from "../../src/app/lock.js";
import { STICKY_MARKER } from "../../src/app/report.js";
import { lockKey } from "../../src/app/review-run.js";
import { checkRunRerequested, OWNER, pullRequestEvent, REPO, startHarness, type Harness, type PullRef } from "./helpers.js";
import { escalate, push, seed } from "./scenario.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const key = (pr: PullRef) => lockKey({ repo: { owner: OWNER, repo: REPO }, pullNumber: pr.number, headSha: pr.headSha } as Parameters<typeof lockKey>[0]);
const stickies = () => h.fake.comments.filter((c) => c.byApp && c.body.startsWith(STICKY_MARKER));
const fingerprints = () => h.fake.checkRuns.map((r) => /fingerprint `(sha256:[0-9a-f]{64})`/.exec(r.output.summary ?? "")?.[1]);

test("opened, synchronize, reopened and a re-run request for the same head, all at once: one comment, one review, consistent checks", async () => {
  const s = seed(h.fake);
  const pr = push(s, 60, escalate(s.tree));
  // The first run's read is held until all four runs are under way: they overlap for certain, and
  // only the app's per-pull-request lock keeps them from writing side by side.
  const read = h.fake.hold("POST /graphql");
  const deliveries = Promise.all([
    h.deliver("pull_request", pullRequestEvent("opened", pr)),
    h.deliver("pull_request", pullRequestEvent("synchronize", pr)),
    h.deliver("pull_request", pullRequestEvent("reopened", pr)),
    h.deliver("check_run", checkRunRerequested(pr)),
  ]);
  await h.fake.waitFor(() => lockHolders(key(pr)) === 4 && h.fake.requests({ route: "POST /graphql" }).length > 0, 10_000, "four runs on the pull request, one of them reading");
  expect(h.fake.requests({ route: "POST /graphql" })).toHaveLength(1);
  read.release();
  const statuses = await deliveries;
  expect(statuses).toEqual([200, 200, 200, 200]);
  expect(h.fake.requests({ route: "POST /repos/:owner/:repo/issues/:number/comments" })).toHaveLength(1);
  expect(h.fake.requests({ route: "DELETE /repos/:owner/:repo/issues/comments/:id" })).toEqual([]);
  expect(stickies()).toHaveLength(1);
  expect(h.fake.reviews).toHaveLength(1);
  expect(h.fake.checkRuns.map((r) => [r.head_sha, r.status, r.conclusion])).toEqual(Array(4).fill([pr.headSha, "completed", "failure"]));
  expect(new Set(fingerprints()).size).toBe(1);
});

test("a duplicate delivery racing with a slow first one: the second waits, then only writes the check", async () => {
  const s = seed(h.fake);
  const pr = push(s, 61, escalate(s.tree));
  // The first run's comment write is held until the second run waits behind it.
  const write = h.fake.hold("POST /repos/:owner/:repo/issues/:number/comments");
  const first = h.deliver("pull_request", pullRequestEvent("opened", pr), { id: "dup-1" });
  await h.fake.waitFor(() => h.fake.requests({ route: "POST /repos/:owner/:repo/issues/:number/comments" }).length === 1, 10_000, "the first run's comment");
  const second = h.deliver("pull_request", pullRequestEvent("synchronize", pr), { id: "dup-2" });
  await h.fake.waitFor(() => lockHolders(key(pr)) === 2, 10_000, "the second run behind the first");
  write.release();
  expect(await Promise.all([first, second])).toEqual([200, 200]);
  expect(stickies()).toHaveLength(1);
  expect(h.fake.reviews).toHaveLength(1);
  expect(h.fake.checkRuns.map((r) => r.conclusion)).toEqual(["failure", "failure"]);
  expect(new Set(fingerprints()).size).toBe(1);
});

test("a late delivery for an older head after a newer one: each head's check is right for that head", async () => {
  const s = seed(h.fake);
  const old = push(s, 62, escalate(s.tree));
  const fixed = push(s, 62, { ".mcp.json": s.tree[".mcp.json"]!, ".codex/config.toml": s.tree[".codex/config.toml"]! }, old.headSha);
  // GitHub does not promise order: the synchronize for the fixed head arrives first.
  expect(await h.deliver("pull_request", pullRequestEvent("synchronize", fixed))).toBe(200);
  h.fake.clearLog();
  expect(await h.deliver("pull_request", pullRequestEvent("opened", old))).toBe(200);
  const bySha = new Map(h.fake.checkRuns.map((r) => [r.head_sha, r.conclusion]));
  expect(bySha.get(fixed.headSha)).toBe("success");
  expect(bySha.get(old.headSha)).toBe("failure");
  // The late run writes its own commit's check and nothing else: the pull request's conversation
  // follows its current head, which is clean, so no sticky comment and no review describe the old one.
  expect(h.fake.writes().map((w) => w.route)).toEqual(["POST /repos/:owner/:repo/check-runs"]);
  expect(stickies()).toEqual([]);
  expect(h.fake.reviews).toEqual([]);
});
