import type { FakeCustomer } from "./fake-objects";
import { type FakeRoute, pathParam, type RouteRequest } from "./fake-route";
import type { FakeStripeContext } from "./fake-stripe-state";
import { attachPaymentMethod, findCustomer, resolvePaymentMethod } from "./payment-methods";
import { mergeMetadata, optionalMetadata, optionalString } from "./request-params";
import { resourceMissing } from "./stripe-errors";

const CUSTOMER_PARAMS = new Set([
  "address",
  "description",
  "email",
  "invoice_settings",
  "metadata",
  "name",
  "payment_method",
  "phone",
  "preferred_locales",
  "shipping",
  "tax_exempt",
]);

/** The fields a create or update sets; absent ones stay as they are. */
function applyCustomerParams(
  context: FakeStripeContext,
  customer: FakeCustomer,
  request: RouteRequest,
): void {
  const { params } = request;
  const email = optionalString(params, "email");
  const name = optionalString(params, "name");
  const phone = optionalString(params, "phone");
  const description = optionalString(params, "description");
  const metadata = optionalMetadata(params);
  const defaultMethodId = optionalString(params, "invoice_settings", "default_payment_method");
  const defaultMethod = defaultMethodId
    ? resolvePaymentMethod(context, defaultMethodId, "invoice_settings[default_payment_method]")
    : undefined;
  if (email !== undefined) customer.email = email;
  if (name !== undefined) customer.name = name;
  if (phone !== undefined) customer.phone = phone;
  if (description !== undefined) customer.description = description;
  customer.metadata = mergeMetadata(customer.metadata, metadata);
  if (defaultMethodId === null) customer.invoice_settings.default_payment_method = null;
  if (defaultMethod) customer.invoice_settings.default_payment_method = defaultMethod.id;
}

/** The fake's `/v1/customers` endpoints. */
export const customerRoutes: FakeRoute[] = [
  {
    method: "POST",
    path: "/v1/customers",
    params: CUSTOMER_PARAMS,
    handle(context, request) {
      const methodId = optionalString(request.params, "payment_method");
      const customer: FakeCustomer = {
        id: context.newId("cus"),
        object: "customer",
        balance: 0,
        created: context.nowSeconds(),
        description: null,
        email: null,
        default_source: null,
        invoice_settings: {
          custom_fields: null,
          default_payment_method: null,
          footer: null,
          rendering_options: null,
        },
        livemode: false,
        metadata: {},
        name: null,
        phone: null,
        shipping: null,
      };
      const method = methodId ? resolvePaymentMethod(context, methodId) : undefined;
      applyCustomerParams(context, customer, request);
      context.state.customers.set(customer.id, customer);
      if (method) attachPaymentMethod(method, customer);
      context.emit("customer.created", customer, {
        id: request.requestId,
        idempotency_key: request.idempotencyKey,
      });
      return { body: customer };
    },
  },
  {
    method: "POST",
    path: "/v1/customers/:id",
    params: CUSTOMER_PARAMS,
    handle(context, request) {
      const customer = findCustomer(context, pathParam(request, "id"), "id");
      applyCustomerParams(context, customer, request);
      return { body: customer };
    },
  },
  {
    method: "GET",
    path: "/v1/customers/:id",
    params: new Set(),
    handle(context, request) {
      const id = pathParam(request, "id");
      // Stripe still answers for a deleted customer, with a stub that says so.
      if (context.state.deletedCustomers.has(id))
        return { body: { id, object: "customer", deleted: true } };
      return { body: findCustomer(context, id, "id") };
    },
  },
  {
    method: "DELETE",
    path: "/v1/customers/:id",
    params: new Set(),
    handle(context, request) {
      const id = pathParam(request, "id");
      const customer = context.state.customers.get(id);
      if (customer === undefined) throw resourceMissing("customer", id, "id");
      context.state.customers.delete(id);
      context.state.deletedCustomers.add(id);
      for (const method of context.state.paymentMethods.values()) {
        if (method.customer === id) method.customer = null;
      }
      return { body: { id, object: "customer", deleted: true } };
    },
  },
];
