// No delivery lost in silence, over the real server process: killed with SIGKILL mid-review, the
// delivery is never answered, GitHub records it as failed, and the next process asks for it again
// at start-up (GET /app/hook/deliveries, POST .../attempts): the check gets written.
import { randomUUID } from "node:crypto";
import { CHECK_NAME } from "../../src/app/report.js";
import { redeliverFailed, type Delivery, type DeliveriesApi } from "../../src/app/redeliver.js";
import { FakeGitHub } from "../fake-github/server.js";
import { APP_ID, pullRequestEvent, WEBHOOK_SECRET } from "./helpers.js";
import { startServer, type ServerProcess } from "./process.js";
import { escalate, push, seed } from "./scenario.js";
import { createHmac } from "node:crypto";

let fake: FakeGitHub;
const servers: ServerProcess[] = [];
beforeAll(async () => {
  fake = await FakeGitHub.start({ appId: APP_ID });
});
afterAll(async () => {
  for (const s of servers) s.proc.kill("SIGKILL");
  await fake.close();
});

async function start(env: Record<string, string> = {}) {
  const s = await startServer(fake, { REDELIVERY_INTERVAL_MS: "0", ...env });
  servers.push(s);
  return s;
}

test("a review killed mid-way is redelivered when the app starts again, and its check is written", async () => {
  const s = seed(fake);
  const pr = push(s, 80, escalate(s.tree));
  const event = pullRequestEvent("opened", pr);
  const guid = randomUUID();
  const first = await start({ REDELIVERY_LOOKBACK_MS: "1" });
  const read = fake.hold("POST /graphql");
  const body = JSON.stringify(event);
  const delivery = fetch(`${first.url}/api/github/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": guid, "x-hub-signature-256": `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}` },
    body,
  }).then((r) => r.status, () => 0);
  await fake.waitFor(() => fake.requests({ route: "POST /graphql" }).length === 1, 10_000, "the review's GraphQL read");
  first.proc.kill("SIGKILL");
  // The connection died unanswered: GitHub records a failed attempt.
  const status = await delivery;
  expect(status).toBe(0);
  fake.deliveries.record({ guid, event: "pull_request", payload: event, statusCode: status });
  read.release();
  expect(fake.checkRuns).toEqual([]);

  const second = await start();
  fake.deliveries.target = { url: `${second.url}/api/github/webhooks`, secret: WEBHOOK_SECRET };
  await fake.waitFor(() => fake.checkRuns.some((r) => r.head_sha === pr.headSha && r.status === "completed"), 20_000, "the redelivered review's check");
  expect(fake.checkRuns.find((r) => r.head_sha === pr.headSha)).toMatchObject({ name: CHECK_NAME, conclusion: "failure" });
  await fake.waitFor(() => fake.deliveries.attempts.some((a) => a.guid === guid && a.redelivery && a.status_code === 200), 10_000, "the redelivery's record");
  expect(second.lines().some((l) => l.msg === "failed deliveries asked again" && (l.redelivered as string[]).includes(guid))).toBe(true);
}, 60_000);

describe("redeliverFailed", () => {
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const d = (id: number, guid: string, code: number, minutesAgo: number, redelivery = false): Delivery => ({ id, guid, delivered_at: at(minutesAgo), redelivery, status_code: code, event: "pull_request" });
  function api(pages: Delivery[][]): DeliveriesApi & { asked: number[]; pagesRead: number } {
    const out = {
      asked: [] as number[],
      pagesRead: 0,
      async page(cursor?: string) {
        out.pagesRead++;
        const i = cursor ? Number(cursor) : 0;
        return { deliveries: pages[i]!, ...(i + 1 < pages.length ? { next: String(i + 1) } : {}) };
      },
      async redeliver(id: number) {
        out.asked.push(id);
      },
    };
    return out;
  }

  test("only deliveries none of whose attempts succeeded, by their newest attempt; a later success settles one", async () => {
    const a = api([[d(9, "c", 200, 1, true), d(8, "b", 0, 2), d(7, "a", 500, 3), d(6, "c", 0, 4), d(5, "ok", 200, 5)]]);
    const r = await redeliverFailed(a, { since: new Date(Date.now() - 3600_000), unfinished: false });
    expect(a.asked.sort()).toEqual([7, 8]);
    expect(r.redelivered.sort()).toEqual(["a", "b"]);
  });

  test("202 counts as unfinished only at start-up", async () => {
    const list = [[d(2, "slow", 202, 1)]];
    expect((await redeliverFailed(api(list), { since: new Date(0), unfinished: false })).redelivered).toEqual([]);
    expect((await redeliverFailed(api(list), { since: new Date(0), unfinished: true })).redelivered).toEqual(["slow"]);
  });

  test("stops at the window's start, pages through until then, and gives up on a delivery that keeps failing", async () => {
    const a = api([[d(6, "x", 500, 1, true), d(5, "x", 500, 2, true)], [d(4, "x", 500, 3, true), d(3, "y", 0, 4)], [d(2, "old", 0, 120)], [d(1, "older", 0, 200)]]);
    const r = await redeliverFailed(a, { since: new Date(Date.now() - 60 * 60_000), unfinished: false, maxAttempts: 3 });
    expect(a.pagesRead).toBe(3);
    expect(r.redelivered).toEqual(["y"]);
    expect(r.givenUp).toEqual(["x"]);
  });
});
