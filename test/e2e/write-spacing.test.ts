// Writes spaced per installation (src/app/write-queue.ts), end to end with spacing scaled down
// (400 ms between writes, 800 ms between comments and reviews, instead of 1 s and 3 s): two
// installations never wait for each other, one never writes faster than its spacing, and its check
// runs are written ahead of the comments and reviews queued before them.
import { pullRequestEvent, useHarness, INSTALLATION_ID, OWNER, REPO, type PullRef } from "./helpers.js";
import { baseTree, escalate, push, seed, type Seeded } from "./scenario.js";
import type { LoggedRequest } from "../fake-github/server.js";

const WRITE_MS = 400;
const NOTIFY_MS = 800;
// The queue spaces the starts of writes; the fake stamps arrivals, which the time to send each one
// (a loaded test machine, a first token) moves by some tens of milliseconds.
const SLACK_MS = 100;
// A duplicate sticky comment already deleted answers 404, which the app takes as done.
const h = useHarness({ spacing: { writeMs: WRITE_MS, notifyMs: NOTIFY_MS }, expected: (r) => r.status === 404 && r.route === "DELETE /repos/:owner/:repo/issues/comments/:id" });

const OTHER = { repo: "tools", installation: INSTALLATION_ID + 1 };

/** A second repository, reviewed under another installation. */
function otherRepo(): Seeded {
  const repo = h.fake.addRepo(OWNER, OTHER.repo);
  const tree = baseTree();
  return { repo, tree, base: repo.commit(tree, { branch: "main" }) };
}

function eventFor(pr: PullRef, other: boolean) {
  const e = pullRequestEvent("opened", pr);
  if (!other) return e;
  e.installation.id = OTHER.installation;
  for (const r of [e.repository, e.pull_request.head.repo, e.pull_request.base.repo]) (r.name = OTHER.repo), (r.full_name = `${OWNER}/${OTHER.repo}`);
  return e;
}

const writesOf = (installation: number) => h.fake.log.filter((r) => r.installation === installation && r.method !== "GET" && r.route !== "POST /graphql");
const isCheck = (r: LoggedRequest) => r.route === "POST /repos/:owner/:repo/check-runs";
const isNotify = (r: LoggedRequest) => r.route === "POST /repos/:owner/:repo/issues/:number/comments" || r.route === "POST /repos/:owner/:repo/pulls/:number/reviews";
const gaps = (rs: LoggedRequest[]) => rs.slice(1).map((r, i) => r.at - rs[i]!.at);

test("two installations, three escalating pull requests each, delivered at once", async () => {
  const a = seed(h.fake);
  const b = otherRepo();
  const prs = [1, 2, 3].flatMap((n) => [
    { pr: push(a, n, escalate(a.tree)), other: false },
    { pr: push(b, n, escalate(b.tree)), other: true },
  ]);
  h.fake.clearLog();
  const statuses = await Promise.all(prs.map(({ pr, other }) => h.deliver("pull_request", eventFor(pr, other))));
  // 202 past 9 s on a loaded machine: the reviews go on; wait for their last writes.
  expect(statuses.every((s) => s === 200 || s === 202)).toBe(true);
  await h.fake.waitFor(() => [INSTALLATION_ID, OTHER.installation].every((i) => writesOf(i).filter(isCheck).length >= 3 && writesOf(i).filter(isNotify).length >= 6), 25_000, "every review's writes");

  for (const installation of [INSTALLATION_ID, OTHER.installation]) {
    const writes = writesOf(installation);
    // Three checks, three sticky comments, three reviews.
    expect(writes.filter(isCheck)).toHaveLength(3);
    expect(writes.filter(isNotify)).toHaveLength(6);
    for (const gap of gaps(writes)) expect(gap).toBeGreaterThanOrEqual(WRITE_MS - SLACK_MS);
    for (const gap of gaps(writes.filter(isNotify))) expect(gap).toBeGreaterThanOrEqual(NOTIFY_MS - SLACK_MS);
    // The required check comes first: every check run is written before the second comment or review.
    const lastCheck = writes.map(isCheck).lastIndexOf(true);
    const secondNotify = writes.findIndex((r, i) => isNotify(r) && writes.slice(0, i).some(isNotify));
    expect(lastCheck).toBeLessThan(secondNotify);
  }
  // The installations do not wait for each other: their first writes come within one spacing.
  const [firstA, firstB] = [writesOf(INSTALLATION_ID)[0]!, writesOf(OTHER.installation)[0]!];
  expect(Math.abs(firstA.at - firstB.at)).toBeLessThan(WRITE_MS - SLACK_MS);
  // The repository names of the requests match their installation (the test's own sanity).
  expect(writesOf(OTHER.installation).every((r) => r.path.startsWith(`/repos/${OWNER}/${OTHER.repo}/`))).toBe(true);
  expect(writesOf(INSTALLATION_ID).every((r) => r.path.startsWith(`/repos/${OWNER}/${REPO}/`))).toBe(true);
}, 45_000);
