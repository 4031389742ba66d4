// Server load: signed `pull_request.opened` deliveries over loopback to the app's server (a child
// process, bench/app-server.ts), against the fake GitHub API run here. Latency is from sending the
// delivery to the completed check run reaching the API; throughput is deliveries per second over a
// level's wall time (until every check and every HTTP answer is in). Distinct pull requests, so the
// app's per-PR lock never serializes them.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { ROOT } from "../test/helpers.js";
import { FakeGitHub, type LoggedRequest } from "../test/fake-github/server.js";
import { APP_ID, pullRequestEvent, WEBHOOK_SECRET, type PullRef } from "../test/e2e/helpers.js";
import { escalate, push, seed, type Seeded } from "../test/e2e/scenario.js";
import { mb, median, ms, percentile } from "./stats.js";

export type Workload = "no-agent-file" | "escalation";

export const WORKLOADS: Record<Workload, string> = {
  "no-agent-file": "PR touching no capability file: compare + GraphQL, 1 write (the success check)",
  escalation: "PR adding an unpinned MCP server and loosening Codex's approval policy: 3 reads, 3 writes (failing check, sticky comment, review)",
};

export interface Level {
  mode: "throttled" | "unthrottled";
  workload: Workload;
  concurrency: number;
  deliveries: number;
  checkP50Ms: number;
  checkP95Ms: number;
  /** Time to the delivery's HTTP answer (Probot answers once the handler is done, or 202 after 9 s). */
  answerP50Ms: number;
  perSecond: number;
  wallMs: number;
  peakRssMB: number;
  /** CPU time (user + system) of the app process per delivery: the app's own cost, free of queueing. */
  appCpuMsPerDelivery: number;
  /** The same for this process: the fake GitHub API and the sender, which share the machine's cores. */
  harnessCpuMsPerDelivery: number;
  /** Heap in use after a full GC once the level is over: a leak would grow it level after level. */
  heapAfterGcMB: number;
  /** Deliveries that did not end in the expected completed check, or got an HTTP error. */
  errors: number;
  readsPerDelivery: number;
  writesPerDelivery: number;
}

export interface ServerRun {
  mode: "throttled" | "unthrottled";
  idleRssMB: number;
  peakReset: boolean;
  levels: Level[];
}

const CHECK_RUNS = /^\/repos\/[^/]+\/[^/]+\/check-runs$/;

/** Resolves when the completed check run for a head sha reaches the fake API (by patching its log). */
function watchChecks(fake: FakeGitHub) {
  const waiting = new Map<string, (at: { t: number; conclusion: string }) => void>();
  const push = fake.log.push.bind(fake.log);
  fake.log.push = (...entries: LoggedRequest[]) => {
    const t = performance.now();
    for (const e of entries) {
      if (e.method !== "POST" || !CHECK_RUNS.test(e.path) || e.body?.status !== "completed") continue;
      waiting.get(e.body.head_sha)?.({ t, conclusion: e.body.conclusion });
      waiting.delete(e.body.head_sha);
    }
    return push(...entries);
  };
  return (headSha: string, timeoutMs: number) =>
    new Promise<{ t: number; conclusion: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no completed check for ${headSha} within ${timeoutMs} ms`)), timeoutMs);
      waiting.set(headSha, (at) => (clearTimeout(timer), resolve(at)));
    });
}

class AppProcess {
  private nextId = 0;
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(fake: FakeGitHub, throttled: boolean): Promise<AppProcess> {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    const compiledApp = join(ROOT, "dist", "index.js");
    if (!existsSync(compiledApp)) throw new Error("dist/index.js is missing: run `npm run build` first (`npm run bench` does)");
    // Plain node on the compiled app, as in production: the server file is only transpiled here.
    const source = ts.transpileModule(readFileSync(fileURLToPath(new URL("./app-server.ts", import.meta.url)), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const child = spawn(process.execPath, ["--expose-gc", "--input-type=module", "--eval", source], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: "", APP_ID: String(APP_ID), BENCH_APP: pathToFileURL(compiledApp).href, BENCH_PRIVATE_KEY: privateKey, BENCH_WEBHOOK_SECRET: WEBHOOK_SECRET, BENCH_GHE_HOST: fake.host, BENCH_THROTTLE: throttled ? "on" : "off" },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`app server exited with ${code}`)));
      child.on("message", (m: { type: string; port?: number }) => m.type === "ready" && resolve(m.port!));
    });
    child.removeAllListeners("exit");
    return new AppProcess(child, `http://127.0.0.1:${port}/api/github/webhooks`);
  }

  ask<T>(type: "stats" | "reset-peak"): Promise<T> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      const on = (m: { type: string; id: number }) => {
        if (m.id !== id) return;
        this.child.off("message", on);
        resolve(m as T);
      };
      this.child.on("message", on);
      this.child.send({ type, id });
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.disconnect();
    await exited;
  }
}

