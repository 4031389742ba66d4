// The server's HTTP edge (src/app/http.ts), over a real socket: a webhook body over GitHub's 25 MB
// cap is refused before it is read, whether it declares its length or streams it, and the server
// keeps answering.
import { request } from "node:http";
import { MAX_WEBHOOK_BYTES } from "../../src/app/http.js";
import { pullRequestEvent, useHarness } from "./helpers.js";
import { push, seed } from "./scenario.js";

const h = useHarness();
const MB = 1024 * 1024;

/**
 * POST `total` bytes in 1 MB chunks (chunked, or with a Content-Length when `declare`), stopping
 * when the server answers or drops the connection: the status (if any) and the bytes written.
 */
function flood(total: number, declare: boolean): Promise<{ status?: number; sent: number }> {
  const url = new URL(h.url);
  return new Promise((resolve) => {
    let sent = 0;
    let status: number | undefined;
    let settled = false;
    const finish = () => settled || ((settled = true), resolve({ ...(status !== undefined ? { status } : {}), sent }));
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": "flood", "x-hub-signature-256": "sha256=00", ...(declare ? { "content-length": String(total) } : {}) } },
      (res) => {
        status = res.statusCode;
        res.resume();
        res.on("end", finish);
        res.on("error", finish);
      },
    );
    // A write into a socket the server closed fails (EPIPE, ECONNRESET); its answer may still be read.
    req.on("error", () => {});
    req.on("close", () => setTimeout(finish, 50));
    const chunk = Buffer.alloc(MB, 0x20);
    const pump = () => {
      while (!settled && sent < total && status === undefined) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (sent >= total) req.end();
    };
    pump();
  });
}

async function ping(): Promise<number> {
  const res = await fetch(new URL("/ping", h.url));
  await res.text();
  return res.status;
}

test("a 200 MB body streamed without a length, under a bogus signature: 413 long before the end, and the server keeps serving", async () => {
  const r = await flood(200 * MB, false);
  // 413, or the connection closed under a sender that does not read answers while it writes.
  expect([413, undefined]).toContain(r.status);
  // The server stopped at the cap: the client could not push much more than 25 MB (plus socket buffers).
  expect(r.sent).toBeLessThan(MAX_WEBHOOK_BYTES + 20 * MB);
  expect(await ping()).toBe(200);
  const s = seed(h.fake);
  expect(await h.deliver("pull_request", pullRequestEvent("opened", push(s, 5, { "README.md": "# x\n" })))).toBe(200);
  expect(h.fake.checkRuns).toHaveLength(1);
});

test("a declared length over the cap is refused before any of the body is read", async () => {
  const r = await flood(200 * MB, true);
  expect(r.status).toBe(413);
  expect(r.sent).toBeLessThan(20 * MB);
  expect(await ping()).toBe(200);
});

test("a body under the cap still reaches the signature check (401/400, not 413)", async () => {
  const res = await fetch(h.url, { method: "POST", headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": "small", "x-hub-signature-256": "sha256=00" }, body: "{}" });
  await res.text();
  expect([400, 401]).toContain(res.status);
});
