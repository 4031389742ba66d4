// Graceful shutdown of the real server (src/server.ts, run through tsx: no build needed): SIGTERM
// during a slow delivery stops new connections, lets the review finish and write its check, then
// the process exits 0.
import type { ChildProcess } from "node:child_process";
import { CHECK_NAME } from "../../src/app/report.js";
import { FakeGitHub } from "../fake-github/server.js";
import { APP_ID, pullRequestEvent } from "./helpers.js";
import { signedDelivery, startServer as start } from "./process.js";
import { push, seed } from "./scenario.js";

let fake: FakeGitHub;
let child: ChildProcess | undefined;
beforeAll(async () => {
  fake = await FakeGitHub.start({ appId: APP_ID });
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await fake.close();
});

async function startServer() {
  const server = await start(fake);
  child = server.proc;
  return server;
}

test("SIGTERM during a slow delivery: the review completes and writes its check, new connections are refused, exit 0", async () => {
  const server = await startServer();
  expect(await (await fetch(`${server.url}/ping`)).text()).toBe("PONG");

  const s = seed(fake);
  // No capability change: one read and one write, so production's write spacing (1 s) stays short.
  const pr = push(s, 50, { "docs/guide.md": "# Guide\n" });
  // The review's read is held: the signal arrives while it waits for GitHub, however fast the machine.
  const read = fake.hold("POST /graphql");
  const delivery = signedDelivery(server.url, "pull_request", pullRequestEvent("opened", pr));
  await fake.waitFor(() => fake.requests({ route: "POST /graphql" }).length === 1, 10_000, "the review's GraphQL read");
  expect(fake.checkRuns).toEqual([]);

  child!.kill("SIGTERM");
  await fake.waitFor(() => server.lines().some((l) => String(l.msg).startsWith("stopping")), 5_000, "the server to start stopping");
  // No new connection once stopping.
  await expect(fetch(`${server.url}/ping`)).rejects.toThrow();
  // Still stopping, not stopped: the review in flight keeps the process alive.
  expect(server.lines().map((l) => l.msg)).not.toContain("stopped");
  expect(fake.checkRuns).toEqual([]);

  read.release();
  const res = await delivery;
  expect(res.status).toBe(200);
  expect(await server.exited).toBe(0);
  expect(fake.checkRuns).toEqual([expect.objectContaining({ name: CHECK_NAME, head_sha: pr.headSha, status: "completed", conclusion: "success" })]);
  expect(server.lines().map((l) => l.msg)).toEqual(expect.arrayContaining(["review result", "stopped"]));
}, 30_000);