interface Prepared {
  pr: PullRef;
  body: string;
  signature: string;
  expect: string;
}

let nextPr = 1000;

function prepare(s: Seeded, workload: Workload, count: number): Prepared[] {
  return Array.from({ length: count }, () => {
    const number = ++nextPr;
    const changes = workload === "escalation" ? escalate(s.tree) : { "src/app.ts": `export const build = ${number};\n` };
    const pr = push(s, number, changes);
    const body = JSON.stringify(pullRequestEvent("opened", pr));
    const signature = `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`;
    return { pr, body, signature, expect: workload === "escalation" ? "failure" : "success" };
  });
}

async function deliver(url: string, p: Prepared): Promise<number> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": randomUUID(), "x-hub-signature-256": p.signature },
    body: p.body,
  });
  await res.text();
  return res.status;
}

/**
 * Run one server mode: warm up, then each level in turn. `plan` gives, per workload, the
 * concurrency levels and how many deliveries each sends.
 */
export async function serverBench(mode: "throttled" | "unthrottled", plan: { workload: Workload; levels: [concurrency: number, deliveries: number][] }[], log: (line: string) => void): Promise<ServerRun> {
  const fake = await FakeGitHub.start({ appId: APP_ID });
  const waitCheck = watchChecks(fake);
  const s = seed(fake);
  const app = await AppProcess.start(fake, mode === "throttled");
  const timeoutMs = mode === "throttled" ? 300_000 : 30_000;
  const levels: Level[] = [];
  let peakReset = false;
  try {
    // Warm-up (installation token, JIT), not measured.
    for (const p of prepare(s, "no-agent-file", 2)) {
      const checked = waitCheck(p.pr.headSha, timeoutMs);
      await deliver(app.url, p);
      await checked;
    }
    const idle = await app.ask<{ rss: number }>("stats");
    for (const { workload, levels: plannedLevels } of plan) {
      for (const [concurrency, count] of plannedLevels) {
        const prepared = prepare(s, workload, count);
        fake.clearLog();
        const before = await app.ask<{ ok: boolean; cpuUs: number }>("reset-peak");
        peakReset = before.ok;
        const harnessCpu = process.cpuUsage();
        const checkMs: number[] = [];
        const answerMs: number[] = [];
        let errors = 0;
        let next = 0;
        const t0 = performance.now();
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (next < prepared.length) {
              const p = prepared[next++]!;
              const start = performance.now();
              const checked = waitCheck(p.pr.headSha, timeoutMs);
              const status = await deliver(app.url, p).catch(() => 0);
              answerMs.push(performance.now() - start);
              const at = await checked.catch(() => undefined);
              if (at) checkMs.push(at.t - start);
              if (!at || at.conclusion !== p.expect || (status !== 200 && status !== 202)) errors++;
            }
          }),
        );
        const wallMs = performance.now() - t0;
        const harnessCpuUs = process.cpuUsage(harnessCpu);
        const stats = await app.ask<{ peakRss: number; heapAfterGc: number; cpuUs: number }>("stats");
        const level: Level = {
          mode,
          workload,
          concurrency,
          deliveries: count,
          checkP50Ms: ms(median(checkMs), 1),
          checkP95Ms: ms(percentile(checkMs, 95), 1),
          answerP50Ms: ms(median(answerMs), 1),
          perSecond: ms(count / (wallMs / 1000), 1),
          wallMs: ms(wallMs, 0),
          appCpuMsPerDelivery: ms((stats.cpuUs - before.cpuUs) / 1000 / count, 2),
          harnessCpuMsPerDelivery: ms((harnessCpuUs.user + harnessCpuUs.system) / 1000 / count, 2),
          peakRssMB: mb(stats.peakRss),
          heapAfterGcMB: mb(stats.heapAfterGc),
          errors,
          readsPerDelivery: ms(fake.reads().length / count, 2),
          writesPerDelivery: ms(fake.writes().length / count, 2),
        };
        levels.push(level);
        log(`  ${mode} ${workload} x${concurrency}: ${count} deliveries, check p50 ${level.checkP50Ms} ms, p95 ${level.checkP95Ms} ms, ${level.perSecond}/s, app CPU ${level.appCpuMsPerDelivery} ms/delivery, peak RSS ${level.peakRssMB} MB, heap after GC ${level.heapAfterGcMB} MB${errors ? `, ${errors} errors` : ""}`);
      }
    }
    return { mode, idleRssMB: mb(idle.rss), peakReset, levels };
  } finally {
    await app.stop();
    await fake.close();
  }
}
