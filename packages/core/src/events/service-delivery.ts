import type { PaymentStore } from "../store/payment-store";
import { collectionIdOf } from "./collection-id-of";
import type { EventBus } from "./event-bus";
import { createOutboxRelay, describeError, type OutboxRelay } from "./outbox-relay";
import type { TenderEvent } from "./tender-events";

export interface ServiceRelayOptions {
  /** Failed deliveries before an event is parked. Default 10. */
  maxAttempts?: number;
  /** Milliseconds before delivery `attempt` is tried again. Default 1 s, doubling, at most 5 min. */
  backoff?(attempt: number): number;
  /** How often the relay polls the outbox for events nobody delivered (a crash, a failed subscriber). Default 1 s. */
  intervalMs?: number;
  /**
   * How long a new event is left to the process that committed it before any
   * relay may take it from the outbox. Default 10 s. An event whose delivery
   * is acknowledged in that time is delivered once; one whose process died
   * is delivered by the next relay to poll.
   */
  graceMs?: number;
  /**
   * How long acknowledgements of delivered events are gathered before one
   * statement sends them all. Default 250 ms, or a quarter of `graceMs` when
   * that is shorter, so that no relay takes an event delivered here before its
   * acknowledgement is sent. A crash in between means those events are
   * delivered again (at least once).
   */
  ackDelayMs?: number;
}

/**
 * How the service delivers its events to its subscribers: right after the
 * commit that wrote them to the outbox (the events are in memory already),
 * acknowledged in batches; and by a relay that polls the outbox for whatever
 * that missed: a crash between the commit and the delivery, a subscriber
 * that threw (retried with backoff, parked after `maxAttempts`).
 *
 * Order: one collection's events are delivered in commit order. Once a
 * delivery of a collection's event fails here, that collection's later
 * events are left to the relay, which delivers a collection's events one
 * after the other.
 */
export interface ServiceDelivery {
  /** Milliseconds a new event waits before a relay may take it. */
  readonly graceMs: number;
  readonly relay: OutboxRelay;
  /**
   * The events of a commit that a subscriber of this process listens to. Only
   * those are written to the outbox: an event nobody here listens to would be
   * delivered to nobody and acknowledged at once, and this process's relay
   * would hand it to nobody after a crash.
   */
  heard(events: readonly TenderEvent[]): readonly TenderEvent[];
  /** Delivers a commit's events to the subscribers now, in order. */
  deliverCommitted(events: readonly TenderEvent[]): Promise<void>;
  /**
   * To be called after a subscriber is added or removed: the relay polls
   * while this process has a subscriber, and not before the first. A relay
   * with no one to hand events to would deliver the last process's leftovers
   * to nobody and acknowledge them; this way they wait for the subscribers an
   * application adds after an asynchronous start-up.
   */
  subscribersChanged(): void;
  /** Sends the acknowledgements not sent yet. */
  flush(): Promise<void>;
  /** Stops the relay and sends what is left to acknowledge. */
  close(): Promise<void>;
}

const ACK_BATCH = 500;

export function serviceDelivery(
  store: PaymentStore,
  bus: EventBus,
  options: ServiceRelayOptions,
  now: () => Date,
): ServiceDelivery {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 10);
  const backoff =
    options.backoff ?? ((attempt: number) => Math.min(300_000, 1000 * 2 ** (attempt - 1)));
  const graceMs = options.graceMs ?? 10_000;
  // Each acknowledgement statement costs about as much as a commit; gathering them for a
  // quarter of a second makes it one for a few dozen flows at one flow in flight.
  const ackDelayMs = options.ackDelayMs ?? Math.min(250, graceMs / 4);
  // Collections with an event this process left to the relay, and those events' ids.
  const leftBehind = new Map<string, Set<string>>();
  const lanes = new Map<string, Promise<void>>();
  let acks: string[] = [];
  let ackTimer: ReturnType<typeof setTimeout> | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;

  const flush = (): Promise<void> => {
    if (ackTimer) clearTimeout(ackTimer);
    ackTimer = undefined;
    const batch = acks;
    acks = [];
    if (batch.length === 0) return flushing;
    // A lost acknowledgement only means the event is delivered again: at least once.
    flushing = flushing.then(() => store.outbox.ack(batch)).catch(() => undefined);
    return flushing;
  };
  const acknowledge = (id: string) => {
    acks.push(id);
    if (acks.length >= ACK_BATCH) void flush();
    else if (!ackTimer) {
      ackTimer = setTimeout(() => void flush(), ackDelayMs);
      ackTimer.unref?.();
    }
  };
  const settledByRelay = (id: string) => {
    for (const [lane, ids] of leftBehind) {
      if (ids.delete(id) && ids.size === 0) leftBehind.delete(lane);
    }
  };

  const inner = createOutboxRelay({
    store,
    now,
    maxAttempts,
    backoff,
    ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
    async deliver(event) {
      await bus.dispatch(event);
      settledByRelay(event.id);
    },
    onParked: (event) => settledByRelay(event.id),
  });
  // A round starts by sending the acknowledgements gathered so far, so it never takes an
  // event this process delivered already.
  const relay: OutboxRelay = {
    ...inner,
    runOnce: async () => {
      await flush();
      return inner.runOnce();
    },
    drain: async () => {
      await flush();
      return inner.drain();
    },
  };

  const deliverOne = async (event: TenderEvent, lane: string) => {
    const behind = leftBehind.get(lane);
    if (behind) {
      // An earlier event of this collection waits in the outbox: the relay keeps their order.
      behind.add(event.id);
      return;
    }
    try {
      await bus.dispatch(event);
      acknowledge(event.id);
    } catch (error) {
      leftBehind.set(lane, new Set([event.id]));
      const park = maxAttempts <= 1;
      const failedAt = now();
      await store.outbox
        .release(event.id, {
          attempts: 1,
          available_at: new Date(failedAt.getTime() + (park ? 0 : backoff(1))),
          parked_at: park ? failedAt : null,
          last_error: describeError(error),
        })
        .catch(() => undefined);
    }
  };

  return {
    graceMs,
    relay,
    heard: (events) => events.filter((event) => bus.hears(event.name)),
    deliverCommitted(events) {
      const done: Promise<void>[] = [];
      for (const event of events) {
        const lane = collectionIdOf(event);
        const previous = lanes.get(lane);
        const next = (previous ?? Promise.resolve()).then(() => deliverOne(event, lane));
        lanes.set(lane, next);
        const settled = next.finally(() => {
          if (lanes.get(lane) === next) lanes.delete(lane);
        });
        // The caller waits for its events only when its collection's lane was idle: a
        // subscriber that changes the collection it was told about (capture on authorized)
        // must not wait for its own delivery to finish.
        if (previous === undefined) done.push(settled);
        else settled.catch(() => undefined);
      }
      return Promise.all(done).then(() => undefined);
    },
    subscribersChanged() {
      if (closed) return;
      if (bus.subscribed()) relay.start();
      else void relay.stop();
    },
    flush,
    async close() {
      closed = true;
      await relay.stop();
      await flush();
    },
  };
}
