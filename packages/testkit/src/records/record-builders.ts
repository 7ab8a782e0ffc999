import type {
  Capture,
  OutboxEvent,
  Payment,
  PaymentCollection,
  PaymentSession,
  Refund,
  WebhookEventRecord,
} from "@tender/core";

/*
 * Records with sensible defaults (a usd amount of 1000, every optional field
 * null, every time AT), for tests that write rows straight into a store. Pass
 * overrides for what a test is about.
 */

/** A fixed instant with milliseconds, so a store that drops them is caught. */
export const AT = new Date("2025-03-04T05:06:07.891Z");

/** {@link AT} moved by `offsetMs` milliseconds. */
export function at(offsetMs: number): Date {
  return new Date(AT.getTime() + offsetMs);
}

/**
 * A collection record: usd 1000, not paid.
 *
 * @example
 * ```ts
 * await store.transaction((tx) => tx.insert("payment_collections", collectionRecord("paycol_1", { amount: 5000 })));
 * ```
 */
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

/** A pending session record of `collectionId`, for the provider `scripted`: usd 1000. */
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
    claimed_until: null,
    ...overrides,
  };
}

/** An authorized payment record of the session, nothing captured: usd 1000. */
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
    claimed_until: null,
    ...overrides,
  };
}

/** A succeeded capture record of `amount`, its idempotency key its id. */
export function captureRecord(
  id: string,
  paymentId: string,
  amount: number,
  overrides: Partial<Capture> = {},
): Capture {
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
    claimed_until: null,
    ...overrides,
  };
}

/** An inbox record of a webhook event of the provider `scripted`. */
export function webhookEventRecord(
  id: string,
  overrides: Partial<WebhookEventRecord> = {},
): WebhookEventRecord {
  return {
    id,
    created_at: AT,
    updated_at: AT,
    provider_id: "scripted",
    event_id: id,
    action: "authorized",
    session_id: null,
    ...overrides,
  };
}

/**
 * A collection with one session and its authorized payment, the ids derived from `prefix`.
 *
 * @example
 * ```ts
 * const { collection, session, payment } = paidCollection("a", 5000);
 * await store.transaction(async (tx) => {
 *   await tx.insert("payment_collections", collection);
 *   await tx.insert("payment_sessions", session);
 *   await tx.insert("payments", payment);
 * });
 * ```
 */
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

/** A succeeded refund record of `amount`, its idempotency key its id. */
export function refundRecord(
  id: string,
  paymentId: string,
  amount: number,
  overrides: Partial<Refund> = {},
): Refund {
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
    claimed_until: null,
    ...overrides,
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
