import { optionalString, parseAmount } from "./amount-params";
import type { FakeOrder, FakePurchaseUnit } from "./fake-objects";
import { FAKE_PAYEE, type FakePayPalContext } from "./fake-paypal-context";
import type { OrderRecord } from "./fake-paypal-state";
import { bodyObject, type FakeRoute, pathParam, type RouteRequest, represent } from "./fake-route";
import { money } from "./money";
import { invalidRequest, notFound, unprocessable } from "./paypal-errors";
import { renderOrder } from "./render";

/** The link a buyer's browser opens to approve an order. */
export function approveHref(context: FakePayPalContext, orderId: string): string {
  return `${context.webBase}/checkoutnow?token=${encodeURIComponent(orderId)}`;
}

/** The order of a path, or 404. */
export function findOrder(context: FakePayPalContext, request: RouteRequest): OrderRecord {
  const id = pathParam(request, "id");
  const record = context.state.orders.get(id);
  if (record === undefined) throw notFound("order_id", id);
  return record;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function readUnit(value: unknown): FakePurchaseUnit {
  const unit = record(value);
  const amount = parseAmount(unit.amount, "/purchase_units/0/amount");
  const referenceId = optionalString(unit.reference_id, "/purchase_units/0/reference_id", 256);
  const customId = optionalString(unit.custom_id, "/purchase_units/0/custom_id");
  const invoiceId = optionalString(unit.invoice_id, "/purchase_units/0/invoice_id");
  const description = optionalString(unit.description, "/purchase_units/0/description", 127);
  const breakdown = record(unit.amount).breakdown;
  return {
    reference_id: referenceId ?? "default",
    amount: {
      ...money(amount.minor, amount.currency),
      ...(breakdown === undefined ? {} : { breakdown }),
    },
    ...(customId === undefined ? {} : { custom_id: customId }),
    ...(invoiceId === undefined ? {} : { invoice_id: invoiceId }),
    ...(description === undefined ? {} : { description }),
    payee: { ...FAKE_PAYEE },
  };
}

/**
 * POST /v2/checkout/orders. One purchase unit only (PayPal allows 10). With
 * `payment_source.paypal` the order is PAYER_ACTION_REQUIRED with a
 * `payer-action` link, else CREATED with an `approve` link.
 */
export const createOrderRoute: FakeRoute = {
  method: "POST",
  path: "/v2/checkout/orders",
  handle(context, request) {
    const body = bodyObject(request);
    if (body.intent === undefined)
      throw invalidRequest(
        "MISSING_REQUIRED_PARAMETER",
        "A required field / parameter is missing.",
        "/intent",
      );
    if (body.intent !== "AUTHORIZE" && body.intent !== "CAPTURE")
      throw invalidRequest(
        "INVALID_PARAMETER_VALUE",
        "The value of a field is invalid.",
        "/intent",
      );
    const units = body.purchase_units;
    if (!Array.isArray(units) || units.length === 0)
      throw invalidRequest(
        "MISSING_REQUIRED_PARAMETER",
        "A required field / parameter is missing.",
        "/purchase_units",
      );
    if (units.length > 1)
      throw unprocessable(
        "MULTIPLE_PURCHASE_UNITS_NOT_SUPPORTED",
        "The fake PayPal takes one purchase unit per order.",
      );
    const unit = readUnit(units[0]);
    const paypal = record(body.payment_source).paypal;
    const experience = {
      ...record(body.application_context),
      ...record(record(paypal).experience_context),
    };
    const returnUrl = optionalString(
      experience.return_url,
      "/payment_source/paypal/experience_context/return_url",
      4000,
    );
    const cancelUrl = optionalString(
      experience.cancel_url,
      "/payment_source/paypal/experience_context/cancel_url",
      4000,
    );
    const id = context.newId();
    const path = `/v2/checkout/orders/${id}`;
    const payerAction = paypal !== undefined;
    const order: FakeOrder = {
      id,
      intent: body.intent,
      status: payerAction ? "PAYER_ACTION_REQUIRED" : "CREATED",
      purchase_units: [unit],
      ...(payerAction ? { payment_source: { paypal: {} } } : {}),
      create_time: context.isoNow(),
      update_time: context.isoNow(),
      links: [
        context.link(path, "self"),
        {
          href: approveHref(context, id),
          rel: payerAction ? "payer-action" : "approve",
          method: "GET",
        },
        ...(payerAction
          ? []
          : [
              context.link(path, "update", "PATCH"),
              context.link(
                `${path}/${body.intent === "AUTHORIZE" ? "authorize" : "capture"}`,
                body.intent.toLowerCase(),
                "POST",
              ),
            ]),
      ],
    };
    const orderRecord: OrderRecord = {
      order,
      ...(returnUrl === undefined ? {} : { returnUrl }),
      ...(cancelUrl === undefined ? {} : { cancelUrl }),
      declined: false,
      authorizationIds: [],
      captureIds: [],
    };
    context.state.orders.set(id, orderRecord);
    return { status: 201, body: represent(request, renderOrder(context, orderRecord)) };
  },
};

/** GET /v2/checkout/orders/{id}, with the payments made on it. */
export const getOrderRoute: FakeRoute = {
  method: "GET",
  path: "/v2/checkout/orders/:id",
  handle: (context, request) => ({ body: renderOrder(context, findOrder(context, request)) }),
};

const UNIT_PATH =
  /^\/purchase_units\/@reference_id=='([^']*)'\/(amount|custom_id|invoice_id|description)$/;

