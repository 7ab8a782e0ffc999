import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { CheckoutDeps } from "../checkout-deps";
import { type CheckoutStatus, readCheckoutStatus } from "../read-checkout-status";

/** How long an idle stream waits before a comment keeps proxies from closing it. */
const KEEP_ALIVE_MS = 15_000;

/**
 * `GET /events/collections/:id`: Server-Sent Events for one collection. A
 * `status` message (the status route's body) comes at once and again after
 * each Tender event of the collection (its name in `tender_event`), read
 * from the books then, so messages are always current whatever order the
 * events came in. A browser reconnects by itself (after a server restart,
 * say) and gets the status again at once.
 */
export function eventStream(deps: CheckoutDeps): Hono {
  const routes = new Hono();

  routes.get("/collections/:id", async (c) => {
    const id = c.req.param("id");
    // An unknown collection is a 404 answer, not a stream that never speaks.
    const first = await readCheckoutStatus(deps.tender, id);
    return streamSSE(c, async (stream) => {
      const message = (status: CheckoutStatus, tenderEvent: string | null) => ({
        event: "status",
        data: JSON.stringify({ ...status, tender_event: tenderEvent }),
      });
      // One message at a time, in the order the events came.
      let tail: Promise<void> = stream.writeSSE({ retry: 1000, ...message(first, null) });
      const unsubscribe = deps.events.subscribe(id, (event) => {
        tail = tail
          .then(async () => {
            await stream.writeSSE(message(await readCheckoutStatus(deps.tender, id), event.name));
          })
          .catch(() => undefined);
      });
      const keepAlive = setInterval(() => {
        tail = tail
          .then(() => stream.write(": keep-alive\n\n"))
          .then(
            () => undefined,
            () => undefined,
          );
      }, KEEP_ALIVE_MS);
      await new Promise<void>((resolve) => {
        if (deps.closing.aborted) resolve();
        stream.onAbort(resolve);
        deps.closing.addEventListener("abort", () => resolve(), { once: true });
      });
      clearInterval(keepAlive);
      unsubscribe();
      await tail.catch(() => undefined);
    });
  });

  return routes;
}
