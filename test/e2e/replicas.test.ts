// Two replicas of the app on one Redis (needs `redis-server`: Debian's package, which .ci/run
// installs; skipped only where it does not exist). A delivery sent to both is handled once, the
// per-installation write spacing holds across them, and with Redis down a replica says so on
// /ping and fails new deliveries (GitHub records them and they are asked for again) instead of
// handling them twice or dropping them.
import { randomUUID } from "node:crypto";
import { RedisState } from "../../src/app/shared-state.js";
import { FakeGitHub, type LoggedRequest } from "../fake-github/server.js";
import { APP_ID, pullRequestEvent, startHarness, type Harness } from "./helpers.js";
import { HAS_REDIS, startRedis, type RedisServer } from "./redis.js";
import { escalate, push, seed } from "./scenario.js";

const WRITE_MS = 300;
const SLACK_MS = 100;

(HAS_REDIS ? describe : describe.skip)("two replicas on Redis", () => {
  let redis: RedisServer;
  let fake: FakeGitHub;
  const states: RedisState[] = [];
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    redis = await startRedis();
    fake = await FakeGitHub.start({ appId: APP_ID });
    const replica = async () => {
      const state = RedisState.connect(redis.url);
      states.push(state);
      return startHarness({ fake, state, spacing: { writeMs: WRITE_MS, notifyMs: WRITE_MS } });
    };
    a = await replica();
    b = await replica();
  }, 30_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    for (const s of states) await s.close();
    await fake?.close();
    await redis?.stop();
  }, 20_000);

  test("/ping answers PONG while Redis answers", async () => {
    // The client connects in the background: until it has, /ping rightly says 503 (seen on a
    // loaded CI machine). Once it has, PONG, and it stays PONG.
    const answer = async () => {
      const r = await fetch(new URL("/ping", a.url));
      return [r.status, await r.text()];
    };
    const until = Date.now() + 10_000;
    let last = await answer();
    while (last[0] !== 200 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      last = await answer();
    }
    expect(last).toEqual([200, "PONG"]);
    expect(await answer()).toEqual([200, "PONG"]);
  }, 20_000);

  test("one delivery sent to both replicas at once is handled once", async () => {
    const s = seed(fake);
    const pr = push(s, 1, escalate(s.tree));
    const id = randomUUID();
    const event = pullRequestEvent("opened", pr);
    expect(await Promise.all([a.deliver("pull_request", event, { id }), b.deliver("pull_request", event, { id })])).toEqual([200, 200]);
    expect(fake.checkRuns.filter((r) => r.head_sha === pr.headSha)).toHaveLength(1);
    expect(fake.comments.filter((c) => c.byApp)).toHaveLength(1);
  }, 30_000);

  test("an installation's writes through both replicas keep the spacing", async () => {
    const s = seed(fake);
    const prs = [1, 2, 3, 4].map((n) => push(s, n, escalate(s.tree)));
    fake.clearLog();
    await Promise.all(prs.map((pr, i) => (i % 2 ? b : a).deliver("pull_request", pullRequestEvent("opened", pr))));
    const writesNow = () => fake.log.filter((r: LoggedRequest) => r.method !== "GET" && r.route !== "POST /graphql" && r.installation !== undefined);
    // A check, a sticky comment and a review each (a delivery answered 202 past 9 s is still writing).
    const notifies = () => writesNow().filter((r) => r.route === "POST /repos/:owner/:repo/issues/:number/comments" || r.route === "POST /repos/:owner/:repo/pulls/:number/reviews");
    await fake.waitFor(() => notifies().length >= 8 && writesNow().filter((r) => r.route === "POST /repos/:owner/:repo/check-runs").length >= 4, 30_000, "the reviews' writes");
    const writes = writesNow();
    const gaps = writes.slice(1).map((r, i) => r.at - writes[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(WRITE_MS - SLACK_MS);
  }, 60_000);

  test("with Redis down: /ping answers 503 saying so, and a delivery fails without a review", async () => {
    expect(await states[0]!.healthy()).toBe(true);
    await redis.stop();
    expect(await states[0]!.healthy()).toBe(false);
    const ping = await fetch(new URL("/ping", a.url));
    expect(ping.status).toBe(503);
    expect(await ping.text()).toBe("UNHEALTHY: redis: not reachable");
    const s = seed(fake);
    const pr = push(s, 9, escalate(s.tree));
    fake.clearLog();
    const status = await a.deliver("pull_request", pullRequestEvent("opened", pr));
    expect(status).toBeGreaterThanOrEqual(500);
    expect(fake.log).toEqual([]);
    expect(fake.checkRuns.filter((r) => r.head_sha === pr.headSha)).toEqual([]);
  }, 30_000);
});
