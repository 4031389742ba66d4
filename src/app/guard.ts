// Every event handler of the app, guarded: run once per delivery id, across replicas when the
// state is shared (a replay, or the same delivery sent to two replicas, is answered without work),
// and at most REVIEW_CONCURRENCY at a time per process. The claim is renewed while the handler
// runs; a replica that dies lets it lapse (see shared-state.ts). When the shared state cannot be
// reached the handler is not run and the delivery fails (GitHub records it, and it is asked for
// again later: redeliver.ts), rather than being handled twice or dropped.
import type { Context, Probot } from "probot";
import type { Semaphore } from "./concurrency.js";
import { LEASE_MS, type Claims } from "./shared-state.js";

export function guardHandlers(probot: Probot, claims: Claims, slots: Semaphore): void {
  const on = probot.on.bind(probot);
  let registrations = 0;
  probot.on = ((events: Parameters<Probot["on"]>[0], handler: (context: Context) => Promise<void>) => {
    const n = registrations++;
    return on(events, async (context: Context) => {
      if (!context.id) return slots.run(() => handler(context));
      const key = `${context.id}#${n}`;
      if (!(await claims.claim(key))) {
        context.log.info({ delivery: context.id, webhook: context.name, event: "replay" }, "delivery already handled: ignored");
        return;
      }
      const renewal = setInterval(() => void claims.renew(key).catch(() => {}), LEASE_MS / 3);
      renewal.unref();
      let finished = false;
      try {
        await slots.run(() => handler(context));
        finished = true;
      } finally {
        clearInterval(renewal);
        await claims.settle(key, finished).catch((e) => context.log.error({ delivery: context.id, err: e }, "could not record the delivery as handled"));
      }
    });
  }) as Probot["on"];
}
