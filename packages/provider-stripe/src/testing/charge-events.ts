import type { FakeCharge, FakePaymentIntent } from "./fake-objects";
import type { EventOrigin, FakeStripeContext } from "./fake-stripe-state";
import { placeInReview } from "./risk-signals";

/*
 * The `charge.*` events of a charge's life, as Stripe sends them: each
 * before the PaymentIntent event of the same step (`charge.succeeded`, then
 * `payment_intent.succeeded`).
 */

/**
 * Announces a new charge: `charge.succeeded` when authorized (a hold for
 * manual capture too) or paid, `charge.pending` for an asynchronous method
 * (SEPA), `charge.failed` on a decline. A charge Radar rates `elevated` is
 * placed in review first, so `charge.succeeded` carries the review and
 * `review.opened` follows.
 */
export function announceCharge(
  context: FakeStripeContext,
  charge: FakeCharge,
  intent: FakePaymentIntent,
  origin: EventOrigin,
): void {
  if (charge.status !== "succeeded") {
    context.emit(charge.status === "failed" ? "charge.failed" : "charge.pending", charge, origin);
    return;
  }
  const review =
    charge.outcome.type === "manual_review" ? placeInReview(context, charge, intent, "rule") : null;
  context.emit("charge.succeeded", charge, origin);
  if (review !== null) context.emit("review.opened", review, origin);
}

/**
 * The money of a captured charge reaches the balance: its balance transaction
 * is set (a capture of a hold, a SEPA debit that settled). No event of its own.
 */
export function recordBalanceTransaction(context: FakeStripeContext, charge: FakeCharge): void {
  if (charge.balance_transaction === null) charge.balance_transaction = context.newId("txn");
}

/**
 * Asynchronous capture (`capture_method: automatic_async`, the default):
 * Stripe answers the confirmation before the balance transaction exists and
 * sends `charge.updated` once it does (the fake does it at once, after
 * `payment_intent.succeeded`). A synchronous capture has it already.
 */
export function finishAsyncCapture(
  context: FakeStripeContext,
  charge: FakeCharge,
  intent: FakePaymentIntent,
  origin: EventOrigin,
): void {
  if (intent.capture_method !== "automatic_async" || charge.balance_transaction !== null) return;
  recordBalanceTransaction(context, charge);
  context.emit("charge.updated", charge, origin, { balance_transaction: null });
}
