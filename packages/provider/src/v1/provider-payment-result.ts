import type { NextAction } from "./next-action";
import type { SessionError } from "./session-error";

/** The unified status a provider reports for a payment; keep your own name in `raw_status`. */
export type ProviderPaymentStatus =
  | "pending"
  | "requires_more"
  | "processing"
  | "authorized"
  | "captured"
  | "error"
  | "canceled";

/** Every {@link ProviderPaymentStatus}, for checking an answer at run time. */
export const PROVIDER_PAYMENT_STATUSES = [
  "pending",
  "requires_more",
  "processing",
  "authorized",
  "captured",
  "error",
  "canceled",
] as const satisfies readonly ProviderPaymentStatus[];

/**
 * A provider's answer about a payment (initiate, update, authorize,
 * getPaymentStatus): unified status, raw status, its data. The core checks
 * it: an answer that is not one of these shapes is a contract violation,
 * booked as an unknown outcome (never as a decline).
 *
 * @example
 * ```ts
 * return { status: "requires_more", raw_status: "requires_action", data, next_action: { type: "redirect_to_url", redirect_url } };
 * ```
 */
export interface ProviderPaymentResult {
  status: ProviderPaymentStatus;
  /** The provider's own status name (`requires_action`), kept beside the unified one. */
  raw_status?: string;
  /** What the provider keeps for this payment; the core stores it and sends it back on later calls. */
  data: Record<string, unknown>;
  /** With `requires_more`: what the customer must do. */
  next_action?: NextAction;
  /** With `error`: why it failed (shown to the customer; no secrets). */
  error?: SessionError;
  /**
   * With `authorized` or `captured`: what the provider authorized when it is
   * less than the session asked (a gift card's balance, a partial
   * authorization). The payment holds this much and the application pays the
   * rest with another session. Never more than asked. Without it, the whole
   * amount.
   */
  authorized_amount?: number;
  /** Until when the authorization may be captured, as the provider says (never assumed). */
  capture_before?: Date;
  /**
   * What the provider has captured of this payment in all, when it says (a
   * payment captured at once, or on the provider's side): the core books what
   * no capture row holds yet. Without it a `captured` answer means the whole
   * amount.
   */
  captured_amount?: number;
}
