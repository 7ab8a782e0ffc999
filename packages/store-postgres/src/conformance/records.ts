import type {
  Capture,
  OutboxEvent,
  Payment,
  PaymentCollection,
  PaymentSession,
  Refund,
  WebhookEventRecord,
} from "@tender/core";

/** A fixed instant with milliseconds, so a store that drops them is caught. */
export const AT = new Date("2025-03-04T05:06:07.891Z");

export function at(offsetMs: number): Date {
  return new Date(AT.getTime() + offsetMs);
}

export function collectionRecord(
  id: string,
  overrides: Partial<PaymentCollection> = {},
): PaymentCollection {
  return {
    id,
    created_at: AT,
    updated_at: AT,
    currency_code: "usd",
    amount: 1000,
    region_id: null,
    status: "not_paid",
    authorized_amount: 0,
    captured_amount: 0,
    refunded_amount: 0,
    disputed_amount: 0,
    completed_at: null,
    metadata: null,
    ...overrides,
  };
}

export function sessionRecord(
  id: string,
  collectionId: string,
  overrides: Partial<PaymentSession> = {},
): PaymentSession {
  return {
    id,
    created_at: AT,
    updated_at: AT,
    payment_collection_id: collectionId,
    provider_id: "scripted",
    currency_code: "usd",
    amount: 1000,
    status: "pending",
    raw_status: null,
    data: {},
    context: {},
    next_action: null,
    error: null,
    authorized_at: null,
    authorized_amount: null,
    payment_id: null,
    authorization_attempt: 0,
    authorization_started_at: null,
    provider_call: null,
    provider_call_started_at: null,
    metadata: null,
    ...overrides,
  };
}

export function paymentRecord(
  id: string,
  collectionId: string,
  sessionId: string,
  overrides: Partial<Payment> = {},
): Payment {
  return {
    id,
    created_at: AT,
    updated_at: AT,
    payment_collection_id: collectionId,
    payment_session_id: sessionId,
    provider_id: "scripted",
    currency_code: "usd",
    amount: 1000,
    captured_amount: 0,
    refunded_amount: 0,
    released_amount: 0,
    disputed_amount: 0,
    status: "authorized",
    data: {},
    capture_before: null,
    captured_at: null,
    canceled_at: null,
    cancel_started_at: null,
    cancel_attempt: 0,
    increment_amount: null,
    increment_started_at: null,
    increment_attempt: 0,
    expired_at: null,
    expiry_warned_at: null,
    surplus_at: null,
    surplus_returning_at: null,
    risk_signals: [],
    metadata: null,
    ...overrides,
  };
}

export function captureRecord(id: string, paymentId: string, amount: number): Capture {
  return {
    id,
    created_at: AT,
    updated_at: AT,
    payment_id: paymentId,
    amount,
    status: "succeeded",
    created_by: null,
    idempotency_key: id,
    error: null,
    data: {},
  };
}

export function webhookEventRecord(id: string): WebhookEventRecord {
  return {
    id,
    created_at: AT,
    updated_at: AT,
    provider_id: "scripted",
    event_id: id,
    action: "authorized",
    session_id: null,
  };
}

/** A collection with one session and its authorized payment, the ids derived from `prefix`. */
export function paidCollection(prefix: string, amount = 1000) {
  const collection = collectionRecord(`${prefix}_col`, {
    amount,
    status: "authorized",
    authorized_amount: amount,
  });
  const session = sessionRecord(`${prefix}_ses`, collection.id, {
    amount,
    status: "authorized",
    payment_id: `${prefix}_pay`,
  });
  const payment = paymentRecord(`${prefix}_pay`, collection.id, session.id, { amount });
  return { collection, session, payment };
}

export function refundRecord(id: string, paymentId: string, amount: number): Refund {
  return {
    id,
    created_at: AT,
    updated_at: AT,
    payment_id: paymentId,
    amount,
    status: "succeeded",
    created_by: null,
    refund_reason_id: null,
    note: null,
    idempotency_key: id,
    error: null,
    data: {},
  };
}

/** An outbox event of collection `aggregateId`, available at `availableAt`. */
export function outboxRecord(id: string, aggregateId: string, availableAt: Date = AT): OutboxEvent {
  return {
    id,
    created_at: AT,
    updated_at: AT,
    name: "payment_collection.created",
    aggregate_id: aggregateId,
    sequence: 0,
    data: { collection: { id: aggregateId, created_at: AT.toISOString() } },
    attempts: 0,
    available_at: availableAt,
    claimed_until: null,
    parked_at: null,
    last_error: null,
  };
}
