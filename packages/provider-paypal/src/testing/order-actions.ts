import { createAuthorization } from "./authorizations";
import { createCapture } from "./captures";
import type { FakePayPalContext } from "./fake-paypal-context";
import type { OrderRecord } from "./fake-paypal-state";
import type { FakeRoute } from "./fake-route";
import { represent } from "./fake-route";
import { minorOf } from "./money";
import { findOrder } from "./orders";
import { unprocessable } from "./paypal-errors";
import { renderOrder } from "./render";

function assertPayable(record: OrderRecord, intent: "AUTHORIZE" | "CAPTURE"): void {
  const { order } = record;
  if (order.intent !== intent)
    throw unprocessable("ACTION_DOES_NOT_MATCH_INTENT", `The order's intent is ${order.intent}.`);
  if (order.status === "COMPLETED")
    throw unprocessable(
      intent === "AUTHORIZE" ? "ORDER_ALREADY_AUTHORIZED" : "ORDER_ALREADY_CAPTURED",
      `The order has already been ${intent === "AUTHORIZE" ? "authorized" : "captured"}.`,
    );
  if (order.status !== "APPROVED")
    throw unprocessable(
      "ORDER_NOT_APPROVED",
      "Payer has not yet approved the Order for payment. Please redirect the payer to the 'rel':'approve' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.",
    );
  if (record.declined)
    throw unprocessable(
      "INSTRUMENT_DECLINED",
      "The instrument presented was either declined by the processor or bank, or it can't be used for this payment.",
    );
}

function complete(context: FakePayPalContext, record: OrderRecord): void {
  record.order.status = "COMPLETED";
  record.order.update_time = context.isoNow();
  record.order.links = [context.link(`/v2/checkout/orders/${record.order.id}`, "self")];
}

/** POST /v2/checkout/orders/{id}/authorize: an APPROVED AUTHORIZE order becomes COMPLETED with one authorization. */
export const authorizeOrderRoute: FakeRoute = {
  method: "POST",
  path: "/v2/checkout/orders/:id/authorize",
  handle(context, request) {
    const record = findOrder(context, request);
    assertPayable(record, "AUTHORIZE");
    const amount = record.order.purchase_units[0]?.amount;
    if (amount === undefined) throw new Error("An order without a purchase unit.");
    const authorization = createAuthorization(context, record, {
      minor: minorOf(amount),
      currency: amount.currency_code,
    });
    if (record.pendingReason !== undefined) authorization.pendingReason = record.pendingReason;
    complete(context, record);
    return { status: 201, body: represent(request, renderOrder(context, record)) };
  },
};

/** POST /v2/checkout/orders/{id}/capture: an APPROVED CAPTURE order becomes COMPLETED with one final capture. */
export const captureOrderRoute: FakeRoute = {
  method: "POST",
  path: "/v2/checkout/orders/:id/capture",
  handle(context, request) {
    const record = findOrder(context, request);
    assertPayable(record, "CAPTURE");
    const unit = record.order.purchase_units[0];
    if (unit === undefined) throw new Error("An order without a purchase unit.");
    createCapture(context, {
      orderRecord: record,
      minor: minorOf(unit.amount),
      currency: unit.amount.currency_code,
      finalCapture: true,
      ...(unit.invoice_id === undefined ? {} : { invoiceId: unit.invoice_id }),
      ...(record.pendingReason === undefined ? {} : { pendingReason: record.pendingReason }),
    });
    complete(context, record);
    return { status: 201, body: represent(request, renderOrder(context, record)) };
  },
};
