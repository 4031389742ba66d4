// Graceful shutdown of the real server (src/server.ts, run through tsx: no build needed): SIGTERM
// during a slow delivery stops new connections, lets the review finish and write its check, then
// the process exits 0.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { join } from "node:path";
import { CHECK_NAME } from "../../src/app/report.js";
import { FakeGitHub } from "../fake-github/server.js";
import { ROOT } from "../helpers.js";
import { APP_ID, pullRequestEvent, WEBHOOK_SECRET } from "./helpers.js";
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

/** Start the server; resolves with its base URL once it logs that it listens, and its log lines. */
async function startServer(): Promise<{ url: string; lines: () => Record<string, unknown>[]; exited: Promise<number | null> }> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const proc = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "server.ts")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      APP_ID: String(APP_ID),
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET,
      GHE_HOST: fake.host,
      GHE_PROTOCOL: "http",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  const lines: Record<string, unknown>[] = [];
  let buffered = "";
  let stderr = "";
  proc.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on("data", (d: Buffer) => {
      buffered += d.toString();
      const parts = buffered.split("\n");
      buffered = parts.pop()!;
      for (const p of parts) {
        try {
          const line = JSON.parse(p) as Record<string, unknown>;
          lines.push(line);
          if (line.msg === "listening") resolve(`http://${String(line.address)}`);
        } catch {
          // not a log line
        }
      }
    });
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
  });
  return { url, lines: () => lines, exited };
}

function signedDelivery(url: string, event: string, payload: object): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": randomUUID(), "x-hub-signature-256": `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}` },
    body,
  });
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
