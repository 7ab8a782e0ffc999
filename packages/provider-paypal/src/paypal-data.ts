import { isMatching, P } from "ts-pattern";
import { refused } from "./paypal-error";
import type { PayPalAuthorizationView, PayPalCaptureView, PayPalOrderView } from "./paypal-objects";
import {
  PAYPAL_CAPTURE_STATUSES,
  PAYPAL_REFUND_STATUSES,
  type PayPalCaptureStatus,
  type PayPalRefundStatus,
} from "./paypal-statuses";

/**
 * What a session created with this provider may carry in `data`.
 *
 * @example
 * ```ts
 * const data: PayPalSessionData = { return_url: "https://shop.example/paypal/return?cart=42" };
 * ```
 */
export type PayPalSessionData = {
  /** Where PayPal sends the buyer after approving (overrides the provider's `returnUrl`). */
  return_url?: string;
  /** Where PayPal sends the buyer who cancels (overrides the provider's `cancelUrl`). */
  cancel_url?: string;
  /** The purchase unit's description the buyer sees at PayPal (at most 127 characters). */
  description?: string;
};

/** One PayPal capture of the payment, and Tender's capture it was made for. */
export interface PayPalCaptureRecord {
  id: string;
  /** Tender's capture id (PayPal's `invoice_id`), null for a capture PayPal made at once. */
  capture_id: string | null;
  amount: number;
  status: PayPalCaptureStatus;
}

/** One PayPal refund (or reversal) of the payment, and Tender's refund it is part of. */
export interface PayPalRefundRecord {
  id: string;
  capture_id: string | null;
  /** Tender's refund id (PayPal's `invoice_id`), null for one made in PayPal's dashboard. */
  refund_id: string | null;
  amount: number;
  status: PayPalRefundStatus;
}

/**
 * What the provider keeps of a payment in its `data`: the chain order →
 * authorization(s) → captures → refunds, by PayPal's ids.
 *
 * @example
 * ```ts
 * const authorizations = payment.data.authorization_ids; // ["0VF52814937998046", ...]
 * ```
 */
export type PayPalPaymentData = PayPalSessionData & {
  order_id: string;
  intent: "AUTHORIZE" | "CAPTURE";
  order_status: string;
  /** The buyer's approval page (the order's `payer-action` link). */
  approve_url?: string;
  /** The authorization to capture or void now: the newest of `authorization_ids`. */
  authorization_id?: string;
  /** Every authorization of the order, oldest first (a reauthorization adds one). */
  authorization_ids?: string[];
  /** PayPal's `create_time` of the first authorization: the honor period counts from it. */
  authorized_at?: string;
  /** PayPal's `expiration_time`: no capture after it. */
  capture_before?: string;
  captures?: PayPalCaptureRecord[];
  refunds?: PayPalRefundRecord[];
};

const USER_FIELDS = ["return_url", "cancel_url", "description"] as const;

/** The caller's own fields of session data, kept across the provider's answers. */
export function userFields(data: Record<string, unknown>): PayPalSessionData {
  const kept: PayPalSessionData = {};
  for (const key of USER_FIELDS) {
    const value = data[key];
    if (typeof value === "string" && value !== "") kept[key] = value;
  }
  return kept;
}

