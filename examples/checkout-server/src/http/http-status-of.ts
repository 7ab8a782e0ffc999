import type { TenderErrorCode } from "@tender/core";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * The HTTP status each TenderError code is answered with. A table over every
 * code, so a code added to Tender fails to compile here until it is placed.
 * Bad input is a 4xx and never a 500: 400 for what the request itself got
 * wrong, 404 for an unknown id, 409 for a step the record's state refuses,
 * 402 for a payment the provider declined. Only faults on our side or the
 * provider's are 5xx.
 */
const STATUS_OF: Record<TenderErrorCode, ContentfulStatusCode> = {
  invalid_argument: 400,
  invalid_amount: 400,
  invalid_currency: 400,
  currency_mismatch: 400,
  amount_exceeds_collection: 400,
  webhook_signature_invalid: 400,
  webhook_payload_invalid: 400,
  not_found: 404,
  duplicate: 409,
  idempotency_key_reused: 409,
  invalid_state_transition: 409,
  collection_already_authorized: 409,
  collection_not_authorized: 409,
  collection_has_payments: 409,
  session_not_authorizable: 409,
  payment_requires_more: 409,
  payment_processing: 409,
  payment_canceled: 409,
  payment_already_captured: 409,
  capture_exceeds_authorized: 409,
  capture_expired: 409,
  refund_exceeds_captured: 409,
  nothing_to_refund: 409,
  cancel_after_capture: 409,
  payment_surplus: 409,
  operation_in_progress: 409,
  payment_authorization_failed: 402,
  card_declined: 402,
  authentication_required: 402,
  capability_not_supported: 422,
  invalid_request: 422,
  outcome_unknown: 502,
  provider_error: 502,
  api_error: 502,
  idempotency_error: 502,
  connection: 503,
  provider_unavailable: 503,
  rate_limited: 503,
  store_error: 503,
  configuration: 500,
};

export function httpStatusOf(code: TenderErrorCode): ContentfulStatusCode {
  return STATUS_OF[code];
}
