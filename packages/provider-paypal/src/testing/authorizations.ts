import type { FakeAuthorization } from "./fake-objects";
import type { FakePayPalContext } from "./fake-paypal-context";
import type { AuthorizationRecord, OrderRecord } from "./fake-paypal-state";
import { type FakeRoute, pathParam, type RouteRequest, represent } from "./fake-route";
import { money } from "./money";
import { notFound, unprocessable } from "./paypal-errors";

/** PayPal's honor period: captures are best within 3 days; reauthorize only after it. */
export const HONOR_PERIOD_MS = 3 * 24 * 60 * 60 * 1000;

/** An authorization is valid for 29 days from the original authorization. */
export const AUTHORIZATION_VALIDITY_MS = 29 * 24 * 60 * 60 * 1000;

/** The seller protection the fake gives every PayPal payment. */
export const SELLER_PROTECTION = {
  status: "ELIGIBLE",
  dispute_categories: ["ITEM_NOT_RECEIVED", "UNAUTHORIZED_TRANSACTION"],
};

/** Creates an authorization on an order (or a reauthorization, with the original's expiry), emitting PAYMENT.AUTHORIZATION.CREATED. */
export function createAuthorization(
  context: FakePayPalContext,
  orderRecord: OrderRecord,
  amount: { minor: number; currency: string },
  expirationTime?: string,
): AuthorizationRecord {
  const id = context.newId();
  const path = `/v2/payments/authorizations/${id}`;
  const unit = orderRecord.order.purchase_units[0];
  const authorization: FakeAuthorization = {
    id,
    status: "CREATED",
    amount: money(amount.minor, amount.currency),
    ...(unit?.invoice_id === undefined ? {} : { invoice_id: unit.invoice_id }),
    ...(unit?.custom_id === undefined ? {} : { custom_id: unit.custom_id }),
    seller_protection: structuredClone(SELLER_PROTECTION),
    expiration_time: expirationTime ?? context.isoNow(AUTHORIZATION_VALIDITY_MS),
    create_time: context.isoNow(),
    update_time: context.isoNow(),
    supplementary_data: { related_ids: { order_id: orderRecord.order.id } },
    links: [
      context.link(path, "self"),
      context.link(`${path}/capture`, "capture", "POST"),
      context.link(`${path}/void`, "void", "POST"),
      context.link(`${path}/reauthorize`, "reauthorize", "POST"),
      context.link(`/v2/checkout/orders/${orderRecord.order.id}`, "up"),
    ],
  };
  const record: AuthorizationRecord = {
    authorization,
    orderId: orderRecord.order.id,
    captureIds: [],
  };
  context.state.authorizations.set(id, record);
  orderRecord.authorizationIds.push(id);
  context.emit(
    "PAYMENT.AUTHORIZATION.CREATED",
    "authorization",
    `A payment authorization was created for ${amount.currency} ${authorization.amount.value}`,
    authorization,
  );
  return record;
}

/** Authorizations the clock has taken past `expiration_time` read EXPIRED. */
export function expireAuthorizations(context: FakePayPalContext): void {
  const now = context.now();
  for (const { authorization } of context.state.authorizations.values()) {
    const open =
      authorization.status === "CREATED" || authorization.status === "PARTIALLY_CAPTURED";
    if (open && now >= Date.parse(authorization.expiration_time)) {
      authorization.status = "EXPIRED";
      authorization.update_time = context.isoNow();
    }
  }
}

/** The authorization of a path, or 404. */
export function findAuthorization(
  context: FakePayPalContext,
  request: RouteRequest,
): AuthorizationRecord {
  const id = pathParam(request, "id");
  const record = context.state.authorizations.get(id);
  if (record === undefined) throw notFound("authorization_id", id);
  return record;
}

/** Refuses a capture, void or reauthorization of an authorization in a final state. */
export function assertOpen(record: AuthorizationRecord): void {
  const { status } = record.authorization;
  if (status === "VOIDED")
    throw unprocessable(
      "AUTHORIZATION_VOIDED",
      "A voided authorization cannot be captured or voided.",
    );
  if (status === "EXPIRED")
    throw unprocessable("AUTHORIZATION_EXPIRED", "The authorization has expired.");
  if (status === "CAPTURED")
    throw unprocessable(
      "AUTHORIZATION_ALREADY_CAPTURED",
      "The authorization has already been captured.",
    );
  if (status === "DENIED")
    throw unprocessable("AUTHORIZATION_DENIED", "The authorization was denied.");
}

/** GET /v2/payments/authorizations/{id}. */
export const getAuthorizationRoute: FakeRoute = {
  method: "GET",
  path: "/v2/payments/authorizations/:id",
  handle: (context, request) => ({
    body: structuredClone(findAuthorization(context, request).authorization),
  }),
};

/** POST /v2/payments/authorizations/{id}/void: releases what is not captured (204, or 200 with `return=representation`). */
export const voidAuthorizationRoute: FakeRoute = {
  method: "POST",
  path: "/v2/payments/authorizations/:id/void",
  handle(context, request) {
    const record = findAuthorization(context, request);
    assertOpen(record);
    if (record.supersededBy !== undefined)
      throw unprocessable(
        "AUTHORIZATION_ALREADY_REAUTHORIZED",
        `Void the reauthorization ${record.supersededBy} instead.`,
      );
    const { authorization } = record;
    authorization.status = "VOIDED";
    authorization.update_time = context.isoNow();
    context.emit(
      "PAYMENT.AUTHORIZATION.VOIDED",
      "authorization",
      "A payment authorization was voided",
      authorization,
    );
    return request.representation
      ? { body: represent(request, structuredClone(authorization)) }
      : {};
  },
};
