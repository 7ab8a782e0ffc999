import {
  type Capture,
  type Dispute,
  formatAmount,
  type Payment,
  type PaymentCollection,
  type PaymentSession,
  type Refund,
  type RefundReason,
} from "@tender/core";

/** An amount in minor units, and as people read it ("€12.00"). */
export interface MoneyView {
  minor: number;
  formatted: string;
}

function moneyView(minor: number, currency: string): MoneyView {
  return { minor, formatted: formatAmount(minor, currency) };
}

export function collectionView(collection: PaymentCollection) {
  return {
    id: collection.id,
    status: collection.status,
    currency: collection.currency_code,
    amount: moneyView(collection.amount, collection.currency_code),
    authorized: moneyView(collection.authorized_amount, collection.currency_code),
    captured: moneyView(collection.captured_amount, collection.currency_code),
    refunded: moneyView(collection.refunded_amount, collection.currency_code),
    disputed: moneyView(collection.disputed_amount, collection.currency_code),
    created_at: collection.created_at.toISOString(),
  };
}

export function sessionView(session: PaymentSession) {
  return {
    id: session.id,
    collection_id: session.payment_collection_id,
    provider: session.provider_id,
    status: session.status,
    raw_status: session.raw_status,
    amount: moneyView(session.amount, session.currency_code),
    error: session.error,
    payment_id: session.payment_id,
  };
}

/** The provider's own id for a payment: Stripe's PaymentIntent, PayPal's order. */
export function providerReferenceOf(data: Record<string, unknown>): string | null {
  const reference = data.order_id ?? data.id;
  return typeof reference === "string" ? reference : null;
}

export function paymentView(
  payment: Payment,
  related: {
    captures: readonly Capture[];
    refunds: readonly Refund[];
    disputes: readonly Dispute[];
    reasons: readonly RefundReason[];
  },
) {
  const currency = payment.currency_code;
  const reasonCode = (id: string | null) =>
    related.reasons.find((reason) => reason.id === id)?.code ?? null;
  return {
    id: payment.id,
    collection_id: payment.payment_collection_id,
    session_id: payment.payment_session_id,
    provider: payment.provider_id,
    provider_reference: providerReferenceOf(payment.data),
    status: payment.status,
    currency,
    amount: moneyView(payment.amount, currency),
    captured: moneyView(payment.captured_amount, currency),
    refunded: moneyView(payment.refunded_amount, currency),
    released: moneyView(payment.released_amount, currency),
    disputed: moneyView(payment.disputed_amount, currency),
    capturable: moneyView(capturableOf(payment), currency),
    refundable: moneyView(refundableOf(payment), currency),
    captures: related.captures.map((capture) => ({
      id: capture.id,
      status: capture.status,
      amount: moneyView(capture.amount, currency),
    })),
    refunds: related.refunds.map((refund) => ({
      id: refund.id,
      status: refund.status,
      reason: reasonCode(refund.refund_reason_id),
      note: refund.note,
      amount: moneyView(refund.amount, currency),
    })),
    disputes: related.disputes.map(disputeView),
    created_at: payment.created_at.toISOString(),
  };
}

export type PaymentView = ReturnType<typeof paymentView>;
export type CollectionView = ReturnType<typeof collectionView>;

export function disputeView(dispute: Dispute) {
  return {
    id: dispute.id,
    payment_id: dispute.payment_id,
    provider_dispute_id: dispute.provider_dispute_id,
    status: dispute.status,
    reason: dispute.reason,
    amount: moneyView(dispute.amount, dispute.currency_code),
    evidence_due_by: dispute.evidence_due_by?.toISOString() ?? null,
  };
}

/** What may still be captured: what was neither captured nor released, on a payment not canceled. */
export function capturableOf(payment: Payment): number {
  if (payment.canceled_at !== null || payment.expired_at !== null) return 0;
  return payment.amount - payment.captured_amount - payment.released_amount;
}

/** What may still be refunded: captured, less refunded and what disputes took back. */
export function refundableOf(payment: Payment): number {
  return payment.captured_amount - payment.refunded_amount - payment.disputed_amount;
}

export type DisputeView = ReturnType<typeof disputeView>;
