// The app's server for the load benchmark, in a process of its own so that its memory is measured
// alone: the real Probot webhook middleware on a node:http server on 127.0.0.1, pointed at the fake
// GitHub API that the parent runs (GHE paths). The parent runs this file transpiled, with plain
// node and the compiled app (BENCH_APP, dist/index.js), as `npm start` would: no TypeScript loader
// in the measured process. It builds Probot as src/server.ts does (the app's Octokit with request
// time limits, JSON logs at info). BENCH_THROTTLE=on keeps the client's throttling and retries, as
// in production; off turns both off, as the end-to-end harness does.
// Talks to the parent over IPC: sends {port} when listening, answers "stats" and "reset-peak".
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, createProbot, type ApplicationFunction } from "probot";

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

const appUrl = env("BENCH_APP");
const app = ((await import(appUrl)) as { default: ApplicationFunction }).default;
// The production client (src/server.ts): request time limits, secondary-limit retries.
const { AppOctokit, timedFetch } = (await import(new URL("./app/octokit.js", appUrl).href)) as typeof import("../src/app/octokit.js");
const throttled = env("BENCH_THROTTLE") === "on";
// Same switch as test/e2e/helpers.ts: Probot 14 takes the function form of defaults().
const Octokit = throttled ? AppOctokit : AppOctokit.defaults((o: object) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
// Logs as in production (JSON at info, the audit log); the parent discards them.
const probot = createProbot({
  env: { APP_ID: env("APP_ID"), PRIVATE_KEY: env("BENCH_PRIVATE_KEY"), WEBHOOK_SECRET: env("BENCH_WEBHOOK_SECRET"), GHE_HOST: env("BENCH_GHE_HOST"), GHE_PROTOCOL: "http", LOG_LEVEL: "info", LOG_FORMAT: "json" },
  overrides: { Octokit, request: { fetch: timedFetch() } },
});
const middleware = await createNodeMiddleware(app, { probot });
const server = createServer((req, res) => {
  void middleware(req, res, () => res.writeHead(404).end());
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

/** Peak resident set since the last reset: VmHWM on Linux, else the process's lifetime maximum. */
function peakRss(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** Reset the peak (Linux: writing 5 to clear_refs resets VmHWM); false where it cannot be. */
function resetPeak(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/** `--expose-gc`: the heap still in use after a full collection (what a leak would grow). */
const gc = (globalThis as { gc?: () => void }).gc;

/** CPU time used so far, user + system, in microseconds (read before the GC below). */
const cpuUs = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

process.on("message", (msg: { type: string; id: number }) => {
  if (msg.type === "stats") {
    const cpu = cpuUs();
    const peak = peakRss();
    gc?.();
    process.send!({ type: "stats", id: msg.id, rss: process.memoryUsage().rss, peakRss: peak, heapAfterGc: process.memoryUsage().heapUsed, cpuUs: cpu });
  }
  if (msg.type === "reset-peak") process.send!({ type: "reset-peak", id: msg.id, ok: resetPeak(), cpuUs: cpuUs() });
});
process.on("disconnect", () => process.exit(0));
process.send!({ type: "ready", port: (server.address() as AddressInfo).port });
