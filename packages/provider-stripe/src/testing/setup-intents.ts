import type { FakeSetupIntent } from "./fake-objects";
import { type FakeRoute, pathParam, type RouteRequest } from "./fake-route";
import type { FakeStripeContext } from "./fake-stripe-state";
import { setupIntentNulls } from "./object-defaults";
import { originOf } from "./payment-intent-params";
import { attachPaymentMethod, referencedCustomer, resolvePaymentMethod } from "./payment-methods";
import {
  optionalBoolean,
  optionalEnum,
  optionalMetadata,
  optionalString,
  optionalStringList,
} from "./request-params";
import { invalidRequest, resourceMissing } from "./stripe-errors";

const USAGES = ["on_session", "off_session"] as const;

/**
 * Confirms a setup: it succeeds, attaches the payment method to the
 * customer and marks it set up for off-session use. (Test cards that decline
 * charges or need 3D Secure still save in the fake without a challenge;
 * their behaviour shows when they are charged.)
 */
function confirmSetup(
  context: FakeStripeContext,
  setup: FakeSetupIntent,
  request: RouteRequest,
): void {
  if (setup.status === "succeeded" || setup.status === "canceled") {
    throw invalidRequest(
      `You cannot confirm this SetupIntent because it has a status of ${setup.status}.`,
      {
        code: "setup_intent_unexpected_state",
      },
    );
  }
  const method =
    setup.payment_method === null
      ? undefined
      : context.state.paymentMethods.get(setup.payment_method);
  if (method === undefined) {
    throw invalidRequest(
      "You cannot confirm this SetupIntent because it's missing a payment method.",
      {
        code: "setup_intent_unexpected_state",
      },
    );
  }
  if (setup.customer !== null)
    attachPaymentMethod(method, referencedCustomer(context, setup.customer));
  setup.status = "succeeded";
  setup.latest_attempt = context.newId("setatt");
  // Set up for later: off-session payments need no authentication (pm_card_authenticationRequiredOnSetup).
  context.state.setUpPaymentMethods.add(method.id);
  context.emit("setup_intent.succeeded", setup, originOf(request));
}

function methodFrom(context: FakeStripeContext, request: RouteRequest) {
  const id = optionalString(request.params, "payment_method");
  return id ? resolvePaymentMethod(context, id) : undefined;
}

/** `POST /v1/setup_intents`, `GET /v1/setup_intents/:id`, `POST /v1/setup_intents/:id/confirm`. */
export const setupIntentRoutes: FakeRoute[] = [
  {
    method: "POST",
    path: "/v1/setup_intents",
    params: new Set([
      "automatic_payment_methods",
      "confirm",
      "customer",
      "description",
      "mandate_data",
      "metadata",
      "payment_method",
      "payment_method_options",
      "payment_method_types",
      "return_url",
      "usage",
      "use_stripe_sdk",
    ]),
    handle(context, request) {
      const { params } = request;
      const customerId = optionalString(params, "customer") ?? null;
      if (customerId !== null) referencedCustomer(context, customerId);
      const usage = optionalEnum(params, USAGES, "usage") ?? "off_session";
      const confirm = optionalBoolean(params, "confirm") ?? false;
      const method = methodFrom(context, request);
      const id = context.newId("seti");
      const types = optionalStringList(params, "payment_method_types") ?? ["card"];
      const setup: FakeSetupIntent = {
        id,
        object: "setup_intent",
        ...setupIntentNulls(),
        client_secret: `${id}_secret_${id.slice(-10)}`,
        created: context.nowSeconds(),
        customer: customerId,
        description: optionalString(params, "description") ?? null,
        last_setup_error: null,
        latest_attempt: null,
        livemode: false,
        metadata: optionalMetadata(params) ?? {},
        next_action: null,
        payment_method: method?.id ?? null,
        payment_method_options: types.includes("card")
          ? { card: { mandate_options: null, network: null, request_three_d_secure: "automatic" } }
          : {},
        payment_method_types: types,
        status: method ? "requires_confirmation" : "requires_payment_method",
        usage,
      };
      context.state.setupIntents.set(id, setup);
      context.emit("setup_intent.created", setup, originOf(request));
      if (confirm) confirmSetup(context, setup, request);
      return { body: setup };
    },
  },
  {
    method: "GET",
    path: "/v1/setup_intents/:id",
    params: new Set(["client_secret"]),
    handle(context, request) {
      const id = pathParam(request, "id");
      const setup = context.state.setupIntents.get(id);
      if (setup === undefined) throw resourceMissing("setup_intent", id, "intent");
      return { body: setup };
    },
  },
  {
    method: "POST",
    path: "/v1/setup_intents/:id/confirm",
    params: new Set(["payment_method", "return_url", "mandate_data", "use_stripe_sdk"]),
    handle(context, request) {
      const id = pathParam(request, "id");
      const setup = context.state.setupIntents.get(id);
      if (setup === undefined) throw resourceMissing("setup_intent", id, "intent");
      const method = methodFrom(context, request);
      if (method) setup.payment_method = method.id;
      confirmSetup(context, setup, request);
      return { body: setup };
    },
  },
];
