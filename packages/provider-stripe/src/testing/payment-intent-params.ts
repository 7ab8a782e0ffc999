import type { CaptureMethod, FakePaymentIntent } from "./fake-objects";
import type { RouteRequest } from "./fake-route";
import type { EventOrigin, FakeStripeContext } from "./fake-stripe-state";
import type { FormObject } from "./form-body";
import { optionalStringList } from "./request-params";
import { invalidParam, resourceMissing } from "./stripe-errors";

/** `capture_method` values. */
export const CAPTURE_METHODS: readonly CaptureMethod[] = ["automatic", "automatic_async", "manual"];
/** `setup_future_usage` values. */
export const FUTURE_USAGES = ["on_session", "off_session"] as const;
/** Parameters Stripe accepts that the fake takes but does not model. */
export const PASSIVE_PARAMS = [
  "client_secret",
  "excluded_payment_method_types",
  "receipt_email",
  "shipping",
  "statement_descriptor",
  "statement_descriptor_suffix",
];

/** The intent named in the path, or Stripe's 404. */
export function findPaymentIntent(context: FakeStripeContext, id: string): FakePaymentIntent {
  const intent = context.state.paymentIntents.get(id);
  if (intent === undefined) throw resourceMissing("payment_intent", id, "intent");
  return intent;
}

/** Which request a change comes from, for the events it emits. */
export function originOf(request: RouteRequest): EventOrigin {
  return { id: request.requestId, idempotency_key: request.idempotencyKey };
}

/**
 * The payment method types the request restricts the intent to. Older API
 * versions call the parameter `payment_method_types`, newer ones
 * `allowed_payment_method_types`; the fake takes either, not both.
 */
export function readPaymentMethodTypes(params: FormObject): string[] | undefined {
  const legacy = optionalStringList(params, "payment_method_types");
  const allowed = optionalStringList(params, "allowed_payment_method_types");
  if (legacy !== undefined && allowed !== undefined) {
    throw invalidParam(
      "You may only specify one of these parameters: allowed_payment_method_types, payment_method_types.",
      { param: "allowed_payment_method_types" },
    );
  }
  return legacy ?? allowed;
}
