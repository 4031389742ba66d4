// What the server logs, at its most verbose (LOG_LEVEL=trace), over the real process: no request
// body, no file content, no secret, no token; each review's lines carry the delivery id.
import { FakeGitHub } from "../fake-github/server.js";
import { APP_ID, pullRequestEvent, WEBHOOK_SECRET } from "./helpers.js";
import { signedDelivery, startServer, type ServerProcess } from "./process.js";
import { escalate, push, seed } from "./scenario.js";

let fake: FakeGitHub;
let server: ServerProcess | undefined;
beforeAll(async () => {
  fake = await FakeGitHub.start({ appId: APP_ID });
});
afterAll(async () => {
  server?.proc.kill("SIGKILL");
  await fake.close();
});

// Planted where a log could pick them up: a file's text, the payload's own fields.
const TOKEN = "ghp_" + "Q7w9Zr2Lk5Xv8Bn3Mj6Hd1Fs4Gt0Yp7Ce2Ua";
const FILE_MARKER = "file-content-marker-5d1e";
const BODY_MARKER = "payload-body-marker-a93c";

test("at trace level, no line holds a body, a file's text, a secret or a token", async () => {
  server = await startServer(fake, { LOG_LEVEL: "trace" });
  const s = seed(fake);
  const changes = escalate(s.tree);
  changes["AGENTS.md"] = `# Agents\n\n${FILE_MARKER}: export GITHUB_TOKEN=${TOKEN} before running tests.\n`;
  const pr = push(s, 70, changes);
  const event = pullRequestEvent("opened", pr);
  event.pull_request.title = `Add tools ${BODY_MARKER}`;
  event.pull_request.body = `Please review ${BODY_MARKER} ${TOKEN}`;
  expect((await signedDelivery(server.url, "pull_request", event)).status).toBe(200);
  // A bogus signature and a body that is not JSON: error paths log too.
  expect((await signedDelivery(server.url, "pull_request", event, "not-the-secret")).status).toBeGreaterThanOrEqual(400);
  await fetch(`${server.url}/api/github/webhooks`, { method: "POST", headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": "bad", "x-hub-signature-256": "sha256=00" }, body: `{"x": "${BODY_MARKER}"` });
  await fake.waitFor(() => server!.lines().some((l) => l.msg === "review result"), 10_000, "the review's log line");
  await new Promise((r) => setTimeout(r, 200));

  const out = server.output();
  expect(out.length).toBeGreaterThan(0);
  for (const secret of [TOKEN, FILE_MARKER, BODY_MARKER, WEBHOOK_SECRET, "BEGIN PRIVATE KEY", "ghs_fake_", server.privateKey.split("\n")[1]!]) expect(out).not.toContain(secret);
  // What is worth logging still is: the refused signature, the GitHub requests (without bodies).
  expect(server.lines().some((l) => l.level === 50 && String(l.msg).includes("signature does not match"))).toBe(true);
  expect(server.lines().some((l) => String(l.msg).startsWith("GitHub request: POST") && String(l.msg).includes("/check-runs"))).toBe(true);
  // The review's line names its delivery.
  const result = server.lines().find((l) => l.msg === "review result")!;
  expect(typeof result.delivery).toBe("string");
  expect(result).toMatchObject({ webhook: "pull_request.opened", pr: 70, conclusion: "failure" });
}, 30_000);

test("logFields keeps the app's scalar fields, redacted, and an error's type and message only", async () => {
  const { logFields } = await import("../../src/app/logger.js");
  expect(
    logFields({
      msg: `token ${TOKEN}`,
      delivery: "d-1",
      event: { payload: BODY_MARKER },
      body: BODY_MARKER,
      variables: { e0: "sha:path" },
      findings: 3,
      approvedBy: ["maya"],
      err: Object.assign(new Error("boom"), { event: { payload: BODY_MARKER }, request: { body: BODY_MARKER } }),
    }),
  ).toEqual({ msg: "token [redacted]", delivery: "d-1", findings: 3, approvedBy: ["maya"], err: { type: "Error", message: "boom" } });
});
