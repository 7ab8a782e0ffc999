import { isMatching, P } from "ts-pattern";
import { fromPayPalMoney } from "./paypal-currency";
import {
  PAYPAL_AUTHORIZATION_STATUSES,
  PAYPAL_CAPTURE_STATUSES,
  PAYPAL_ORDER_STATUSES,
  PAYPAL_REFUND_STATUSES,
  type PayPalAuthorizationStatus,
  type PayPalCaptureStatus,
  type PayPalOrderStatus,
  type PayPalRefundStatus,
} from "./paypal-statuses";

/** An authorization as Tender reads it; amounts in Tender's minor units. */
export interface PayPalAuthorizationView {
  id: string;
  status: PayPalAuthorizationStatus;
  amount: number;
  currency: string;
  custom_id: string | null;
  order_id: string | null;
  create_time: string | null;
  /** Until when it may be captured (29 days from the first authorization). */
  expiration_time: string | null;
}

/** A capture as Tender reads it. */
export interface PayPalCaptureView {
  id: string;
  status: PayPalCaptureStatus;
  /** `status_details.reason` of a PENDING capture (`PENDING_REVIEW`, ...). */
  status_reason: string | null;
  amount: number;
  currency: string;
  /** Tender's capture id for the captures Tender made. */
  invoice_id: string | null;
  custom_id: string | null;
  final_capture: boolean;
  authorization_id: string | null;
  order_id: string | null;
  create_time: string | null;
}

/** A refund (or a reversal) as Tender reads it. */
export interface PayPalRefundView {
  id: string;
  status: PayPalRefundStatus;
  amount: number;
  currency: string;
  /** Tender's refund id for the refunds Tender made. */
  invoice_id: string | null;
  custom_id: string | null;
  capture_id: string | null;
  order_id: string | null;
  create_time: string | null;
}

/** An order and the payments made on it (its first purchase unit's). */
export interface PayPalOrderView {
  id: string;
  intent: "AUTHORIZE" | "CAPTURE";
  status: PayPalOrderStatus;
  /** The session id Tender put on the purchase unit. */
  custom_id: string | null;
  amount: number;
  currency: string;
  /** Where the buyer approves (`payer-action` or `approve` link), while there is one. */
  approve_url: string | null;
  authorizations: PayPalAuthorizationView[];
  captures: PayPalCaptureView[];
  refunds: PayPalRefundView[];
}

const moneyShape = { currency_code: P.string, value: P.string } as const;
const linkShape = { href: P.string, rel: P.string } as const;
const relatedShape = {
  supplementary_data: {
    related_ids: {
      order_id: P.optional(P.string),
      authorization_id: P.optional(P.string),
      capture_id: P.optional(P.string),
    },
  },
} as const;

const authorizationShape = {
  id: P.string,
  status: P.union(...PAYPAL_AUTHORIZATION_STATUSES),
  amount: moneyShape,
} as const;
const captureShape = {
  id: P.string,
  status: P.union(...PAYPAL_CAPTURE_STATUSES),
  amount: moneyShape,
} as const;
const refundShape = {
  id: P.string,
  status: P.union(...PAYPAL_REFUND_STATUSES),
  amount: moneyShape,
} as const;
const orderShape = {
  id: P.string,
  intent: P.union("AUTHORIZE", "CAPTURE"),
  status: P.union(...PAYPAL_ORDER_STATUSES),
  purchase_units: [{ amount: moneyShape }, ...P.array()],
} as const;

/** A string field of an object, or null. */
function text(value: unknown, key: string): string | null {
  if (typeof value !== "object" || value === null || !(key in value)) return null;
  const found: unknown = Object.getOwnPropertyDescriptor(value, key)?.value;
  return typeof found === "string" ? found : null;
}

function related(
  value: unknown,
  key: "order_id" | "authorization_id" | "capture_id",
): string | null {
  return isMatching(relatedShape, value)
    ? (value.supplementary_data.related_ids[key] ?? null)
    : null;
}

