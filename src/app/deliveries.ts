// Deliveries already handled, by X-GitHub-Delivery id: a delivery replayed with the same id (a
// captured Approve click sent again after a revoke, say) is answered without work. Only a delivery
// whose handler finished is remembered, so GitHub's redelivery of one that failed half-way runs.
// In memory, for one process; replicas share theirs in Redis (shared-state.ts).

/** Ids remembered; the oldest is forgotten first. GitHub retries and redeliveries come within hours. */
export const MAX_REMEMBERED = 20_000;

export class DeliveryLog {
  private readonly done = new Map<string, true>();
  private readonly running = new Set<string>();

  constructor(private readonly max = MAX_REMEMBERED) {}

  /** Claim `key` for handling; false when it was handled already or is being handled now. */
  claim(key: string): boolean {
    if (this.done.has(key) || this.running.has(key)) return false;
    this.running.add(key);
    return true;
  }

  /** The handler ended: remembered when it finished, released for a redelivery when it threw. */
  settle(key: string, finished: boolean): void {
    this.running.delete(key);
    if (!finished) return;
    this.done.set(key, true);
    if (this.done.size > this.max) this.done.delete(this.done.keys().next().value!);
  }
}
