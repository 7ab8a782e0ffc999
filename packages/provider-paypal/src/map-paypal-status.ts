import type { ProviderPaymentResult, ProviderPaymentStatus, SessionError } from "@tender/core";
import { match } from "ts-pattern";
import { orderData, stringField } from "./paypal-data";
import type { PayPalCaptureView, PayPalOrderView } from "./paypal-objects";
import type { PayPalAuthorizationStatus, PayPalCaptureStatus } from "./paypal-statuses";

/**
 * The buyer's next step on a PayPal session: open PayPal's approval page;
 * PayPal then sends them to `return_url` (or `cancel_url`), and the session
 * is authorized again.
 *
 * @example
 * ```ts
 * if (session.next_action?.type === "redirect_to_url") redirect(session.next_action.redirect_url);
 * ```
 */
export interface PayPalNextAction {
  type: "redirect_to_url";
  /** The order's `payer-action` (or `approve`) link. */
  redirect_url: string;
  paypal_order_id: string;
  return_url?: string;
  cancel_url?: string;
  [key: string]: unknown;
}

/** The capture statuses in which money moved to the merchant (a refund later does not undo that). */
export const MOVED_CAPTURE_STATUSES: ReadonlySet<PayPalCaptureStatus> = new Set([
  "COMPLETED",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
]);

/** What PayPal captured of an order, in minor units: its captures that completed. */
export function capturedOf(captures: readonly PayPalCaptureView[]): number {
  return captures
    .filter((capture) => MOVED_CAPTURE_STATUSES.has(capture.status))
    .reduce((sum, capture) => sum + capture.amount, 0);
}

/** An AUTHORIZE order's authorization status as Tender's; `captured` says whether anything was. */
export function mapAuthorizationStatus(
  status: PayPalAuthorizationStatus,
  captured: boolean,
): ProviderPaymentStatus {
  return match(status)
    .with("CREATED", "PARTIALLY_CAPTURED", () => "authorized" as const)
    .with("PENDING", () => "processing" as const)
    .with("CAPTURED", () => "captured" as const)
    .with("VOIDED", "EXPIRED", () => (captured ? ("captured" as const) : ("canceled" as const)))
    .with("DENIED", () => "error" as const)
    .exhaustive();
}

/** A CAPTURE order's capture status as Tender's. */
export function mapCaptureStatus(status: PayPalCaptureStatus): ProviderPaymentStatus {
  return match(status)
    .with("COMPLETED", "PARTIALLY_REFUNDED", "REFUNDED", () => "captured" as const)
    .with("PENDING", () => "processing" as const)
    .with("DECLINED", "FAILED", () => "error" as const)
    .exhaustive();
}

/** The unified status of an order and the raw status it came from (the order's, or its payment's). */
export function mapPayPalOrder(order: PayPalOrderView): {
  status: ProviderPaymentStatus;
  raw_status: string;
} {
  const captured = capturedOf(order.captures) > 0;
  return match(order.status)
    .with("CREATED", "SAVED", "PAYER_ACTION_REQUIRED", (raw) => ({
      status: "requires_more" as const,
      raw_status: raw,
    }))
    .with("APPROVED", (raw) => ({ status: "pending" as const, raw_status: raw }))
    .with("VOIDED", (raw) => ({ status: "canceled" as const, raw_status: raw }))
    .with("COMPLETED", (raw) => {
      if (order.intent === "CAPTURE") {
        const capture = order.captures.at(-1);
        return capture === undefined
          ? { status: "processing" as const, raw_status: raw }
          : { status: mapCaptureStatus(capture.status), raw_status: capture.status };
      }
      const authorization = order.authorizations.at(-1);
      return authorization === undefined
        ? { status: "processing" as const, raw_status: raw }
        : {
            status: mapAuthorizationStatus(authorization.status, captured),
            raw_status: authorization.status,
          };
    })
    .exhaustive();
}

/**
 * An order as the provider's answer about its session: unified and raw
 * status, the payment's data (the id chain), the approval redirect while
 * the buyer has not approved, PayPal's capture deadline and what it
 * captured.
 */
export function toProviderResult(
  order: PayPalOrderView,
  previous: Record<string, unknown>,
): ProviderPaymentResult {
  const { status, raw_status } = mapPayPalOrder(order);
  const data = orderData(order, previous);
  const captured = capturedOf(order.captures);
  const deadline = order.authorizations.at(-1)?.expiration_time;
  const nextAction = status === "requires_more" ? approvalOf(data) : undefined;
  const error = status === "error" ? declineOf(raw_status) : undefined;
  return {
    status,
    raw_status,
    data,
    ...(nextAction ? { next_action: nextAction } : {}),
    ...(error ? { error } : {}),
    ...(deadline && (status === "authorized" || status === "captured")
      ? { capture_before: new Date(deadline) }
      : {}),
    ...(captured > 0 && (status === "authorized" || status === "captured")
      ? { captured_amount: captured }
      : {}),
  };
}

/** The redirect to PayPal's approval page, from the payment's data. */
export function approvalOf(data: Record<string, unknown>): PayPalNextAction | undefined {
  const redirect = stringField(data, "approve_url");
  const orderId = stringField(data, "order_id");
  if (redirect === undefined || orderId === undefined) return undefined;
  const returnUrl = stringField(data, "return_url");
  const cancelUrl = stringField(data, "cancel_url");
  return {
    type: "redirect_to_url",
    redirect_url: redirect,
    paypal_order_id: orderId,
    ...(returnUrl ? { return_url: returnUrl } : {}),
    ...(cancelUrl ? { cancel_url: cancelUrl } : {}),
  };
}

/** A refused payment as the session's error (no secrets: shown to the buyer). */
export function declineOf(issue: string): SessionError {
  return {
    code: "card_declined",
    decline_code: issue.toLowerCase(),
    message:
      issue === "INSTRUMENT_DECLINED"
        ? "PayPal declined the funding source the buyer chose. Ask them to approve again with another one."
        : `PayPal did not accept the payment (${issue}). Ask the buyer to approve again with another funding source.`,
  };
}
