// Deliveries handled at the same time, at most REVIEW_CONCURRENCY (default 32) per process: a burst
// of webhooks waits its turn in memory (each answered within GitHub's 10 s, with 202 past 9 s)
// instead of holding hundreds of reviews, snapshots and sockets at once.
export const DEFAULT_REVIEW_CONCURRENCY = 32;

export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  static fromEnv(env: NodeJS.ProcessEnv = process.env): Semaphore {
    const n = Number(env.REVIEW_CONCURRENCY);
    return new Semaphore(Number.isInteger(n) && n > 0 ? n : DEFAULT_REVIEW_CONCURRENCY);
  }

  get inUse(): number {
    return this.active;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
