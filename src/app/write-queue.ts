// Writes to GitHub, spaced per installation. GitHub's secondary rate limits are per installation;
// Octokit's throttling served writes first come, first served, and queued every GraphQL read as a
// write. Here each installation has its own queue: one write at a time, writes 1 s apart
// (GITHUB_WRITE_SPACING_MS), those that notify people (new comments, reviews) also 3 s apart from
// each other (GITHUB_NOTIFY_SPACING_MS), as GitHub asks. The required check comes first: whenever a
// write may start, a queued check run goes before queued edits, and those before comments and reviews.

import type { WriteSlots } from "./shared-state.js";

/** `check`: a check run (the required signal); `notify`: creates a comment or review; `edit`: any other write. */
export type WriteKind = "check" | "notify" | "edit";

export interface WriteQueue {
  run<T>(kind: WriteKind, write: () => Promise<T>): Promise<T>;
}

/** No spacing: the Action (one job, its own token). */
export const unqueued: WriteQueue = { run: (_kind, write) => write() };

export const DEFAULT_WRITE_SPACING_MS = 1000;
export const DEFAULT_NOTIFY_SPACING_MS = 3000;

const RANK: Record<WriteKind, number> = { check: 0, edit: 1, notify: 2 };

interface Job {
  kind: WriteKind;
  seq: number;
  start: () => void;
  /** The write could not be scheduled (the shared state failed): reject it, free the queue. */
  fail: (e: unknown) => void;
}

/** One installation's queue. `now` is injectable for tests of the order. */
export class SpacedQueue implements WriteQueue {
  private readonly jobs: Job[] = [];
  private busy = false;
  private lastWrite = -Infinity;
  private lastNotify = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;

  constructor(
    private readonly writeMs: number,
    private readonly notifyMs: number,
    private readonly now: () => number = Date.now,
    /** Across replicas: the installation's next slot, reserved in the shared state (0 wait in memory). */
    private readonly shared?: { installation: string; slots: WriteSlots },
  ) {}

  /** Nothing queued or running, and the spacing of the last writes is over: the queue can go. */
  get spent(): boolean {
    const now = this.now();
    return !this.busy && this.jobs.length === 0 && this.readyAt("notify") <= now;
  }

  run<T>(kind: WriteKind, write: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        kind,
        seq: this.seq++,
        start: () => {
          write().then(resolve, reject).finally(() => {
            this.busy = false;
            this.pump();
          });
        },
        fail: (e) => {
          reject(e);
          this.busy = false;
          this.pump();
        },
      };
      this.jobs.push(job);
      this.pump();
    });
  }

  /** When `kind` may next start. */
  private readyAt(kind: WriteKind): number {
    const afterWrite = this.lastWrite + this.writeMs;
    return kind === "notify" ? Math.max(afterWrite, this.lastNotify + this.notifyMs) : afterWrite;
  }

  private pump(): void {
    if (this.busy || this.jobs.length === 0) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.now();
    // The best job that may start now: checks, then edits, then notifications, each oldest first.
    const ready = this.jobs.filter((j) => this.readyAt(j.kind) <= now).sort((a, b) => RANK[a.kind] - RANK[b.kind] || a.seq - b.seq)[0];
    if (!ready) {
      const next = Math.min(...this.jobs.map((j) => this.readyAt(j.kind)));
      this.timer = setTimeout(() => this.pump(), Math.max(0, next - now));
      return;
    }
    this.jobs.splice(this.jobs.indexOf(ready), 1);
    this.busy = true;
    this.lastWrite = now;
    if (ready.kind === "notify") this.lastNotify = now;
    if (!this.shared) return ready.start();
    // Other replicas write for this installation too: wait for the slot reserved in the shared state.
    this.shared.slots.reserve(this.shared.installation, ready.kind === "notify", this.writeMs, this.notifyMs).then(
      (wait) => (wait > 0 ? void setTimeout(ready.start, wait) : ready.start()),
      (e: unknown) => ready.fail(e),
    );
  }
}

const msFrom = (value: string | undefined, fallback: number) => (value !== undefined && value !== "" && Number.isFinite(Number(value)) && Number(value) >= 0 ? Number(value) : fallback);

/** The queues of every installation this process writes for. */
export class InstallationWrites {
  private readonly queues = new Map<string, SpacedQueue>();

  constructor(private readonly opts: { writeMs?: number; notifyMs?: number; slots?: WriteSlots } = {}) {}

  /** Spacing from the environment; `state`, when shared (Redis), spaces across replicas too. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env, state?: WriteSlots & { kind: string }): InstallationWrites {
    return new InstallationWrites({ writeMs: msFrom(env.GITHUB_WRITE_SPACING_MS, DEFAULT_WRITE_SPACING_MS), notifyMs: msFrom(env.GITHUB_NOTIFY_SPACING_MS, DEFAULT_NOTIFY_SPACING_MS), ...(state && state.kind !== "memory" ? { slots: state } : {}) });
  }

  /** The queue of one installation (writes made without one share the key "none"). */
  for(installationId: number | undefined): WriteQueue {
    const key = installationId === undefined ? "none" : String(installationId);
    let q = this.queues.get(key);
    if (!q) {
      // Spent queues are dropped as new ones come: memory stays bounded by the installations
      // writing within a few seconds of each other, and no spacing is cut short.
      if (this.queues.size >= 1000) for (const [k, other] of this.queues) if (other.spent) this.queues.delete(k);
      const shared = this.opts.slots ? { installation: key, slots: this.opts.slots } : undefined;
      this.queues.set(key, (q = new SpacedQueue(this.opts.writeMs ?? DEFAULT_WRITE_SPACING_MS, this.opts.notifyMs ?? DEFAULT_NOTIFY_SPACING_MS, Date.now, shared)));
    }
    return q;
  }
}
