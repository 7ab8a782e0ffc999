import { SELLER_PROTECTION } from "./authorizations";
import type { FakeCapture } from "./fake-objects";
import type { FakePayPalContext } from "./fake-paypal-context";
import type { CaptureRecord, OrderRecord } from "./fake-paypal-state";
import { type FakeRoute, pathParam, type RouteRequest } from "./fake-route";
import { captureFee } from "./fees";
import { money } from "./money";
import { notFound } from "./paypal-errors";

/** What a new capture is made of. */
export interface NewCapture {
  orderRecord: OrderRecord;
  authorizationId?: string;
  minor: number;
  currency: string;
  finalCapture: boolean;
  invoiceId?: string;
  noteToPayer?: string;
  /** PENDING with this `status_details.reason` instead of COMPLETED. */
  pendingReason?: string;
}

/** Creates a capture, emitting PAYMENT.CAPTURE.COMPLETED or PAYMENT.CAPTURE.PENDING. */
export function createCapture(context: FakePayPalContext, input: NewCapture): CaptureRecord {
  const id = context.newId();
  const path = `/v2/payments/captures/${id}`;
  const { currency, minor } = input;
  const fee = captureFee(minor, currency);
  const orderId = input.orderRecord.order.id;
  const unit = input.orderRecord.order.purchase_units[0];
  const capture: FakeCapture = {
    id,
    status: input.pendingReason === undefined ? "COMPLETED" : "PENDING",
    ...(input.pendingReason === undefined
      ? {}
      : { status_details: { reason: input.pendingReason } }),
    amount: money(minor, currency),
    final_capture: input.finalCapture,
    ...(input.invoiceId === undefined ? {} : { invoice_id: input.invoiceId }),
    ...(unit?.custom_id === undefined ? {} : { custom_id: unit.custom_id }),
    ...(input.noteToPayer === undefined ? {} : { note_to_payer: input.noteToPayer }),
    seller_protection: structuredClone(SELLER_PROTECTION),
    seller_receivable_breakdown: {
      gross_amount: money(minor, currency),
      paypal_fee: money(fee, currency),
      net_amount: money(minor - fee, currency),
    },
    create_time: context.isoNow(),
    update_time: context.isoNow(),
    supplementary_data: {
      related_ids: {
        order_id: orderId,
        ...(input.authorizationId === undefined ? {} : { authorization_id: input.authorizationId }),
      },
    },
    links: [
      context.link(path, "self"),
      context.link(`${path}/refund`, "refund", "POST"),
      input.authorizationId === undefined
        ? context.link(`/v2/checkout/orders/${orderId}`, "up")
        : context.link(`/v2/payments/authorizations/${input.authorizationId}`, "up"),
    ],
  };
  const record: CaptureRecord = {
    capture,
    orderId,
    ...(input.authorizationId === undefined ? {} : { authorizationId: input.authorizationId }),
    refundIds: [],
  };
  context.state.captures.set(id, record);
  input.orderRecord.captureIds.push(id);
  const pending = capture.status === "PENDING";
  context.emit(
    pending ? "PAYMENT.CAPTURE.PENDING" : "PAYMENT.CAPTURE.COMPLETED",
    "capture",
    `Payment ${pending ? "pending" : "completed"} for ${currency} ${capture.amount.value}`,
    capture,
  );
  return record;
}

/** The capture of an id, or an Error naming it (for the fake's own methods). */
export function requireCapture(context: FakePayPalContext, captureId: string): CaptureRecord {
  const record = context.state.captures.get(captureId);
  if (record === undefined) throw new Error(`The fake PayPal has no capture ${captureId}.`);
  return record;
}

/** A PENDING capture settles: COMPLETED (PAYMENT.CAPTURE.COMPLETED) or DECLINED (PAYMENT.CAPTURE.DENIED). */
export function settleCapture(
  context: FakePayPalContext,
  captureId: string,
  status: "COMPLETED" | "DECLINED",
): void {
  const { capture } = requireCapture(context, captureId);
  if (capture.status !== "PENDING")
    throw new Error(
      `Capture ${captureId} is ${capture.status}, not PENDING: only a pending capture settles.`,
    );
  capture.status = status;
  delete capture.status_details;
  capture.update_time = context.isoNow();
  const completed = status === "COMPLETED";
  context.emit(
    completed ? "PAYMENT.CAPTURE.COMPLETED" : "PAYMENT.CAPTURE.DENIED",
    "capture",
    `Payment ${completed ? "completed" : "denied"} for ${capture.amount.currency_code} ${capture.amount.value}`,
    capture,
  );
}

function findCapture(context: FakePayPalContext, request: RouteRequest): CaptureRecord {
  const id = pathParam(request, "id");
  const record = context.state.captures.get(id);
  if (record === undefined) throw notFound("capture_id", id);
  return record;
}

/** GET /v2/payments/captures/{id}. */
export const getCaptureRoute: FakeRoute = {
  method: "GET",
  path: "/v2/payments/captures/:id",
  handle: (context, request) => ({ body: structuredClone(findCapture(context, request).capture) }),
};

export { findCapture };
