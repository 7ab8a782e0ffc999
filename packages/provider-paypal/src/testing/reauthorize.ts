import { parseAmount } from "./amount-params";
import {
  assertOpen,
  createAuthorization,
  findAuthorization,
  HONOR_PERIOD_MS,
} from "./authorizations";
import { bodyObject, type FakeRoute, represent } from "./fake-route";
import { minorOf } from "./money";
import { unprocessable } from "./paypal-errors";

/**
 * POST /v2/payments/authorizations/{id}/reauthorize: a new authorization id
 * with a new 3-day honor period and the original's expiry (29 days from the
 * original). Only after the honor period (422 REAUTHORIZE_BEFORE_HONOR_PERIOD)
 * and of an authorization nothing was captured from. The fake allows at most
 * the original amount (PayPal up to 115%). Captures and voids then go to the
 * new id; the old one refuses them (422 AUTHORIZATION_ALREADY_REAUTHORIZED).
 */
export const reauthorizeRoute: FakeRoute = {
  method: "POST",
  path: "/v2/payments/authorizations/:id/reauthorize",
  handle(context, request) {
    const record = findAuthorization(context, request);
    const { authorization } = record;
    const body = bodyObject(request);
    const currency = authorization.amount.currency_code;
    const original = minorOf(authorization.amount);
    const amount =
      body.amount === undefined
        ? { currency, minor: original }
        : parseAmount(body.amount, "/amount");
    assertOpen(record);
    const latest =
      record.supersededBy === undefined
        ? undefined
        : context.state.authorizations.get(record.supersededBy);
    if (latest !== undefined) assertOpen(latest);
    if (
      authorization.status === "PARTIALLY_CAPTURED" ||
      latest?.authorization.status === "PARTIALLY_CAPTURED"
    )
      throw unprocessable(
        "AUTHORIZATION_ALREADY_CAPTURED",
        "A partially captured authorization cannot be reauthorized.",
      );
    if (context.now() < Date.parse(authorization.create_time) + HONOR_PERIOD_MS)
      throw unprocessable(
        "REAUTHORIZE_BEFORE_HONOR_PERIOD",
        "An authorization can be reauthorized only after its 3-day honor period.",
      );
    if (amount.currency !== currency)
      throw unprocessable(
        "CURRENCY_MISMATCH",
        `The amount must be in the authorization's currency ${currency}.`,
      );
    if (amount.minor > original)
      throw unprocessable(
        "MAX_AUTHORIZATION_AMOUNT_EXCEEDED",
        "The fake reauthorizes at most the original amount.",
      );
    const orderRecord = context.state.orders.get(record.orderId);
    if (orderRecord === undefined) throw new Error(`The fake PayPal lost order ${record.orderId}.`);
    const renewed = createAuthorization(
      context,
      orderRecord,
      amount,
      authorization.expiration_time,
    );
    if (record.pendingReason !== undefined) renewed.pendingReason = record.pendingReason;
    // Every earlier authorization of the chain now points at the newest.
    const oldLatest = record.supersededBy;
    for (const other of context.state.authorizations.values()) {
      const inChain =
        other === record ||
        (oldLatest !== undefined && (other === latest || other.supersededBy === oldLatest));
      if (inChain) other.supersededBy = renewed.authorization.id;
    }
    return { status: 201, body: represent(request, structuredClone(renewed.authorization)) };
  },
};
