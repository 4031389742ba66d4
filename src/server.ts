// The app's HTTP server (`npm start`, the container's command): Probot's webhook middleware on
// node:http, GET /ping, and a graceful stop. On SIGTERM or SIGINT it stops accepting connections,
// lets the deliveries in flight finish (their reviews write their checks), then exits 0; `probot
// run` would exit at once and leave those pull requests without a check.
//
// Without APP_ID or a private key (first setup) and with a smee proxy (WEBHOOK_PROXY_URL, local
// development), it hands over to Probot's own `run`: the manifest setup page and the proxy live there.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { createNodeMiddleware, createProbot, run, type ApplicationFunction, type Probot } from "probot";
import { createApp } from "./index.js";
import { AppOctokit, timedFetch } from "./app/octokit.js";
import { requestListener } from "./app/http.js";
import { appLogger } from "./app/logger.js";
import { scheduleRedeliveries } from "./app/redeliver.js";
import { sharedStateFromEnv } from "./app/shared-state.js";

/** How long a stop waits for deliveries in flight before giving up (exit 1). */
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

/** Deliveries being handled: HTTP requests in flight, and handlers still running after Probot answered 202. */
class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];
  get size(): number {
    return this.count;
  }
  start(): () => void {
    this.count++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--this.count === 0) for (const w of this.waiters.splice(0)) w();
    };
  }
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** The app with every event handler counted (Probot answers a slow delivery with 202 and keeps going). */
function counted(appFn: ApplicationFunction, inFlight: InFlight): ApplicationFunction {
  return (probot: Probot, options) => {
    const on = probot.on.bind(probot);
    probot.on = ((events: Parameters<Probot["on"]>[0], handler: (context: unknown) => Promise<void>) =>
      on(events, async (context: unknown) => {
        const done = inFlight.start();
        try {
          await handler(context);
        } finally {
          done();
        }
      })) as Probot["on"];
    return appFn(probot, options);
  };
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env"); // the environment wins over the file
  let probot: Probot;
  try {
    if (env.WEBHOOK_PROXY_URL) throw new Error("a webhook proxy is Probot's run's business");
    // Every request, the installation token's included, has a time limit; secondary rate limits are retried.
    // JSON lines at info by default: the review results and approvals are the audit log (Probot alone logs warn+).
    // The logger keeps only the app's own fields, redacted (see app/logger.ts): no body reaches a log.
    probot = createProbot({ env: { LOG_LEVEL: "info", LOG_FORMAT: "json", ...env }, overrides: { Octokit: AppOctokit, request: { fetch: timedFetch() }, log: appLogger(env) } });
  } catch {
    // No app id or key yet: Probot's setup flow registers the app from app.yml and writes .env.
    await run(createApp());
    return;
  }
  const inFlight = new InFlight();
  // Redis with REDIS_URL: replicas share which deliveries were taken and the write spacing.
  const state = sharedStateFromEnv(env);
  const middleware = await createNodeMiddleware(counted(createApp({ state }), inFlight), { probot, ...(env.WEBHOOK_PATH ? { webhooksPath: env.WEBHOOK_PATH } : {}) });
  // Probot's logger exists once it is initialized (the middleware above waits for that).
  await probot.ready();
  // Probot's logger already has a `name`; a second one would repeat the key in every JSON line.
  const log = probot.log.child({ component: "server" });

  // /ping, and webhook bodies read within GitHub's 25 MB limit (see app/http.ts).
  const health = async () => ((await state.healthy()) ? { ok: true, detail: "" } : { ok: false, detail: "redis: not reachable" });
  const server = createServer(requestListener(middleware, { track: () => inFlight.start(), health }));
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST || undefined;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number.isFinite(port) ? port : 3000, host, resolve);
  });
  const address = server.address();
  log.info({ address: typeof address === "object" && address ? `${address.address}:${address.port}` : address }, "listening");
  // Deliveries that never succeeded (a process killed mid-review) are asked for again (app/redeliver.ts).
  const redeliveries = scheduleRedeliveries(() => probot.auth() as never, log, env);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, "second signal: exiting without waiting");
      process.exit(1);
    }
    stopping = true;
    redeliveries.stop();
    const limit = Number(env.SHUTDOWN_TIMEOUT_MS) > 0 ? Number(env.SHUTDOWN_TIMEOUT_MS) : DEFAULT_SHUTDOWN_TIMEOUT_MS;
    log.info({ signal, inFlight: inFlight.size, limitMs: limit }, "stopping: no new connections, finishing deliveries in flight");
    // Stop accepting; idle keep-alive connections are closed, busy ones finish their request.
    server.close();
    server.closeIdleConnections();
    const timer = setTimeout(() => {
      log.error({ inFlight: inFlight.size }, "deliveries still in flight at the shutdown limit; exiting");
      process.exit(1);
    }, limit);
    timer.unref();
    await inFlight.idle();
    server.closeAllConnections();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

await main();