/**
 * PATCH /v2/checkout/orders/{id} (JSON Patch): `replace`/`add` of a purchase
 * unit's `amount`, `custom_id`, `invoice_id`, `description` (and `remove` of
 * the last three) until the order is authorized or captured; 204.
 */
export const patchOrderRoute: FakeRoute = {
  method: "PATCH",
  path: "/v2/checkout/orders/:id",
  handle(context, request) {
    const orderRecord = findOrder(context, request);
    const { order } = orderRecord;
    if (!Array.isArray(request.body))
      throw invalidRequest("MALFORMED_REQUEST_JSON", "The request JSON is not a JSON Patch array.");
    if (order.status === "COMPLETED" || order.status === "VOIDED")
      throw unprocessable(
        "ORDER_COMPLETED_OR_VOIDED",
        "Order is voided or completed and hence cannot be patched.",
      );
    const patched = structuredClone(order.purchase_units);
    for (const [index, item] of request.body.entries()) {
      const { op, path, value } = record(item);
      const match = typeof path === "string" ? UNIT_PATH.exec(path) : null;
      const unit = patched.find((candidate) => candidate.reference_id === match?.[1]);
      const field = match?.[2] as "amount" | "custom_id" | "invoice_id" | "description" | undefined;
      if (match === null || unit === undefined || field === undefined)
        throw unprocessable(
          "PATCH_PATH_NOT_SUPPORTED",
          `The patch path at /${index}/path is not supported by the fake.`,
        );
      if (op !== "replace" && op !== "add" && !(op === "remove" && field !== "amount"))
        throw unprocessable(
          "INVALID_PATCH_OPERATION",
          `The operation at /${index}/op cannot be applied to ${field}.`,
        );
      if (field === "amount") {
        const amount = parseAmount(value, `/${index}/value`);
        unit.amount = money(amount.minor, amount.currency);
      } else if (op === "remove") {
        delete unit[field];
      } else {
        const text = optionalString(value, `/${index}/value`);
        if (text === undefined)
          throw invalidRequest(
            "MISSING_REQUIRED_PARAMETER",
            "A required field / parameter is missing.",
            `/${index}/value`,
          );
        unit[field] = text;
      }
    }
    order.purchase_units = patched;
    order.update_time = context.isoNow();
    return {};
  },
};
