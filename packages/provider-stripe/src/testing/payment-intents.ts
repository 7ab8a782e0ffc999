import { applyCardOptions, readCardOptions } from "./card-options";
import { renderPaymentIntent } from "./charges";
import { assertCanConfirm, confirmPaymentIntent } from "./confirm-payment-intent";
import { createPaymentIntentRoute } from "./create-payment-intent";
import { type FakeRoute, pathParam } from "./fake-route";
import { assertOffSessionWithoutSetup, readOffSession } from "./off-session";
import {
  CAPTURE_METHODS,
  FUTURE_USAGES,
  findPaymentIntent,
  originOf,
  PASSIVE_PARAMS,
} from "./payment-intent-params";
import { resolvePaymentMethod } from "./payment-methods";
import { expandList, optionalEnum, optionalString } from "./request-params";
import { updatePaymentIntentRoute } from "./update-payment-intent";

/** `POST /v1/payment_intents/:id/confirm`: the outcome follows the payment method's test behaviour. */
export const confirmPaymentIntentRoute: FakeRoute = {
  method: "POST",
  path: "/v1/payment_intents/:id/confirm",
  params: new Set([
    ...PASSIVE_PARAMS,
    "capture_method",
    "error_on_requires_action",
    "mandate_data",
    "off_session",
    "payment_method",
    "payment_method_options",
    "return_url",
    "setup_future_usage",
    "use_stripe_sdk",
  ]),
  handle(context, request) {
    const { params } = request;
    const intent = findPaymentIntent(context, pathParam(request, "id"));
    const returnUrl = optionalString(params, "return_url") ?? undefined;
    const offSession = readOffSession(params);
    const captureMethod = optionalEnum(params, CAPTURE_METHODS, "capture_method");
    const futureUsage = optionalEnum(params, FUTURE_USAGES, "setup_future_usage");
    const cardOptions = readCardOptions(params);
    const methodId = optionalString(params, "payment_method");
    const method = methodId ? resolvePaymentMethod(context, methodId) : undefined;
    // Refuse before changing anything: the parameters below apply only to a confirmable intent.
    assertCanConfirm(context, intent, method);
    assertOffSessionWithoutSetup(
      offSession,
      futureUsage === undefined ? intent.setup_future_usage : futureUsage,
    );
    if (captureMethod) intent.capture_method = captureMethod;
    if (futureUsage !== undefined) intent.setup_future_usage = futureUsage;
    applyCardOptions(intent, cardOptions);
    confirmPaymentIntent(context, intent, {
      ...(method ? { method } : {}),
      ...(returnUrl ? { returnUrl } : {}),
      offSession,
      origin: originOf(request),
    });
    return { body: renderPaymentIntent(context, intent, expandList(params)) };
  },
};

/** `GET /v1/payment_intents/:id`, with `expand[]=latest_charge` / `payment_method`. */
export const retrievePaymentIntentRoute: FakeRoute = {
  method: "GET",
  path: "/v1/payment_intents/:id",
  params: new Set(["client_secret"]),
  handle(context, request) {
    const intent = findPaymentIntent(context, pathParam(request, "id"));
    return { body: renderPaymentIntent(context, intent, expandList(request.params)) };
  },
};

/** The PaymentIntent endpoints other than capture and cancel. */
export const paymentIntentRoutes: FakeRoute[] = [
  createPaymentIntentRoute,
  updatePaymentIntentRoute,
  confirmPaymentIntentRoute,
  retrievePaymentIntentRoute,
];
