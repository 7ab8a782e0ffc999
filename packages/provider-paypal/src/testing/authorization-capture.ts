import { optionalString, parseAmount } from "./amount-params";
import { assertOpen, findAuthorization } from "./authorizations";
import { createCapture } from "./captures";
import type { FakePayPalContext } from "./fake-paypal-context";
import type { AuthorizationRecord } from "./fake-paypal-state";
import { bodyObject, type FakeRoute, represent } from "./fake-route";
import { minorOf, toValue } from "./money";
import { invalidRequest, unprocessable } from "./paypal-errors";

/** What an authorization still holds: its amount less its captures that are not DECLINED or FAILED. */
export function remainingOf(context: FakePayPalContext, record: AuthorizationRecord): number {
  let captured = 0;
  for (const id of record.captureIds) {
    const capture = context.state.captures.get(id)?.capture;
    if (capture && capture.status !== "DECLINED" && capture.status !== "FAILED")
      captured += minorOf(capture.amount);
  }
  return minorOf(record.authorization.amount) - captured;
}

/**
 * POST /v2/payments/authorizations/{id}/capture. The fake allows at most what
 * is left of the authorization (PayPal allows up to 115% or +$75 USD):
 * more is 422 MAX_CAPTURE_AMOUNT_EXCEEDED. `final_capture: true` (or nothing
 * left) makes the authorization CAPTURED and releases the rest.
 */
export const captureAuthorizationRoute: FakeRoute = {
  method: "POST",
  path: "/v2/payments/authorizations/:id/capture",
  handle(context, request) {
    const record = findAuthorization(context, request);
    const body = bodyObject(request);
    const { authorization } = record;
    const currency = authorization.amount.currency_code;
    const remaining = remainingOf(context, record);
    const amount =
      body.amount === undefined
        ? { currency, minor: remaining }
        : parseAmount(body.amount, "/amount");
    const finalCapture = body.final_capture ?? false;
    if (typeof finalCapture !== "boolean")
      throw invalidRequest(
        "INVALID_PARAMETER_VALUE",
        "final_capture must be a boolean.",
        "/final_capture",
      );
    const invoiceId = optionalString(body.invoice_id, "/invoice_id");
    const noteToPayer = optionalString(body.note_to_payer, "/note_to_payer", 255);
    assertOpen(record);
    if (record.supersededBy !== undefined)
      throw unprocessable(
        "AUTHORIZATION_ALREADY_REAUTHORIZED",
        `This authorization was reauthorized: capture the reauthorization ${record.supersededBy} instead.`,
      );
    if (amount.currency !== currency)
      throw unprocessable(
        "CURRENCY_MISMATCH",
        `The capture must be in the authorization's currency ${currency}.`,
      );
    if (amount.minor > remaining)
      throw unprocessable(
        "MAX_CAPTURE_AMOUNT_EXCEEDED",
        `Capture amount exceeds what is left of the authorization (${toValue(remaining, currency)} ${currency}).`,
      );
    const orderRecord = context.state.orders.get(record.orderId);
    if (orderRecord === undefined) throw new Error(`The fake PayPal lost order ${record.orderId}.`);
    const pendingReason = record.pendingReason ?? orderRecord.pendingReason;
    const capture = createCapture(context, {
      orderRecord,
      authorizationId: authorization.id,
      minor: amount.minor,
      currency,
      finalCapture,
      ...(invoiceId === undefined ? {} : { invoiceId }),
      ...(noteToPayer === undefined ? {} : { noteToPayer }),
      ...(pendingReason === undefined ? {} : { pendingReason }),
    });
    record.captureIds.push(capture.capture.id);
    authorization.status =
      finalCapture || amount.minor === remaining ? "CAPTURED" : "PARTIALLY_CAPTURED";
    authorization.update_time = context.isoNow();
    return { status: 201, body: represent(request, structuredClone(capture.capture)) };
  },
};
