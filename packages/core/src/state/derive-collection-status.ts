import { countsTowardCollection, heldByPayment, isLive } from "../money/ledger";
import type { Payment, PaymentSession } from "../records/records";
import type { PaymentCollectionStatus, PaymentSessionStatus } from "../records/statuses";
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
  const money = collectionMoney(collection, payments);
  return money.status === undefined ? withSessions(money, sessions) : money.totals(money.status);
}

/**
 * What a collection's payments say of it: its amounts, and its status when
 * money decides it (something is held, captured or refunded). Only when
 * `status` is undefined do the sessions matter: then {@link withSessions}
 * finishes the work, so a caller reads the sessions only when they count.
 */
export interface CollectionMoney {
  status: PaymentCollectionStatus | undefined;
  totals(status: PaymentCollectionStatus): CollectionTotals;
  /** Payments that count toward the collection, live ones, and lapsed ones. */
  counted: number;
  live: number;
  expired: number;
}

export function collectionMoney(
  collection: { amount: number },
  payments: readonly PaymentLike[],
): CollectionMoney {
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
  const totals = (status: PaymentCollectionStatus): CollectionTotals => ({
    status,
    authorized_amount: authorized,
    captured_amount: captured,
    refunded_amount: refunded,
    disputed_amount: disputed,
  });
  let status: PaymentCollectionStatus | undefined;
  if (refunded > 0) status = settled && refunded >= captured ? "refunded" : "partially_refunded";
  else if (captured > 0) status = settled ? "completed" : "partially_captured";
  else if (authorized > 0) {
    status = authorized >= collection.amount ? "authorized" : "partially_authorized";
  }
  return { status, totals, counted, live, expired };
}

/**
 * How the sessions decide a collection's status when its money decides
 * nothing, in order: the first rule that holds wins, and a collection none
 * holds for is `not_paid`. A rule holds when one of its sessions is in one of
 * `sessions`, or when `money` says so. Every session status is in exactly one
 * rule (a test holds it to that), so each rule asks only whether a status is
 * present, never how many sessions are in it: a caller can answer it with one
 * row read per rule, however many sessions the collection has.
 */
export const SESSION_RULES: ReadonlyArray<{
  status: PaymentCollectionStatus;
  sessions: readonly PaymentSessionStatus[];
  money?: (money: CollectionMoney) => boolean;
}> = [
  { status: "requires_more", sessions: ["requires_more"] },
  { status: "awaiting", sessions: ["pending", "processing"] },
  // An authorization that lapsed uncaptured: the customer must pay again.
  { status: "expired", sessions: [], money: (money) => money.expired > 0 },
  { status: "failed", sessions: ["error"] },
  // An authorized or captured session without a live payment had its payment canceled.
  {
    status: "canceled",
    sessions: ["canceled", "authorized", "captured"],
    money: (money) => money.counted > money.live,
  },
];

/** The status of a collection whose money decides nothing, from its sessions' statuses. */
export function withSessions(
  money: CollectionMoney,
  sessions: readonly SessionLike[],
): CollectionTotals {
  const present = new Set(sessions.map((session) => session.status));
  for (const rule of SESSION_RULES) {
    if (rule.money?.(money) || rule.sessions.some((status) => present.has(status))) {
      return money.totals(rule.status);
    }
  }
  return money.totals("not_paid");
}
