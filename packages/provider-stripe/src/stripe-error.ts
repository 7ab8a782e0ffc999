import { ProviderError, redact, TenderError, type TenderErrorCode } from "@tender/core";
import Stripe from "stripe";

/**
 * Hides API keys, webhook secrets and card numbers wherever Stripe or a
 * transport echoed one: `redact` from `@tender/core`, which every
 * ProviderError applies to its message already.
 */
export function redactSecrets(text: string): string {
  return redact(text);
}

/**
 * A TenderError our own code threw before sending (not a ProviderError, not
 * from Stripe) as a definite ProviderError with the same code and message;
 * anything else unchanged.
 */
export function refusedBeforeSending(error: unknown, providerId: string): unknown {
  if (!TenderError.isInstance(error) || ProviderError.isProviderError(error)) return error;
  return new ProviderError({
    providerId,
    code: error.code,
    message: error.message,
    definite: true,
    cause: error,
  });
}

/**
 * Turns anything the Stripe SDK throws into a {@link ProviderError}: a code
 * from Tender's list, whether a retry may succeed, Stripe's request id and
 * decline code, and never a secret.
 */
export function toProviderError(
  error: unknown,
  providerId: string,
  idempotencyKey?: string,
): ProviderError {
  if (ProviderError.isProviderError(error)) return error;
  if (!(error instanceof Stripe.errors.StripeError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new ProviderError({
      providerId,
      code: "connection",
      retryable: true,
      message: `Could not reach Stripe (${redactSecrets(message)}); the call may be retried with the same idempotency key.`,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
  }
  const { code, retryable } = classify(error);
  // Stripe refused it: a decline, a bad request, a bad key. Nothing moved.
  const definite = !retryable && DEFINITE.has(code);
  const declineCode =
    error.decline_code ??
    (code === "card_declined" && error.code !== "card_declined" ? error.code : undefined);
  return new ProviderError({
    providerId,
    code,
    retryable,
    definite,
    message: `Stripe: ${redactSecrets(error.message)}${advice(code)}`,
    ...(error.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
    ...(error.code ? { providerCode: error.code } : {}),
    ...(declineCode ? { declineCode } : {}),
    ...(error.requestId ? { requestId: error.requestId } : {}),
    ...(idempotencyKey ? { idempotencyKey } : {}),
    raw: {
      type: error.type,
      code: error.code,
      decline_code: error.decline_code,
      param: error.param,
    },
  });
}

/**
 * The refusals that mean nothing moved. An idempotency error is not one: the
 * first request under the key may have succeeded.
 */
const DEFINITE = new Set<TenderErrorCode>([
  "card_declined",
  "authentication_required",
  "invalid_request",
  "configuration",
]);

function classify(error: InstanceType<typeof Stripe.errors.StripeError>): {
  code: TenderErrorCode;
  retryable: boolean;
} {
  if (error instanceof Stripe.errors.StripeCardError) {
    return {
      code: error.code === "authentication_required" ? "authentication_required" : "card_declined",
      retryable: false,
    };
  }
  if (error instanceof Stripe.errors.StripeRateLimitError)
    return { code: "rate_limited", retryable: true };
  if (error instanceof Stripe.errors.StripeIdempotencyError)
    return { code: "idempotency_error", retryable: false };
  if (error instanceof Stripe.errors.StripeConnectionError)
    return { code: "connection", retryable: true };
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError
  ) {
    return { code: "configuration", retryable: false };
  }
  if (error instanceof Stripe.errors.StripeAPIError || (error.statusCode ?? 0) >= 500) {
    return { code: "api_error", retryable: true };
  }
  if (error.statusCode === 409) return { code: "idempotency_error", retryable: true };
  if (error.code === "authentication_required")
    return { code: "authentication_required", retryable: false };
  return { code: "invalid_request", retryable: false };
}

function advice(code: TenderErrorCode): string {
  switch (code) {
    case "card_declined":
      return " Ask the customer for another payment method.";
    case "authentication_required":
      return " The customer must authenticate: bring them back on-session.";
    case "rate_limited":
      return " Slow down and retry with the same idempotency key.";
    case "configuration":
      return " Check the Stripe API key (STRIPE_API_KEY).";
    default:
      return "";
  }
}
