import type { FakeStripe } from "@tender/provider-stripe/testing";

export interface FakeBank {
  /** A SEPA debit went to `processing` at the fake Stripe: the bank settles it later. */
  debitStarted(paymentIntentId: string): void;
  /** The bank settles a debit now (a dev route and the tests call this). */
  settle(paymentIntentId: string, outcome: "succeeded" | "failed"): void;
  stop(): void;
}

/**
 * The customer's bank behind the fake Stripe's SEPA debits: it settles each
 * one `settleAfterMs` after it started (never by itself with `null`), and
 * the fake then has a `payment_intent.succeeded` event for the webhook, the
 * only way the books learn of it.
 */
export function createFakeBank(
  stripe: FakeStripe,
  options: { settleAfterMs: number | null; log: (line: string) => void },
): FakeBank {
  const timers = new Set<NodeJS.Timeout>();
  const settle = (id: string, outcome: "succeeded" | "failed") =>
    stripe.settleProcessing(id, outcome);
  return {
    settle,
    debitStarted(id) {
      if (options.settleAfterMs === null) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        try {
          settle(id, "succeeded");
        } catch (error) {
          // Settled by hand meanwhile: nothing left for the bank to do.
          options.log(
            `fake bank: ${id} not settled: ${error instanceof Error ? error.message : error}`,
          );
        }
      }, options.settleAfterMs);
      timer.unref();
      timers.add(timer);
    },
    stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
