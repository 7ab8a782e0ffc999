import type { FakePayPalContext } from "./fake-paypal-context";
import type { OrderRecord } from "./fake-paypal-state";

/** The buyer who approves orders at the fake PayPal. */
export const FAKE_BUYER = {
  name: { given_name: "Fake", surname: "Buyer" },
  email_address: "buyer@example.com",
  payer_id: "FAKEBUYER0001",
  address: { country_code: "US" },
};

function requireOrder(context: FakePayPalContext, orderId: string): OrderRecord {
  const record = context.state.orders.get(orderId);
  if (record === undefined) throw new Error(`The fake PayPal has no order ${orderId}.`);
  return record;
}

/**
 * The buyer approves at PayPal: the order is APPROVED with the payer and
 * `payment_source.paypal`, CHECKOUT.ORDER.APPROVED. Approving again (after a
 * declined instrument) picks a working instrument and emits again.
 */
export function approveOrder(context: FakePayPalContext, orderId: string, declined = false): void {
  const record = requireOrder(context, orderId);
  const { order } = record;
  if (order.status === "COMPLETED" || order.status === "VOIDED")
    throw new Error(`Order ${orderId} is ${order.status}: the buyer cannot approve it.`);
  record.declined = declined;
  order.status = "APPROVED";
  order.payer = structuredClone(FAKE_BUYER);
  order.payment_source = {
    paypal: {
      email_address: FAKE_BUYER.email_address,
      account_id: FAKE_BUYER.payer_id,
      account_status: "VERIFIED",
      name: { ...FAKE_BUYER.name },
      address: { ...FAKE_BUYER.address },
    },
  };
  order.update_time = context.isoNow();
  const path = `/v2/checkout/orders/${order.id}`;
  const action = order.intent === "AUTHORIZE" ? "authorize" : "capture";
  order.links = [
    context.link(path, "self"),
    context.link(path, "update", "PATCH"),
    context.link(`${path}/${action}`, action, "POST"),
  ];
  context.emit(
    "CHECKOUT.ORDER.APPROVED",
    "checkout-order",
    "An order has been approved by buyer",
    order,
  );
}

/** The buyer cancels at PayPal: the order stays unapproved (they go to `cancel_url`); no event. */
export function cancelApproval(context: FakePayPalContext, orderId: string): void {
  const record = requireOrder(context, orderId);
  if (record.order.status === "APPROVED" || record.order.status === "COMPLETED")
    throw new Error(`Order ${orderId} is ${record.order.status}: too late to cancel at PayPal.`);
}

/** Captures of an order or authorization come back PENDING with `status_details.reason`. */
export function pendingCaptures(
  context: FakePayPalContext,
  id: string,
  reason = "PENDING_REVIEW",
): void {
  const order = context.state.orders.get(id);
  if (order !== undefined) {
    order.pendingReason = reason;
    for (const authorizationId of order.authorizationIds) {
      const authorization = context.state.authorizations.get(authorizationId);
      if (authorization) authorization.pendingReason = reason;
    }
    return;
  }
  const authorization = context.state.authorizations.get(id);
  if (authorization === undefined)
    throw new Error(`The fake PayPal has no order or authorization ${id}.`);
  authorization.pendingReason = reason;
}
