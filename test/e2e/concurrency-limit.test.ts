// At most REVIEW_CONCURRENCY deliveries are handled at once (src/app/concurrency.ts); the rest wait
// their turn and are all reviewed.
import { Semaphore } from "../../src/app/concurrency.js";
import { pullRequestEvent, useHarness } from "./helpers.js";
import { escalate, push, seed } from "./scenario.js";

process.env.REVIEW_CONCURRENCY = "2";
const h = useHarness();
afterAll(() => {
  delete process.env.REVIEW_CONCURRENCY;
});

test("five pull requests at once with REVIEW_CONCURRENCY=2: two reviews read at a time, all five get their check", async () => {
  const s = seed(h.fake);
  const prs = [1, 2, 3, 4, 5].map((n) => push(s, n, escalate(s.tree)));
  const compare = h.fake.hold("GET /repos/:owner/:repo/compare/:basehead", 5);
  const deliveries = prs.map((pr) => h.deliver("pull_request", pullRequestEvent("opened", pr)));
  await h.fake.waitFor(() => h.fake.requests({ route: "GET /repos/:owner/:repo/compare/:basehead" }).length === 2, 10_000, "two reviews to start");
  await new Promise((r) => setTimeout(r, 300));
  // The other three wait for a slot: no request of theirs has reached GitHub.
  expect(h.fake.requests({ route: "GET /repos/:owner/:repo/compare/:basehead" })).toHaveLength(2);
  compare.release();
  expect(await Promise.all(deliveries)).toEqual([200, 200, 200, 200, 200]);
  for (const pr of prs) expect(h.fake.checkRuns.some((r) => r.head_sha === pr.headSha && r.status === "completed")).toBe(true);
}, 30_000);

test("Semaphore: slots handed on in order, freed after a failure", async () => {
  const sem = new Semaphore(1);
  const order: string[] = [];
  const a = sem.run(async () => void order.push("a"));
  const b = sem.run(async () => {
    order.push("b");
    throw new Error("b failed");
  });
  const c = sem.run(async () => void order.push("c"));
  await a;
  await expect(b).rejects.toThrow("b failed");
  await c;
  expect(order).toEqual(["a", "b", "c"]);
  expect(sem.inUse).toBe(0);
});
