import { ProviderError } from "@tender/core";
import { type StripeIntentView, toProviderResult, viewIntent } from "./map-stripe-status";

export function dataOf(intent: StripeIntentView): Record<string, unknown> {
  return toProviderResult(intent).data;
}

/** The caller's own fields in session data, kept across provider answers. */
export function userFields(data: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of [
    "payment_method",
    "return_url",
    "setup_future_usage",
    "off_session",
    "request_three_d_secure",
    "cancellation_reason",
  ]) {
    if (data[key] !== undefined) kept[key] = data[key];
  }
  return kept;
}

export function mustView(value: unknown, providerId: string): StripeIntentView {
  const intent = viewIntent(value);
  if (!intent) {
    throw new ProviderError({
      providerId,
      code: "api_error",
      message: "Stripe answered with something that is not a PaymentIntent.",
    });
  }
  return intent;
}

export function intentIdOf(data: Record<string, unknown>, providerId: string): string {
  const intentId = stringField(data, "id");
  if (!intentId) {
    throw new ProviderError({
      providerId,
      code: "invalid_request",
      definite: true,
      message:
        "This session has no Stripe PaymentIntent id in its data; create the session through the Stripe provider.",
    });
  }
  return intentId;
}

export function stringField(
  data: Record<string, unknown> | undefined,
  key: string,
): string | undefined {
  const value = data?.[key];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

export function numberField(data: Record<string, unknown>, key: string): number | undefined {
  const value = data[key];
  return typeof value === "number" ? value : undefined;
}
