import { redact } from "../errors/redact";
import type { OutboxEvent } from "../records/records";
import type { PaymentStore } from "../store/payment-store";
import { isFromNewerVersion, toTenderEvent } from "./outbox-event";
import type { TenderEvent } from "./tender-events";

export interface OutboxRelayOptions {
  store: PaymentStore;
  /** Delivers one event; a throw means "not delivered": it comes again after a backoff. */
  deliver(event: TenderEvent): Promise<void>;
  /** Failed deliveries before an event is parked (kept, visible, replayable). Default 10. */
  maxAttempts?: number;
  /** Milliseconds before delivery `attempt` (1-based) is tried again. Default 1 s, doubling, at most 5 min. */
  backoff?(attempt: number): number;
  /** How long a relay holds the events it took before another relay may take them. Default 60 s. */
  claimMs?: number;
  /** Events taken per round. Default 100. */
  batchSize?: number;
  /** How often {@link OutboxRelay.start} polls. Default 1 s. */
  intervalMs?: number;
  /** The clock, for tests. */
  now?(): Date;
  /** Told of each event parked after its last failed attempt. */
  onParked?(event: OutboxEvent): void;
}

export interface RelayRound {
  delivered: number;
  retried: number;
  parked: number;
  /**
   * Events written by a newer version of Tender (an event name or payload
   * format this one does not know): not delivered, not counted as an attempt,
   * held until their claim runs out, for a relay that reads them.
   */
  left: number;
}

/**
 * Delivers the outbox: at least once, each collection's events in the order
 * they were committed, to any number of relays in any number of processes
 * (a relay holds what it took, so two never deliver one event at once).
 *
 * The service runs one for its subscribers; run one of your own to forward
 * events to a broker, and dedupe there by `event.id`.
 *
 * @example
 * ```ts
 * const relay = createOutboxRelay({
 *   store,
 *   deliver: async (event) => { await broker.publish(event.name, event, { messageId: event.id }) },
 * });
 * relay.start(); // polls every second; relay.stop() on shutdown
 * ```
 */
export interface OutboxRelay {
  /** One round: take what is due, deliver it in order, acknowledge or reschedule each. */
  runOnce(): Promise<RelayRound>;
  /** Rounds until nothing is due. */
  drain(): Promise<RelayRound>;
  /** Polls every `intervalMs` until {@link OutboxRelay.stop}; the timer never keeps the process alive. */
  start(): void;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
  /** Events parked after `maxAttempts` failures, oldest first. */
  parked(limit?: number): Promise<OutboxEvent[]>;
  /** Delivers parked events again (attempts start over); returns how many were unparked. */
  replay(ids: readonly string[]): Promise<number>;
}

/** Makes an {@link OutboxRelay} over a store's outbox. */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const maxAttempts = Math.max(1, options.maxAttempts ?? 10);
  const backoff = options.backoff ?? defaultBackoff;
  const claimMs = options.claimMs ?? 60_000;
  const batchSize = options.batchSize ?? 100;
  const intervalMs = options.intervalMs ?? 1000;
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<RelayRound> | undefined;

  const round = async (): Promise<RelayRound> => {
    const at = now();
    const taken = await store.outbox.claim({
      now: at,
      claimUntil: new Date(at.getTime() + claimMs),
      limit: batchSize,
    });
    const result: RelayRound = { delivered: 0, retried: 0, parked: 0, left: 0 };
    const delivered: string[] = [];
    for (const row of taken) {
      try {
        await options.deliver(toTenderEvent(row));
        delivered.push(row.id);
        result.delivered++;
      } catch (error) {
        if (isFromNewerVersion(error)) {
          result.left++;
          continue;
        }
        const attempts = row.attempts + 1;
        const park = attempts >= maxAttempts;
        const failedAt = now();
        await store.outbox.release(row.id, {
          attempts,
          available_at: new Date(failedAt.getTime() + (park ? 0 : backoff(attempts))),
          parked_at: park ? failedAt : null,
          last_error: describeError(error),
        });
        if (park) {
          result.parked++;
          options.onParked?.(row);
        } else result.retried++;
      }
    }
    await store.outbox.ack(delivered);
    return result;
  };
  // One round at a time per relay: a poll that fires while a round runs waits for it.
  const runOnce = (): Promise<RelayRound> => {
    const next = (running ?? Promise.resolve()).then(round, round);
    running = next;
    return next.finally(() => {
      if (running === next) running = undefined;
    });
  };

  return {
    runOnce,
    async drain() {
      const total: RelayRound = { delivered: 0, retried: 0, parked: 0, left: 0 };
      for (;;) {
        const result = await runOnce();
        total.delivered += result.delivered;
        total.retried += result.retried;
        total.parked += result.parked;
        total.left += result.left;
        if (result.delivered + result.retried + result.parked === 0) return total;
      }
    },
    start() {
      if (timer) return;
      timer = setInterval(() => {
        runOnce().catch(() => undefined);
      }, intervalMs);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
    parked: (limit) => store.outbox.list({ state: "parked", limit: limit ?? 100 }),
    replay: (ids) => store.outbox.replay(ids, now()),
  };
}

function defaultBackoff(attempt: number): number {
  return Math.min(300_000, 1000 * 2 ** (attempt - 1));
}

/** What a failed delivery leaves on the event: the error's message, redacted, never a stack. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redact(message.slice(0, 1000));
}
