// What replicas must agree on, kept in Redis when REDIS_URL is set (in memory otherwise): which
// deliveries were taken (a delivery is handled once, even when GitHub or a load balancer sends it to
// two replicas) and when each installation may write next (the spacing holds across replicas).
// A claim is a lease: the replica handling a delivery renews it while it works, so a replica that
// dies lets it lapse within LEASE_MS and GitHub's redelivery (see redeliver.ts) is handled by another.
import { Redis } from "ioredis";
import { DeliveryLog } from "./deliveries.js";

export const LEASE_MS = 30_000;
/** How long a finished delivery is remembered (GitHub redelivers within three days; replays come sooner). */
export const DONE_MS = 24 * 3600_000;

export interface Claims {
  /** Take `key` for handling: false when it was handled, or is being handled, by anyone. */
  claim(key: string): Promise<boolean>;
  /** Keep the claim alive while the handler runs. */
  renew(key: string): Promise<void>;
  /** Finished: remembered; otherwise released for a redelivery. */
  settle(key: string, finished: boolean): Promise<void>;
}

export interface WriteSlots {
  /** Reserve the installation's next write slot; resolves with how long to wait for it (ms). */
  reserve(installation: string, notify: boolean, writeMs: number, notifyMs: number): Promise<number>;
}

export interface SharedState extends Claims, WriteSlots {
  /** Redis answers (always true in memory). */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
  readonly kind: "memory" | "redis";
}

/** The single-process state: nothing to share. */
export class MemoryState implements SharedState {
  readonly kind = "memory" as const;
  private readonly deliveries: DeliveryLog;
  constructor(max?: number) {
    this.deliveries = new DeliveryLog(max);
  }
  async claim(key: string) {
    return this.deliveries.claim(key);
  }
  async renew() {}
  async settle(key: string, finished: boolean) {
    this.deliveries.settle(key, finished);
  }
  // Spacing within one process is the local queue's (write-queue.ts).
  async reserve() {
    return 0;
  }
  async healthy() {
    return true;
  }
  async close() {}
}

// One atomic step: the slot is the later of now and the last write plus its spacing (and, for
// comments and reviews, the last of those plus theirs), measured on Redis's clock so that replicas'
// clocks need not agree. Returns the wait in ms.
const RESERVE = `
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local w, n, notify = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3] == "1"
local slot = math.max(now, tonumber(redis.call("GET", KEYS[1]) or "0") + w)
if notify then slot = math.max(slot, tonumber(redis.call("GET", KEYS[2]) or "0") + n) end
redis.call("SET", KEYS[1], slot, "PX", w + n + 60000)
if notify then redis.call("SET", KEYS[2], slot, "PX", w + n + 60000) end
return slot - now
`;

export class RedisState implements SharedState {
  readonly kind = "redis" as const;
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "capability-review:",
  ) {}

  static connect(url: string): RedisState {
    // Commands fail fast while Redis is unreachable (fail closed), instead of queueing in memory.
    const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, retryStrategy: (n) => Math.min(n * 200, 2000) });
    // Connection errors surface as failed commands (and on /ping); the client reconnects by itself.
    redis.on("error", () => {});
    return new RedisState(redis);
  }

  async claim(key: string) {
    if (await this.redis.exists(`${this.prefix}done:${key}`)) return false;
    return (await this.redis.set(`${this.prefix}run:${key}`, "1", "PX", LEASE_MS, "NX")) === "OK";
  }
  async renew(key: string) {
    await this.redis.pexpire(`${this.prefix}run:${key}`, LEASE_MS);
  }
  async settle(key: string, finished: boolean) {
    if (finished) await this.redis.set(`${this.prefix}done:${key}`, "1", "PX", DONE_MS);
    await this.redis.del(`${this.prefix}run:${key}`);
  }
  async reserve(installation: string, notify: boolean, writeMs: number, notifyMs: number) {
    const keys = [`${this.prefix}write:${installation}`, `${this.prefix}notify:${installation}`];
    return Number(await this.redis.eval(RESERVE, 2, ...keys, writeMs, notifyMs, notify ? "1" : "0"));
  }
  async healthy() {
    try {
      return (await Promise.race([this.redis.ping(), new Promise<string>((r) => setTimeout(() => r("timeout"), 1000).unref())])) === "PONG";
    } catch {
      return false;
    }
  }
  async close() {
    // quit() when connected (flushes), disconnect() otherwise (no reconnecting after close).
    if (this.redis.status === "ready") await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

/** Redis when REDIS_URL is set, else memory. */
export function sharedStateFromEnv(env: NodeJS.ProcessEnv = process.env): SharedState {
  return env.REDIS_URL ? RedisState.connect(env.REDIS_URL) : new MemoryState();
}
