import { paymentMethodCard, paymentMethodSepaDebit } from "./card-details";
import type { FakeCustomer, FakePaymentMethod } from "./fake-objects";
import { type FakeRoute, pathParam, type RouteRequest } from "./fake-route";
import type { FakeStripeContext } from "./fake-stripe-state";
import { emptyBillingDetails } from "./object-defaults";
import { optionalInteger, optionalString, requiredString } from "./request-params";
import { invalidRequest, missingReference, resourceMissing } from "./stripe-errors";
import { lookupTestPaymentMethod, type TestPaymentMethod } from "./test-payment-methods";

/**
 * The PaymentMethod behind an id: one the fake made before, or a new one made
 * from a test id (`pm_card_visa`), as Stripe makes a new `pm_...` each time a
 * test id is used. Unknown ids are refused as Stripe refuses them.
 */
export function resolvePaymentMethod(
  context: FakeStripeContext,
  id: string,
  param = "payment_method",
): FakePaymentMethod {
  const existing = context.state.paymentMethods.get(id);
  if (existing) return existing;
  const test = lookupTestPaymentMethod(id);
  if (test === undefined) {
    throw missingReference("PaymentMethod", id, param);
  }
  const base = {
    id: context.newId("pm"),
    object: "payment_method" as const,
    billing_details: emptyBillingDetails(),
    created: context.nowSeconds(),
    customer: null,
    customer_account: null,
    livemode: false as const,
    metadata: {},
  };
  const method: FakePaymentMethod =
    test.type === "card"
      ? { ...base, type: "card", card: paymentMethodCard(test.card) }
      : { ...base, type: "sepa_debit", sepa_debit: paymentMethodSepaDebit(test.sepa_debit) };
  context.state.paymentMethods.set(method.id, method);
  context.state.behaviours.set(method.id, test);
  return method;
}

/** How a payment method behaves when charged (a saved card keeps its test id's behaviour). */
export function behaviourOf(
  context: FakeStripeContext,
  method: FakePaymentMethod,
): TestPaymentMethod {
  const behaviour = context.state.behaviours.get(method.id);
  if (behaviour === undefined)
    throw new Error(
      `The fake has no behaviour for ${method.id}; payment methods come from test ids.`,
    );
  return behaviour;
}

/** Attaches a payment method to a customer; one attached elsewhere is refused. */
export function attachPaymentMethod(method: FakePaymentMethod, customer: FakeCustomer): void {
  if (method.customer !== null && method.customer !== customer.id) {
    throw invalidRequest(
      "The payment method you provided has already been attached to a customer.",
      { param: "payment_method" },
    );
  }
  method.customer = customer.id;
}

/** A live customer named in the path, or the 404 Stripe gives. */
export function findCustomer(context: FakeStripeContext, id: string, param = "id"): FakeCustomer {
  const customer = context.state.customers.get(id);
  if (customer === undefined) throw resourceMissing("customer", id, param);
  return customer;
}

/** A live customer named by a parameter, or the 400 Stripe gives. */
export function referencedCustomer(
  context: FakeStripeContext,
  id: string,
  param = "customer",
): FakeCustomer {
  const customer = context.state.customers.get(id);
  if (customer === undefined) throw missingReference("customer", id, param);
  return customer;
}

function listOf(
  context: FakeStripeContext,
  url: string,
  customerId: string | null,
  request: RouteRequest,
) {
  const type = optionalString(request.params, "type");
  const limit = optionalInteger(request.params, "limit") ?? 10;
  const matching = [...context.state.paymentMethods.values()]
    .filter(
      (method) =>
        method.customer !== null && (customerId === null || method.customer === customerId),
    )
    .filter((method) => !type || method.type === type)
    .reverse();
  return { object: "list", data: matching.slice(0, limit), has_more: matching.length > limit, url };
}

const LIST_PARAMS = new Set([
  "customer",
  "type",
  "limit",
  "starting_after",
  "ending_before",
  "allow_redisplay",
]);

/** GET/POST endpoints of `/v1/payment_methods` and `/v1/customers/:id/payment_methods`. */
export const paymentMethodRoutes: FakeRoute[] = [
  {
    method: "GET",
    path: "/v1/payment_methods",
    params: LIST_PARAMS,
    handle(context, request) {
      const customerId = optionalString(request.params, "customer") ?? null;
      if (customerId !== null) referencedCustomer(context, customerId);
      return { body: listOf(context, "/v1/payment_methods", customerId, request) };
    },
  },
  {
    method: "GET",
    path: "/v1/customers/:id/payment_methods",
    params: LIST_PARAMS,
    handle(context, request) {
      const customer = findCustomer(context, pathParam(request, "id"), "customer");
      return {
        body: listOf(context, `/v1/customers/${customer.id}/payment_methods`, customer.id, request),
      };
    },
  },
  {
    method: "GET",
    path: "/v1/payment_methods/:id",
    params: new Set(),
    handle(context, request) {
      return { body: resolvePaymentMethod(context, pathParam(request, "id"), "payment_method") };
    },
  },
  {
    method: "POST",
    path: "/v1/payment_methods/:id/attach",
    params: new Set(["customer"]),
    handle(context, request) {
      const customer = referencedCustomer(context, requiredString(request.params, "customer"));
      const method = resolvePaymentMethod(context, pathParam(request, "id"), "payment_method");
      attachPaymentMethod(method, customer);
      return { body: method };
    },
  },
  {
    method: "POST",
    path: "/v1/payment_methods/:id/detach",
    params: new Set(),
    handle(context, request) {
      const id = pathParam(request, "id");
      const method = context.state.paymentMethods.get(id);
      if (method === undefined) throw resourceMissing("PaymentMethod", id, "payment_method");
      if (method.customer === null) {
        throw invalidRequest(
          `The payment method ${id} is not attached to a customer so detachment is impossible.`,
        );
      }
      method.customer = null;
      return { body: method };
    },
  },
];
