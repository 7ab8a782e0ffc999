import type { PaymentSession } from "../records/records";

/** A pending session record of 100 usd on `collectionId`, for store tests; `overrides` sets any field. */
export function sessionRecord(
  id: string,
  collectionId: string,
  overrides: Partial<PaymentSession> = {},
): PaymentSession {
  const at = new Date("2025-01-01T00:00:00Z");
  return {
    id,
    created_at: at,
    updated_at: at,
    payment_collection_id: collectionId,
    provider_id: "scripted",
    currency_code: "usd",
    amount: 100,
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
    claimed_until: null,
    metadata: null,
    ...overrides,
  };
}