/** The id at the end of the `rel` link's href under `/<collection>/` (`up` of a capture names its authorization). */
function linkedId(value: unknown, rel: string, collection: string): string | null {
  if (!isMatching({ links: P.array(linkShape) }, value)) return null;
  const href = value.links.find((link) => link.rel === rel)?.href ?? "";
  return new RegExp(`/${collection}/([^/?#]+)$`).exec(href)?.[1] ?? null;
}

function amountOf(money: { currency_code: string; value: string }): number | undefined {
  return fromPayPalMoney(money);
}

/** Reads an authorization from an API answer or a webhook's resource; undefined when it is not one. */
export function viewAuthorization(value: unknown): PayPalAuthorizationView | undefined {
  if (!isMatching(authorizationShape, value)) return undefined;
  const amount = amountOf(value.amount);
  if (amount === undefined) return undefined;
  return {
    id: value.id,
    status: value.status,
    amount,
    currency: value.amount.currency_code,
    custom_id: text(value, "custom_id"),
    order_id: related(value, "order_id"),
    create_time: text(value, "create_time"),
    expiration_time: text(value, "expiration_time"),
  };
}

/** Reads a capture; undefined when it is not one. */
export function viewCapture(value: unknown): PayPalCaptureView | undefined {
  if (!isMatching(captureShape, value)) return undefined;
  const amount = amountOf(value.amount);
  if (amount === undefined) return undefined;
  const details: unknown = isMatching({ status_details: P.any }, value)
    ? value.status_details
    : undefined;
  return {
    id: value.id,
    status: value.status,
    status_reason: text(details, "reason"),
    amount,
    currency: value.amount.currency_code,
    invoice_id: text(value, "invoice_id"),
    custom_id: text(value, "custom_id"),
    final_capture: isMatching({ final_capture: true }, value),
    authorization_id: related(value, "authorization_id") ?? linkedId(value, "up", "authorizations"),
    order_id: related(value, "order_id"),
    create_time: text(value, "create_time"),
  };
}

/** Reads a refund; undefined when it is not one. */
export function viewRefund(value: unknown): PayPalRefundView | undefined {
  if (!isMatching(refundShape, value)) return undefined;
  const amount = amountOf(value.amount);
  if (amount === undefined) return undefined;
  return {
    id: value.id,
    status: value.status,
    amount,
    currency: value.amount.currency_code,
    invoice_id: text(value, "invoice_id"),
    custom_id: text(value, "custom_id"),
    capture_id: related(value, "capture_id") ?? linkedId(value, "up", "captures"),
    order_id: related(value, "order_id"),
    create_time: text(value, "create_time"),
  };
}

/** Every item of a list that reads as `T`; undefined when one of them does not. */
function every<T>(items: unknown, view: (value: unknown) => T | undefined): T[] | undefined {
  if (items === undefined) return [];
  if (!Array.isArray(items)) return undefined;
  const read: T[] = [];
  for (const item of items) {
    const found = view(item);
    if (found === undefined) return undefined;
    read.push(found);
  }
  return read;
}

/** Reads an order with the payments of its first purchase unit; undefined when it is not one. */
export function viewOrder(value: unknown): PayPalOrderView | undefined {
  if (!isMatching(orderShape, value)) return undefined;
  const [unit] = value.purchase_units;
  const amount = amountOf(unit.amount);
  if (amount === undefined) return undefined;
  const payments: unknown = isMatching({ payments: P.any }, unit) ? unit.payments : {};
  const field = (key: string): unknown =>
    typeof payments === "object" && payments !== null
      ? Object.getOwnPropertyDescriptor(payments, key)?.value
      : undefined;
  const authorizations = every(field("authorizations"), viewAuthorization);
  const captures = every(field("captures"), viewCapture);
  const refunds = every(field("refunds"), viewRefund);
  if (!authorizations || !captures || !refunds) return undefined;
  const links = isMatching({ links: P.array(linkShape) }, value) ? value.links : [];
  const approve = links.find((link) => link.rel === "payer-action" || link.rel === "approve");
  return {
    id: value.id,
    intent: value.intent,
    status: value.status,
    custom_id: text(unit, "custom_id"),
    amount,
    currency: unit.amount.currency_code,
    approve_url: approve?.href ?? null,
    authorizations,
    captures,
    refunds,
  };
}
