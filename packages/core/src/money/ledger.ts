import type { DisputeStatus, OperationStatus, PaymentSessionStatus } from "../records/statuses";

/**
 * The money arithmetic of a payment and its collection, in one place: pure
 * functions over amounts, used by every operation, reconcile, the sweeps
 * and webhooks alike. Amounts are integers in the minor unit.
 *
 * Invariants the functions keep (and the property tests check):
 * - held by captures (succeeded + pending) + released <= authorized amount
 * - held by refunds (succeeded + pending) <= captured (succeeded)
 * - what is left to capture or refund is never negative
 */

/** A capture or refund row, as far as the money goes. */
export interface MovementAmount {
  id: string;
  amount: number;
  status: OperationStatus;
}

/** A payment, as far as the money goes. */
export interface PaymentMoney {
  amount: number;
  captured_amount: number;
  refunded_amount: number;
  released_amount: number;
  /** What disputes took back (absent: none). */
  disputed_amount?: number;
  canceled_at: Date | null;
  expired_at?: Date | null;
  surplus_at?: Date | null;
  /** The total an incremental authorization in flight asks for (absent or null: none). */
  increment_amount?: number | null;
}

/**
 * Whether a payment's money counts toward its collection: every payment but a
 * surplus one (money a provider took or held for a collection paid already,
 * which is returned, not kept).
 */
export function countsTowardCollection(payment: { surplus_at?: Date | null }): boolean {
  return (payment.surplus_at ?? null) === null;
}

/** The sum of the movements that succeeded or are in flight: what they hold. */
export function heldBy(movements: readonly MovementAmount[]): number {
  let held = 0;
  for (const movement of movements) if (movement.status !== "failed") held += movement.amount;
  return held;
}

/** What may still be captured: the authorization, less what was released and what captures hold. */
export function remainingToCapture(
  payment: PaymentMoney,
  captures: readonly MovementAmount[],
): number {
  return Math.max(0, payment.amount - payment.released_amount - heldBy(captures));
}

/**
 * Whether `capture` takes the rest of the authorization: with it, captures
 * reach what is left after releases, and no other capture is in flight (a
 * final capture releases the rest of the hold at the provider).
 */
export function isFinalCapture(
  payment: PaymentMoney,
  capture: MovementAmount,
  captures: readonly MovementAmount[],
): boolean {
  let held = capture.amount;
  for (const other of captures) {
    if (other.id === capture.id) continue;
    if (other.status === "pending") return false;
    if (other.status === "succeeded") held += other.amount;
  }
  return held >= payment.amount - payment.released_amount;
}

/**
 * What may still be refunded: what was captured, less what refunds hold and
 * what disputes took back (a disputed amount is never also refunded).
 */
export function refundable(payment: PaymentMoney, refunds: readonly MovementAmount[]): number {
  return Math.max(0, payment.captured_amount - heldBy(refunds) - (payment.disputed_amount ?? 0));
}

/** Whether a dispute in this status holds its amount: a chargeback open or lost (not an inquiry, not won). */
export function disputeHolds(status: DisputeStatus): boolean {
  return status === "needs_response" || status === "under_review" || status === "lost";
}

/** What a payment's disputes take back now. */
export function disputedBy(
  disputes: ReadonlyArray<{ amount: number; status: DisputeStatus }>,
): number {
  let held = 0;
  for (const dispute of disputes) if (disputeHolds(dispute.status)) held += dispute.amount;
  return held;
}

/**
 * What a payment has released after a capture succeeds: a provider that
 * takes one capture per payment lets the rest of the authorization go with
 * it; one that takes several keeps it.
 */
export function releasedAfterCapture(
  payment: PaymentMoney,
  capturedAmount: number,
  multipleCaptures: boolean,
): number {
  return multipleCaptures ? payment.released_amount : payment.amount - capturedAmount;
}

/**
 * What a payment has released when the provider reports it closed (captured
 * in full there, or lapsed): all that is neither captured nor held by our
 * own captures still in flight.
 */
export function releasedWhenClosed(
  payment: PaymentMoney,
  capturedAmount: number,
  inFlight: number,
): number {
  return Math.max(0, payment.amount - capturedAmount - inFlight);
}

/**
 * What the provider says it captured in all that no capture row holds yet.
 * Pending captures count as held, so a webhook racing our own capture call
 * never books it twice.
 */
export function unbookedCapture(
  payment: PaymentMoney,
  captures: readonly MovementAmount[],
  providerTotal: number,
): number {
  return Math.max(0, Math.min(providerTotal, payment.amount) - heldBy(captures));
}

/** Whether the payment still holds money on its collection (not canceled, not lapsed uncaptured). */
export function isLive(payment: PaymentMoney): boolean {
  return payment.canceled_at === null && !hasExpiredUncaptured(payment);
}

/** Whether the authorization lapsed with nothing captured. */
export function hasExpiredUncaptured(
  payment: Omit<PaymentMoney, "released_amount"> & { released_amount?: number },
): boolean {
  return (payment.expired_at ?? null) !== null && payment.captured_amount === 0;
}

/** What a payment holds on its collection: its authorization less what it released, while live. */
export function heldByPayment(payment: PaymentMoney): number {
  return isLive(payment) ? payment.amount - payment.released_amount : 0;
}

/**
 * What an incremental authorization in flight may add to a live payment: the
 * provider may already have raised it, so until it settles the collection
 * counts the larger total it asked for as spoken for.
 */
export function incrementInFlight(payment: PaymentMoney): number {
  if (!isLive(payment)) return 0;
  return Math.max(0, (payment.increment_amount ?? 0) - payment.amount);
}

/** What is captured and not given back: captured less refunded. */
export function netCaptured(payment: PaymentMoney): number {
  return payment.captured_amount - payment.refunded_amount;
}

/** A session, as far as what it holds on its collection goes. */
export interface SessionHold {
  id: string;
  amount: number;
  status: PaymentSessionStatus;
  payment_id: string | null;
  authorization_started_at: Date | null;
}

/**
 * How much of a collection is spoken for: live payments (surplus ones aside), plus sessions whose
 * authorization is in flight or processing (an async method that may still
 * succeed), leaving out `exceptSessionId` (the session asking). A session may
 * only authorize into what is left, so a customer is never charged twice
 * for one collection.
 */
export function collectionHeld(
  sessions: readonly SessionHold[],
  payments: ReadonlyArray<PaymentMoney & { payment_session_id: string }>,
  exceptSessionId: string,
): number {
  let held = 0;
  for (const payment of payments) {
    if (payment.payment_session_id === exceptSessionId || !countsTowardCollection(payment)) {
      continue;
    }
    held += heldByPayment(payment) + incrementInFlight(payment);
  }
  for (const session of sessions) {
    if (session.id === exceptSessionId || session.payment_id !== null) continue;
    if (session.status === "processing" || session.authorization_started_at !== null) {
      held += session.amount;
    }
  }
  return held;
}
