import { match } from "ts-pattern";
import { countsTowardCollection, heldByPayment, isLive } from "../money/ledger";
import type { Payment, PaymentSession } from "../records/records";
import type { PaymentCollectionStatus } from "../records/statuses";
import { isCaptureClosed, isExpired } from "./payment-transitions";

export interface CollectionTotals {
  status: PaymentCollectionStatus;
  authorized_amount: number;
  captured_amount: number;
  refunded_amount: number;
  disputed_amount: number;
}

/** What {@link deriveCollectionStatus} reads of a session: its status. A `PaymentSession` is one. */
export type SessionLike = Pick<PaymentSession, "status">;
/**
 * What {@link deriveCollectionStatus} reads of a payment: its amounts and the
 * times it was canceled, expired or marked surplus. A `Payment` is one.
 */
export type PaymentLike = Pick<
  Payment,
  "amount" | "captured_amount" | "refunded_amount" | "canceled_at"
> &
  Partial<Pick<Payment, "released_amount" | "expired_at" | "surplus_at" | "disputed_amount">>;

/**
 * A collection's status and amounts, from its sessions and payments: the one
 * place they are computed. Money states win over session states: a collection
 * with captured money is never reported as awaiting a customer. Surplus
 * payments (see `Payment.surplus_at`) do not count.
 */
export function deriveCollectionStatus(
  collection: { amount: number },
  sessions: readonly SessionLike[],
  payments: readonly PaymentLike[],
): CollectionTotals {
  let authorized = 0;
  let captured = 0;
  let refunded = 0;
  let disputed = 0;
  let live = 0;
  let closedLive = 0;
  let released = 0;
  let expired = 0;
  let counted = 0;
  for (const payment of payments) {
    // Surplus money is returned, not kept: it is no part of what the collection was paid.
    if (!countsTowardCollection(payment)) continue;
    counted++;
    captured += payment.captured_amount;
    refunded += payment.refunded_amount;
    disputed += payment.disputed_amount ?? 0;
    const money = { ...payment, released_amount: payment.released_amount ?? 0 };
    if (isExpired(payment)) expired++;
    else if (isLive(money)) {
      // A released remainder is no longer held.
      authorized += heldByPayment(money);
      released += payment.released_amount ?? 0;
      live++;
      if (isCaptureClosed(payment)) closedLive++;
    }
  }
  // Captured in full, or the merchant settled for less: every live payment is
  // closed and some of them released their rest.
  const settled =
    captured >= collection.amount || (live > 0 && closedLive === live && released > 0);
  const totals = {
    authorized_amount: authorized,
    captured_amount: captured,
    refunded_amount: refunded,
    disputed_amount: disputed,
  };

  if (refunded > 0) {
    const closed = settled && refunded >= captured;
    return { ...totals, status: closed ? "refunded" : "partially_refunded" };
  }
  if (captured > 0) {
    return {
      ...totals,
      status: settled ? "completed" : "partially_captured",
    };
  }
  if (authorized > 0) {
    return {
      ...totals,
      status: authorized >= collection.amount ? "authorized" : "partially_authorized",
    };
  }

  const counts = { waiting: 0, requiresMore: 0, failed: 0, canceled: 0 };
  for (const session of sessions) {
    match(session.status)
      .with("pending", "processing", () => counts.waiting++)
      .with("requires_more", () => counts.requiresMore++)
      .with("error", () => counts.failed++)
      .with("canceled", () => counts.canceled++)
      // An authorized or captured session without a live payment had its payment canceled.
      .with("authorized", "captured", () => counts.canceled++)
      .exhaustive();
  }
  if (counts.requiresMore > 0) return { ...totals, status: "requires_more" };
  if (counts.waiting > 0) return { ...totals, status: "awaiting" };
  // An authorization that lapsed uncaptured: the customer must pay again.
  if (expired > 0) return { ...totals, status: "expired" };
  if (counts.failed > 0) return { ...totals, status: "failed" };
  if (counts.canceled > 0 || counted > live) return { ...totals, status: "canceled" };
  return { ...totals, status: "not_paid" };
}
