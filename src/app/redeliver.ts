// No delivery lost in silence. A process killed mid-review (out of memory, a node lost, a deploy
// without drain) never answers its delivery, so GitHub records it as failed and never sends it
// again by itself. As GitHub's guide on failed deliveries describes, the app asks for its recent
// deliveries (GET /app/hook/deliveries, as the app) at start-up and then periodically, and asks
// for those that never succeeded to be sent again (POST /app/hook/deliveries/{id}/attempts).
// At start-up, deliveries answered 202 ("still processing", after 9 s) count as unfinished too:
// the process that answered them may be the one that died. A redelivery that runs twice is a
// replay of an idempotent review: it writes the check again, nothing else.

export interface Delivery {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status_code: number;
  event: string;
}

export interface DeliveriesApi {
  /** One page, newest first; `next` is the cursor of the following page. */
  page(cursor?: string): Promise<{ deliveries: Delivery[]; next?: string }>;
  redeliver(id: number): Promise<void>;
}

export interface ScanOptions {
  since: Date;
  /** Count 202 answers as unfinished (at start-up). */
  unfinished: boolean;
  /** Pages of 100 read per scan at most, and redeliveries asked at most. */
  maxPages?: number;
  maxRedeliveries?: number;
  /** Redeliveries asked for one delivery (its GUID) within the window: a poison delivery stops there. */
  maxAttempts?: number;
}

export interface ScanResult {
  scanned: number;
  redelivered: string[];
  /** Deliveries left failed: over maxAttempts, or over maxRedeliveries this scan. */
  givenUp: string[];
  /** The listing had more pages than were read. */
  truncated: boolean;
}

const ok = (d: Delivery, unfinished: boolean) => d.status_code >= 200 && d.status_code < 300 && !(unfinished && d.status_code === 202);

/** Ask again for every delivery since `since` none of whose attempts succeeded. */
export async function redeliverFailed(api: DeliveriesApi, opts: ScanOptions): Promise<ScanResult> {
  const attempts = new Map<string, Delivery[]>();
  let cursor: string | undefined;
  let pages = 0;
  let truncated = false;
  for (;;) {
    const { deliveries, next } = await api.page(cursor);
    pages++;
    let older = false;
    for (const d of deliveries) {
      if (new Date(d.delivered_at) < opts.since) {
        older = true;
        break;
      }
      attempts.set(d.guid, [...(attempts.get(d.guid) ?? []), d]);
    }
    if (older || !next) break;
    if (pages >= (opts.maxPages ?? 20)) {
      truncated = true;
      break;
    }
    cursor = next;
  }
  const result: ScanResult = { scanned: [...attempts.values()].reduce((n, a) => n + a.length, 0), redelivered: [], givenUp: [], truncated };
  for (const [guid, tries] of attempts) {
    if (tries.some((d) => ok(d, opts.unfinished))) continue;
    if (tries.filter((d) => d.redelivery).length >= (opts.maxAttempts ?? 3) || result.redelivered.length >= (opts.maxRedeliveries ?? 50)) {
      result.givenUp.push(guid);
      continue;
    }
    // The newest attempt stands for the delivery (listings are newest first).
    await api.redeliver(tries[0]!.id);
    result.redelivered.push(guid);
  }
  return result;
}

/** The deliveries API of an app-authenticated Octokit (`probot.auth()`). */
export function deliveriesApi(octokit: { request(route: string, params?: Record<string, unknown>): Promise<{ data: unknown; headers: Record<string, unknown> }> }): DeliveriesApi {
  return {
    async page(cursor) {
      const res = await octokit.request("GET /app/hook/deliveries", { per_page: 100, ...(cursor ? { cursor } : {}) });
      // `[^<>]`: a `<` with no `>` is not rescanned from every `<` before it.
      const next = /<([^<>]+)>;\s*rel="next"/.exec(String(res.headers.link ?? ""))?.[1];
      const nextCursor = next ? (new URL(next).searchParams.get("cursor") ?? undefined) : undefined;
      return { deliveries: res.data as Delivery[], ...(nextCursor ? { next: nextCursor } : {}) };
    },
    async redeliver(id) {
      await octokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: id });
    },
  };
}

export const DEFAULT_LOOKBACK_MS = 24 * 3600_000;
export const DEFAULT_INTERVAL_MS = 5 * 60_000;

type Log = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
type AppOctokitLike = Parameters<typeof deliveriesApi>[0];

const msOr = (v: string | undefined, fallback: number) => (v !== undefined && v !== "" && Number.isFinite(Number(v)) && Number(v) >= 0 ? Number(v) : fallback);

/**
 * Scan at start-up (REDELIVERY_LOOKBACK_MS back, default 24 h; 202 answers count as unfinished),
 * then every REDELIVERY_INTERVAL_MS (default 5 min, 0: start-up only). Never throws: a failed scan
 * is logged and the next one tries again.
 */
export function scheduleRedeliveries(auth: () => Promise<AppOctokitLike>, log: Log, env: NodeJS.ProcessEnv = process.env): { stop(): void; first: Promise<void> } {
  const lookback = msOr(env.REDELIVERY_LOOKBACK_MS, DEFAULT_LOOKBACK_MS);
  const interval = msOr(env.REDELIVERY_INTERVAL_MS, DEFAULT_INTERVAL_MS);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const scan = async (since: Date, unfinished: boolean) => {
    try {
      const r = await redeliverFailed(deliveriesApi(await auth()), { since, unfinished });
      if (r.redelivered.length || r.givenUp.length || r.truncated) log.info({ event: "redelivery", redelivered: r.redelivered, givenUp: r.givenUp, scanned: r.scanned, truncated: r.truncated }, "failed deliveries asked again");
      if (r.givenUp.length) log.warn({ event: "redelivery", givenUp: r.givenUp }, "deliveries that keep failing were not asked again");
    } catch (e) {
      log.error({ event: "redelivery", err: e }, "could not scan the app's recent deliveries");
    }
  };
  const started = Date.now();
  const first = scan(new Date(started - lookback), true).then(() => {
    if (stopped || interval === 0) return;
    let last = started;
    const tick = () => {
      const at = Date.now();
      // Overlapping windows: a delivery failed during the last scan is seen by this one.
      void scan(new Date(last - interval), false).finally(() => {
        last = at;
        if (!stopped) (timer = setTimeout(tick, interval)).unref();
      });
    };
    (timer = setTimeout(tick, interval)).unref();
  });
  return {
    first,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
