/**
 * Every code a {@link TenderError} can carry. One list, so a `switch` over
 * `error.code` is checked by the compiler.
 */
export const TENDER_ERROR_CODES = [
  // input
  "invalid_argument",
  "invalid_amount",
  "invalid_currency",
  "currency_mismatch",
  "amount_exceeds_collection",
  "not_found",
  "duplicate",
  "idempotency_key_reused",
  // state
  "invalid_state_transition",
  "collection_already_authorized",
  "collection_not_authorized",
  "collection_has_payments",
  "session_not_authorizable",
  "payment_requires_more",
  "payment_authorization_failed",
  "payment_processing",
  "payment_canceled",
  "payment_already_captured",
  "capture_exceeds_authorized",
  "capture_expired",
  "refund_exceeds_captured",
  "nothing_to_refund",
  "cancel_after_capture",
  "payment_surplus",
  "operation_in_progress",
  "outcome_unknown",
  "capability_not_supported",
  // providers
  "provider_error",
  "provider_unavailable",
  "card_declined",
  "authentication_required",
  "rate_limited",
  "invalid_request",
  "idempotency_error",
  "api_error",
  "connection",
  "configuration",
  // webhooks
  "webhook_signature_invalid",
  "webhook_payload_invalid",
  // stores
  "store_error",
] as const;

export type TenderErrorCode = (typeof TENDER_ERROR_CODES)[number];