/** A string field of data, or undefined. */
export function stringField(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

const captureRecordShape = {
  id: P.string,
  capture_id: P.union(P.string, null),
  amount: P.number,
  status: P.union(...PAYPAL_CAPTURE_STATUSES),
} as const;
const refundRecordShape = {
  id: P.string,
  capture_id: P.union(P.string, null),
  refund_id: P.union(P.string, null),
  amount: P.number,
  status: P.union(...PAYPAL_REFUND_STATUSES),
} as const;

/** The order id a session's or payment's data names, or a definite refusal. */
export function orderIdOf(data: Record<string, unknown>, providerId: string): string {
  const orderId = stringField(data, "order_id");
  if (orderId === undefined)
    throw refused(
      providerId,
      "invalid_request",
      "This session has no PayPal order id in its data; create the session through the PayPal provider.",
    );
  return orderId;
}

/** The payment's data read back: what the provider wrote, narrowed. */
export function readPaymentData(
  data: Record<string, unknown>,
  providerId: string,
): PayPalPaymentData {
  const order_id = orderIdOf(data, providerId);
  const ids = data.authorization_ids;
  const captures = data.captures;
  const refunds = data.refunds;
  const optional = (key: string) => {
    const value = stringField(data, key);
    return value === undefined ? {} : { [key]: value };
  };
  return {
    ...userFields(data),
    order_id,
    intent: data.intent === "CAPTURE" ? "CAPTURE" : "AUTHORIZE",
    order_status: stringField(data, "order_status") ?? "CREATED",
    ...optional("approve_url"),
    ...optional("authorization_id"),
    ...optional("authorized_at"),
    ...optional("capture_before"),
    authorization_ids: isMatching(P.array(P.string), ids) ? ids : [],
    captures: isMatching(P.array(captureRecordShape), captures) ? captures : [],
    refunds: isMatching(P.array(refundRecordShape), refunds) ? refunds : [],
  };
}

/** A capture as the payment's data keeps it. */
export function captureRecord(capture: PayPalCaptureView): PayPalCaptureRecord {
  return {
    id: capture.id,
    capture_id: capture.invoice_id,
    amount: capture.amount,
    status: capture.status,
  };
}

/** The data with this capture in it (replacing an older copy of it). */
export function withCapture(
  data: PayPalPaymentData,
  capture: PayPalCaptureView,
): PayPalPaymentData {
  const others = (data.captures ?? []).filter((kept) => kept.id !== capture.id);
  return { ...data, captures: [...others, captureRecord(capture)] };
}

/** The data with this authorization as the one to capture now (a first one, or a reauthorization). */
export function withAuthorization(
  data: PayPalPaymentData,
  authorization: PayPalAuthorizationView,
): PayPalPaymentData {
  const ids = data.authorization_ids ?? [];
  return {
    ...data,
    authorization_id: authorization.id,
    authorization_ids: ids.includes(authorization.id) ? ids : [...ids, authorization.id],
    ...(data.authorized_at === undefined && authorization.create_time !== null
      ? { authorized_at: authorization.create_time }
      : {}),
    ...(authorization.expiration_time === null
      ? {}
      : { capture_before: authorization.expiration_time }),
  };
}

/**
 * Everything PayPal's order says of the payment now, as data: the
 * authorization chain, every capture and refund, with the caller's own
 * fields of `previous` kept.
 */
export function orderData(
  order: PayPalOrderView,
  previous: Record<string, unknown>,
): PayPalPaymentData {
  const approve = order.approve_url ?? stringField(previous, "approve_url");
  const [first] = order.authorizations;
  const latest = order.authorizations.at(-1);
  return {
    ...userFields(previous),
    order_id: order.id,
    intent: order.intent,
    order_status: order.status,
    ...(approve === undefined ? {} : { approve_url: approve }),
    ...(latest === undefined
      ? {}
      : {
          authorization_id: latest.id,
          authorization_ids: order.authorizations.map((authorization) => authorization.id),
          ...(first?.create_time ? { authorized_at: first.create_time } : {}),
          ...(latest.expiration_time ? { capture_before: latest.expiration_time } : {}),
        }),
    ...(order.captures.length > 0 ? { captures: order.captures.map(captureRecord) } : {}),
    ...(order.refunds.length > 0
      ? {
          refunds: order.refunds.map((refund) => ({
            id: refund.id,
            capture_id: refund.capture_id,
            refund_id: refund.invoice_id,
            amount: refund.amount,
            status: refund.status,
          })),
        }
      : {}),
  };
}
