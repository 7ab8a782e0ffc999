import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { redactSecrets, toProviderError } from "./stripe-error";

const E = Stripe.errors;

describe("toProviderError", () => {
  it.each([
    [
      new E.StripeCardError({
        type: "card_error",
        code: "card_declined",
        decline_code: "insufficient_funds",
        message: "Your card has insufficient funds.",
        statusCode: 402,
        requestId: "req_1",
      }),
      "card_declined",
      false,
    ],
    [
      new E.StripeCardError({
        type: "card_error",
        code: "authentication_required",
        message: "Authentication required.",
      }),
      "authentication_required",
      false,
    ],
    [
      new E.StripeRateLimitError({
        type: "invalid_request_error",
        code: "rate_limit",
        message: "Too many requests",
        statusCode: 429,
      }),
      "rate_limited",
      true,
    ],
    [
      new E.StripeInvalidRequestError({
        type: "invalid_request_error",
        code: "parameter_missing",
        message: "Missing amount",
        statusCode: 400,
      }),
      "invalid_request",
      false,
    ],
    [
      new E.StripeIdempotencyError({
        type: "idempotency_error",
        message: "Keys for idempotent requests can only be used with the same parameters",
        statusCode: 400,
      }),
      "idempotency_error",
      false,
    ],
    [
      new E.StripeAPIError({ type: "api_error", message: "Something went wrong", statusCode: 500 }),
      "api_error",
      true,
    ],
    [
      new E.StripeConnectionError({
        type: "api_error",
        message: "An error occurred with our connection to Stripe.",
      }),
      "connection",
      true,
    ],
    [
      new E.StripeAuthenticationError({
        type: "invalid_request_error",
        message: "Invalid API Key provided: sk_test_****1234",
        statusCode: 401,
      }),
      "configuration",
      false,
    ],
  ])("maps %s to %s (retryable: %s)", (error, code, retryable) => {
    const mapped = toProviderError(error, "stripe", "capt_1");
    expect(mapped).toMatchObject({
      code,
      retryable,
      providerId: "stripe",
      idempotencyKey: "capt_1",
    });
  });

  it("keeps the decline code and Stripe's request id", () => {
    const mapped = toProviderError(
      new E.StripeCardError({
        type: "card_error",
        code: "card_declined",
        decline_code: "lost_card",
        message: "Declined",
        requestId: "req_42",
      }),
      "stripe",
    );
    expect(mapped).toMatchObject({
      declineCode: "lost_card",
      requestId: "req_42",
      details: { decline_code: "lost_card", request_id: "req_42" },
    });
  });

  it("treats anything else thrown by the transport as a retryable connection fault", () => {
    expect(toProviderError(new TypeError("fetch failed"), "stripe")).toMatchObject({
      code: "connection",
      retryable: true,
    });
  });

  it("never lets a key or webhook secret into a message", () => {
    const mapped = toProviderError(
      new E.StripeAuthenticationError({
        type: "invalid_request_error",
        message: "Invalid API Key provided: sk_live_abcdef123456",
      }),
      "stripe",
    );
    expect(mapped.message).not.toContain("abcdef123456");
    expect(redactSecrets("whsec_0123456789abcdef and rk_live_zzzzzzzz")).toBe(
      "whsec_*** and rk_live_***",
    );
  });
});
