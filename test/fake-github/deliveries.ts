// The fake's webhook delivery log, as GitHub keeps it for an app (GET /app/hook/deliveries): each
// attempt with its status, and redelivery (POST /app/hook/deliveries/:id/attempts), which sends the
// stored payload to the app's webhook URL again, signed, under the same GUID.
import { createHmac } from "node:crypto";

export interface FakeDelivery {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
  installation_id: number | null;
  repository_id: number | null;
  /** Kept for redelivery; not part of the listing. */
  payload: object;
}

export class DeliveryLog {
  readonly attempts: FakeDelivery[] = [];
  private nextId = 1;
  private to: { url: string; secret: string } | undefined;
  /** Redeliveries asked before the test said where the app listens: sent once it does. */
  private pending: number[] = [];

  /** Where redeliveries go (the app's webhook URL and secret); set by the test once the app listens. */
  set target(t: { url: string; secret: string } | undefined) {
    this.to = t;
    if (t) for (const id of this.pending.splice(0)) this.send(id);
  }
  get target() {
    return this.to;
  }

  /** Record an attempt GitHub made (status 0: the connection failed, as when the app died). */
  record(d: { guid: string; event: string; payload: object; statusCode: number; redelivery?: boolean; at?: Date }): FakeDelivery {
    const p = d.payload as { action?: string; installation?: { id?: number }; repository?: { id?: number } };
    const attempt: FakeDelivery = {
      id: this.nextId++,
      guid: d.guid,
      delivered_at: (d.at ?? new Date()).toISOString(),
      redelivery: d.redelivery ?? false,
      status: d.statusCode >= 200 && d.statusCode < 300 ? "OK" : d.statusCode === 0 ? "Connection reset by peer" : `Invalid HTTP Response: ${d.statusCode}`,
      status_code: d.statusCode,
      event: d.event,
      action: p.action ?? null,
      installation_id: p.installation?.id ?? null,
      repository_id: p.repository?.id ?? null,
      payload: d.payload,
    };
    this.attempts.push(attempt);
    return attempt;
  }

  /** Newest first, as GitHub lists them, without the payloads. */
  listing(): Omit<FakeDelivery, "payload">[] {
    return [...this.attempts].reverse().map(({ payload: _p, ...rest }) => rest);
  }

  /** Send attempt `id`'s payload again (asynchronously, as GitHub does) and record the outcome. */
  redeliver(id: number): boolean {
    if (!this.attempts.some((a) => a.id === id)) return false;
    if (this.to) this.send(id);
    else this.pending.push(id);
    return true;
  }

  private send(id: number): void {
    const original = this.attempts.find((a) => a.id === id)!;
    const { url, secret } = this.to!;
    const body = JSON.stringify(original.payload);
    const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    void fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-github-event": original.event, "x-github-delivery": original.guid, "x-hub-signature-256": signature }, body })
      .then(async (res) => (await res.text(), res.status))
      .catch(() => 0)
      .then((status) => this.record({ guid: original.guid, event: original.event, payload: original.payload, statusCode: status, redelivery: true }));
  }

  clear(): void {
    this.attempts.length = 0;
    this.pending.length = 0;
    this.to = undefined;
  }
}
