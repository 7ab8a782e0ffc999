import { optionalString, parseAmount } from "./amount-params";
import { findCapture, requireCapture } from "./captures";
import type { FakeRefund } from "./fake-objects";
import type { FakePayPalContext } from "./fake-paypal-context";
import type { CaptureRecord, RefundRecord } from "./fake-paypal-state";
import { bodyObject, type FakeRoute, pathParam, represent } from "./fake-route";
import { refundedFee } from "./fees";
import { minorOf, money, toValue } from "./money";
import { notFound, unprocessable } from "./paypal-errors";

/** What of a capture can still be refunded: its amount less its refunds (and reversal) that did not fail. */
export function refundableOf(context: FakePayPalContext, record: CaptureRecord): number {
  let refunded = 0;
  for (const id of record.refundIds) {
    const refund = context.state.refunds.get(id)?.refund;
    if (refund && refund.status !== "FAILED" && refund.status !== "CANCELLED")
      refunded += minorOf(refund.amount);
  }
  return minorOf(record.capture.amount) - refunded;
}

/** What a refund is made of; `minor` absent refunds all that is left. */
export interface NewRefund {
  minor?: number;
  invoiceId?: string;
  customId?: string;
  noteToPayer?: string;
  /** A reversal (chargeback, PAYMENT.CAPTURE.REVERSED) rather than a refund (PAYMENT.CAPTURE.REFUNDED). */
  reversal?: boolean;
}

/**
 * Refunds a capture (COMPLETED at once), emitting PAYMENT.CAPTURE.REFUNDED
 * or PAYMENT.CAPTURE.REVERSED with the refund as resource; the capture reads
 * PARTIALLY_REFUNDED or REFUNDED.
 */
export function createRefund(
  context: FakePayPalContext,
  record: CaptureRecord,
  input: NewRefund,
): RefundRecord {
  const { capture } = record;
  const currency = capture.amount.currency_code;
  if (capture.status !== "COMPLETED" && capture.status !== "PARTIALLY_REFUNDED") {
    if (capture.status === "REFUNDED")
      throw unprocessable("CAPTURE_FULLY_REFUNDED", "The capture has already been fully refunded.");
    throw unprocessable("REFUND_NOT_ALLOWED", `A ${capture.status} capture cannot be refunded.`);
  }
  const refundable = refundableOf(context, record);
  const minor = input.minor ?? refundable;
  if (minor > refundable)
    throw unprocessable(
      "REFUND_AMOUNT_EXCEEDED",
      `The refund amount must be at most what is left of the capture (${toValue(refundable, currency)} ${currency}).`,
    );
  const id = context.newId();
  const fee = refundedFee(minor);
  const refunded = minorOf(capture.amount) - refundable + minor;
  const refund: FakeRefund = {
    id,
    status: "COMPLETED",
    amount: money(minor, currency),
    ...(input.invoiceId === undefined ? {} : { invoice_id: input.invoiceId }),
    ...(input.customId === undefined ? {} : { custom_id: input.customId }),
    ...(input.noteToPayer === undefined ? {} : { note_to_payer: input.noteToPayer }),
    seller_payable_breakdown: {
      gross_amount: money(minor, currency),
      paypal_fee: money(fee, currency),
      net_amount: money(minor - fee, currency),
      total_refunded_amount: money(refunded, currency),
    },
    create_time: context.isoNow(),
    update_time: context.isoNow(),
    supplementary_data: {
      related_ids: { ...capture.supplementary_data.related_ids, capture_id: capture.id },
    },
    links: [
      context.link(`/v2/payments/refunds/${id}`, "self"),
      context.link(`/v2/payments/captures/${capture.id}`, "up"),
    ],
  };
  const refundRecord: RefundRecord = {
    refund,
    captureId: capture.id,
    reversal: input.reversal === true,
  };
  context.state.refunds.set(id, refundRecord);
  record.refundIds.push(id);
  capture.status = refunded === minorOf(capture.amount) ? "REFUNDED" : "PARTIALLY_REFUNDED";
  capture.update_time = context.isoNow();
  context.emit(
    input.reversal ? "PAYMENT.CAPTURE.REVERSED" : "PAYMENT.CAPTURE.REFUNDED",
    "refund",
    `A ${currency} ${refund.amount.value} capture payment was ${input.reversal ? "reversed" : "refunded"}`,
    refund,
  );
  return refundRecord;
}

/** Someone refunds in the PayPal dashboard (minor units; all that is left without an amount). */
export function refundFromDashboard(
  context: FakePayPalContext,
  captureId: string,
  amount?: number,
): void {
  const record = requireCapture(context, captureId);
  if (amount !== undefined && (!Number.isSafeInteger(amount) || amount <= 0))
    throw new Error(
      `refundFromDashboard needs a positive whole amount in minor units, not ${amount}.`,
    );
  createRefund(context, record, amount === undefined ? {} : { minor: amount });
}

/** The buyer's bank takes the money back: a reversal of all that is left, PAYMENT.CAPTURE.REVERSED. */
export function reverseCapture(context: FakePayPalContext, captureId: string): void {
  createRefund(context, requireCapture(context, captureId), { reversal: true });
}

/** POST /v2/payments/captures/{id}/refund. */
export const refundCaptureRoute: FakeRoute = {
  method: "POST",
  path: "/v2/payments/captures/:id/refund",
  handle(context, request) {
    const record = findCapture(context, request);
    const body = bodyObject(request);
    const amount = body.amount === undefined ? undefined : parseAmount(body.amount, "/amount");
    const invoiceId = optionalString(body.invoice_id, "/invoice_id");
    const customId = optionalString(body.custom_id, "/custom_id");
    const noteToPayer = optionalString(body.note_to_payer, "/note_to_payer", 255);
    const currency = record.capture.amount.currency_code;
    if (amount !== undefined && amount.currency !== currency)
      throw unprocessable(
        "REFUND_CURRENCY_MISMATCH",
        `The refund must be in the capture's currency ${currency}.`,
      );
    const refund = createRefund(context, record, {
      ...(amount === undefined ? {} : { minor: amount.minor }),
      ...(invoiceId === undefined ? {} : { invoiceId }),
      ...(customId === undefined ? {} : { customId }),
      ...(noteToPayer === undefined ? {} : { noteToPayer }),
    });
    return { status: 201, body: represent(request, structuredClone(refund.refund)) };
  },
};

/** GET /v2/payments/refunds/{id}. */
export const getRefundRoute: FakeRoute = {
  method: "GET",
  path: "/v2/payments/refunds/:id",
  handle(context, request) {
    const id = pathParam(request, "id");
    const record = context.state.refunds.get(id);
    if (record === undefined) throw notFound("refund_id", id);
    return { body: structuredClone(record.refund) };
  },
};
