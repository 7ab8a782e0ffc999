import type { TenderErrorCode } from "@tender/core";
import { match } from "ts-pattern";
import type { PayPalErrorBody } from "./paypal-error";

/**
 * Refusals where the buyer's money source said no: nothing moved, and the
 * buyer may approve again with another one.
 */
export const DECLINE_ISSUES: ReadonlySet<string> = new Set([
  "INSTRUMENT_DECLINED",
  "TRANSACTION_REFUSED",
  "PAYER_CANNOT_PAY",
  "PAYER_ACCOUNT_RESTRICTED",
  "PAYER_ACCOUNT_LOCKED_OR_CLOSED",
  "AUTHORIZATION_DENIED",
  "REDIRECT_PAYER_FOR_ALTERNATE_FUNDING",
  "CARD_EXPIRED",
  "CARD_CLOSED",
]);

export interface Classified {
  code: TenderErrorCode;
  retryable: boolean;
  definite: boolean;
}

/** How an HTTP answer of PayPal's reads: what it means and whether anything may have moved. */
export function classify(statusCode: number, body: PayPalErrorBody): Classified {
  const refusal = (code: TenderErrorCode): Classified => ({
    code,
    retryable: false,
    definite: true,
  });
  const unknown = (code: TenderErrorCode, retryable = true): Classified => ({
    code,
    retryable,
    definite: false,
  });
  return (
    match(statusCode)
      .with(400, 404, () => refusal("invalid_request"))
      .with(401, 403, () => refusal("configuration"))
      .with(409, () => unknown("idempotency_error"))
      // A 422 is PayPal's "the action could not be performed", whatever its issue, and is never
      // stored for its PayPal-Request-Id (nothing was done): a refusal. Left unknown, the same
      // request would be refused again on every reconcile and its row would never settle.
      .with(422, () =>
        DECLINE_ISSUES.has(body.issue ?? "")
          ? refusal("card_declined")
          : refusal("invalid_request"),
      )
      .with(429, () => unknown("rate_limited"))
      .when(
        (status) => status >= 500,
        () => unknown("api_error"),
      )
      .otherwise(() => unknown("provider_error", false))
  );
}
