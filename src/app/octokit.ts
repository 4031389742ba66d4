// How the app's GitHub client behaves when GitHub is slow or busy: every request has a time limit
// (a hung connection must not keep a review, or a shutdown, waiting forever), and secondary rate
// limits are waited out and retried as GitHub recommends (Probot 14 only logs them).
import { ProbotOctokit } from "probot";

/** Per-request limit when `GITHUB_REQUEST_TIMEOUT_MS` is not set. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** Longest `retry-after` of a secondary rate limit worth waiting for, and how many times. */
export const SECONDARY_LIMIT_MAX_WAIT_S = 60;
export const SECONDARY_LIMIT_RETRIES = 2;

/** The limit in milliseconds, read at each request (so tests and operators can change it). */
export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.GITHUB_REQUEST_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_REQUEST_TIMEOUT_MS;
}

/** A request GitHub did not answer in time. */
export class RequestTimeoutError extends Error {
  override name = "RequestTimeoutError";
}

const TIMED = Symbol.for("capability-review.timed-fetch");
type Fetch = typeof fetch;

/**
 * `fetch` with a fresh time limit per call, so each retry gets its own; the limit covers the whole
 * answer, body included. Wrapping an already wrapped fetch returns it unchanged.
 */
export function timedFetch(base?: Fetch, limitMs: () => number = () => requestTimeoutMs()): Fetch {
  if (base && (base as unknown as Record<symbol, boolean>)[TIMED]) return base;
  const timed = (async (input: Parameters<Fetch>[0], init: RequestInit = {}) => {
    const ms = limitMs();
    const timer = AbortSignal.timeout(ms);
    const signal = init.signal ? AbortSignal.any([init.signal, timer]) : timer;
    try {
      const res = await (base ?? globalThis.fetch)(input, { ...init, signal });
      // Read the body under the same limit: a server that sends headers and then stalls is a timeout too.
      const body = await res.arrayBuffer();
      return new Response(res.status === 204 || res.status === 205 || res.status === 304 ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (e) {
      if (timer.aborted && !init.signal?.aborted) throw new RequestTimeoutError(`GitHub did not answer within ${ms} ms`);
      throw e;
    }
  }) as Fetch;
  (timed as unknown as Record<symbol, boolean>)[TIMED] = true;
  return timed;
}

interface Hookable {
  hook: { before(name: "request", fn: (options: { request?: { fetch?: Fetch } & Record<string, unknown> }) => void): void };
}
const limited = new WeakSet<object>();

/** Give every request of this client a time limit (once per client). */
export function withRequestTimeout<T extends object>(octokit: T): T {
  if (limited.has(octokit)) return octokit;
  limited.add(octokit);
  (octokit as unknown as Hookable).hook.before("request", (options) => {
    options.request = { ...options.request, fetch: timedFetch(options.request?.fetch) };
  });
  return octokit;
}

/** Probot 14's throttling only logs a secondary rate limit; wait `retry-after` and retry instead. */
export function onSecondaryRateLimit(retryAfter: number, options: { method?: string; url?: string }, octokit: { log: { warn(msg: string): void } }, retryCount = 0): boolean {
  const retry = retryCount < SECONDARY_LIMIT_RETRIES && retryAfter <= SECONDARY_LIMIT_MAX_WAIT_S;
  octokit.log.warn(`Secondary rate limit on ${options.method} ${options.url}: ${retry ? `retrying in ${retryAfter} s` : "giving up"} (retry ${retryCount + 1} of ${SECONDARY_LIMIT_RETRIES})`);
  return retry;
}

/**
 * The throttling plugin's write and notification spacing, made a pass-through: the app spaces its
 * writes itself, per installation, check runs first (write-queue.ts). The plugin would also queue
 * every GraphQL read as a write, and serve queued writes first come, first served.
 */
const passThrough = { key: () => ({ schedule: (_opts: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) => Promise.resolve(job(...args)) }) };

/** The production client: Probot's (retries 5xx, waits out primary rate limits) plus the above. */
export const AppOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  throttle: { ...(options.throttle as object), onSecondaryRateLimit, write: passThrough, notifications: passThrough },
  request: { ...(options.request as object), fetch: timedFetch((options.request as { fetch?: Fetch } | undefined)?.fetch) },
}));
