import { validateChargeAmount, validateCurrency } from "./amount-rules";
import { applyCardOptions, paymentMethodOptionsFor, readCardOptions } from "./card-options";
import { renderPaymentIntent } from "./charges";
import { assertCanConfirm, confirmPaymentIntent } from "./confirm-payment-intent";
import type { FakePaymentIntent } from "./fake-objects";
import type { FakeRoute } from "./fake-route";
import { paymentIntentNulls } from "./object-defaults";
import {
  assertOffSessionConfirms,
  assertOffSessionWithoutSetup,
  readOffSession,
} from "./off-session";
import {
  CAPTURE_METHODS,
  FUTURE_USAGES,
  originOf,
  PASSIVE_PARAMS,
  readPaymentMethodTypes,
} from "./payment-intent-params";
import { referencedCustomer, resolvePaymentMethod } from "./payment-methods";
import {
  expandList,
  optionalBoolean,
  optionalEnum,
  optionalMetadata,
  optionalString,
  requiredInteger,
  requiredString,
} from "./request-params";
import { invalidParam } from "./stripe-errors";

/**
 * `POST /v1/payment_intents`: a new intent, `requires_payment_method` or (with
 * a payment method) `requires_confirmation`; with `confirm=true` it is
 * confirmed in the same request.
 */
export const createPaymentIntentRoute: FakeRoute = {
  method: "POST",
  path: "/v1/payment_intents",
  params: new Set([
    ...PASSIVE_PARAMS,
    "allowed_payment_method_types",
    "amount",
    "automatic_payment_methods",
    "capture_method",
    "confirm",
    "currency",
    "customer",
    "description",
    "error_on_requires_action",
    "mandate_data",
    "metadata",
    "off_session",
    "payment_method",
    "payment_method_options",
    "payment_method_types",
    "return_url",
    "setup_future_usage",
    "use_stripe_sdk",
  ]),
  handle(context, request) {
    const { params } = request;
    const amount = requiredInteger(params, "amount");
    const currency = validateCurrency(requiredString(params, "currency"));
    validateChargeAmount(amount, currency);
    const types = readPaymentMethodTypes(params);
    const automatic = optionalBoolean(params, "automatic_payment_methods", "enabled");
    if (types !== undefined && automatic === true) {
      throw invalidParam(
        "You may only specify one of these parameters: automatic_payment_methods, payment_method_types.",
        { param: "automatic_payment_methods" },
      );
    }
    const confirm = optionalBoolean(params, "confirm") ?? false;
    const offSession = readOffSession(params);
    assertOffSessionConfirms(offSession, confirm);
    const returnUrl = optionalString(params, "return_url") ?? undefined;
    if (returnUrl !== undefined && !confirm) {
      throw invalidParam(
        "The parameter return_url cannot be passed when creating a PaymentIntent unless confirm is set to true.",
        { param: "return_url" },
      );
    }
    const captureMethod = optionalEnum(params, CAPTURE_METHODS, "capture_method");
    const futureUsage = optionalEnum(params, FUTURE_USAGES, "setup_future_usage");
    assertOffSessionWithoutSetup(offSession, futureUsage ?? null);
    const cardOptions = readCardOptions(params);
    const metadata = optionalMetadata(params);
    const customerId = optionalString(params, "customer") ?? null;
    if (customerId !== null) referencedCustomer(context, customerId);
    const methodId = optionalString(params, "payment_method");
    const method = methodId ? resolvePaymentMethod(context, methodId) : undefined;
    const id = context.newId("pi");
    const intent: FakePaymentIntent = {
      id,
      object: "payment_intent",
      ...paymentIntentNulls(),
      amount,
      amount_capturable: 0,
      amount_received: 0,
      automatic_payment_methods:
        types === undefined && automatic !== false ? { enabled: true } : null,
      canceled_at: null,
      cancellation_reason: null,
      // The default since API version 2024-04-10.
      capture_method: captureMethod ?? "automatic_async",
      client_secret: `${id}_secret_${id.slice(-10)}`,
      confirmation_method: "automatic",
      created: context.nowSeconds(),
      currency,
      customer: customerId,
      description: optionalString(params, "description") ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: metadata ?? {},
      next_action: null,
      payment_method: method?.id ?? null,
      payment_method_options: paymentMethodOptionsFor(types ?? ["card"]),
      payment_method_types: types ?? ["card"],
      review: null,
      setup_future_usage: futureUsage ?? null,
      status: method ? "requires_confirmation" : "requires_payment_method",
    };
    applyCardOptions(intent, cardOptions);
    // A create-and-confirm that cannot be confirmed creates nothing.
    if (confirm) assertCanConfirm(context, intent, method);
    context.state.paymentIntents.set(id, intent);
    context.emit("payment_intent.created", intent, originOf(request));
    if (confirm) {
      confirmPaymentIntent(context, intent, {
        ...(returnUrl ? { returnUrl } : {}),
        offSession,
        origin: originOf(request),
      });
    }
    return { body: renderPaymentIntent(context, intent, expandList(params)) };
  },
};
