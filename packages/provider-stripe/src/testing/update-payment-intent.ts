import { validateChargeAmount, validateCurrency } from "./amount-rules";
import { applyCardOptions, readCardOptions } from "./card-options";
import { renderPaymentIntent } from "./charges";
import type { PaymentIntentStatus } from "./fake-objects";
import { type FakeRoute, pathParam } from "./fake-route";
import {
  CAPTURE_METHODS,
  FUTURE_USAGES,
  findPaymentIntent,
  PASSIVE_PARAMS,
  readPaymentMethodTypes,
} from "./payment-intent-params";
import { referencedCustomer, resolvePaymentMethod } from "./payment-methods";
import {
  expandList,
  mergeMetadata,
  optionalEnum,
  optionalInteger,
  optionalMetadata,
  optionalString,
  requiredString,
} from "./request-params";
import { unexpectedState } from "./stripe-errors";

/** Parameters that change what is paid or how: only while the customer has not paid yet. */
const PAYMENT_PARAMS = [
  "allowed_payment_method_types",
  "amount",
  "capture_method",
  "currency",
  "customer",
  "payment_method",
  "payment_method_options",
  "payment_method_types",
  "setup_future_usage",
] as const;

/** Statuses in which Stripe lets the payment parameters change. */
const UPDATABLE: readonly PaymentIntentStatus[] = [
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
];

/**
 * `POST /v1/payment_intents/:id`. Metadata and description change in any
 * status; what is paid only in {@link UPDATABLE} statuses, else 400
 * `payment_intent_unexpected_state`. Changing it while 3D Secure is pending
 * sends the intent back to `requires_confirmation`.
 */
export const updatePaymentIntentRoute: FakeRoute = {
  method: "POST",
  path: "/v1/payment_intents/:id",
  params: new Set([...PAYMENT_PARAMS, ...PASSIVE_PARAMS, "description", "metadata"]),
  handle(context, request) {
    const { params } = request;
    const intent = findPaymentIntent(context, pathParam(request, "id"));
    const currency =
      params.currency === undefined
        ? intent.currency
        : validateCurrency(requiredString(params, "currency"));
    const amount = optionalInteger(params, "amount");
    if (amount !== undefined || currency !== intent.currency) {
      validateChargeAmount(amount ?? intent.amount, currency);
    }
    const captureMethod = optionalEnum(params, CAPTURE_METHODS, "capture_method");
    const customerId = optionalString(params, "customer");
    if (customerId) referencedCustomer(context, customerId);
    const types = readPaymentMethodTypes(params);
    const futureUsage = optionalEnum(params, FUTURE_USAGES, "setup_future_usage");
    const cardOptions = readCardOptions(params);
    const metadata = optionalMetadata(params);
    const description = optionalString(params, "description");
    const methodId = optionalString(params, "payment_method");
    const changed = PAYMENT_PARAMS.find((name) => params[name] !== undefined);
    if (changed !== undefined && !UPDATABLE.includes(intent.status)) {
      throw unexpectedState(
        `This PaymentIntent's ${changed} could not be updated because it has a status of ${intent.status}. You may only update the ${changed} of a PaymentIntent with one of the following statuses: ${UPDATABLE.join(", ")}.`,
        renderPaymentIntent(context, intent),
      );
    }
    const method = methodId ? resolvePaymentMethod(context, methodId) : undefined;
    intent.currency = currency;
    if (amount !== undefined) intent.amount = amount;
    if (captureMethod) intent.capture_method = captureMethod;
    if (customerId !== undefined) intent.customer = customerId;
    if (types !== undefined) {
      intent.payment_method_types = types;
      intent.automatic_payment_methods = null;
    }
    if (futureUsage !== undefined) intent.setup_future_usage = futureUsage;
    applyCardOptions(intent, cardOptions);
    intent.metadata = mergeMetadata(intent.metadata, metadata);
    if (description !== undefined) intent.description = description;
    if (methodId !== undefined) intent.payment_method = method?.id ?? null;
    if (changed !== undefined) {
      intent.next_action = null;
      intent.status = intent.payment_method ? "requires_confirmation" : "requires_payment_method";
    }
    return { body: renderPaymentIntent(context, intent, expandList(params)) };
  },
};
