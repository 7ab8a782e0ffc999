import type {
  NextAction,
  ProviderPaymentResult,
  ProviderPaymentStatus,
  SessionError,
} from "@tender/core";
import type Stripe from "stripe";
import { isMatching, match, P } from "ts-pattern";
import { fromStripeAmount } from "./stripe-currency";

/** The parts of a PaymentIntent Tender reads, from an SDK response or a webhook payload alike. */
export interface StripeIntentView {
  id: string;
  status: StripeIntentStatus;
  currency: string;
  /** In Tender's minor unit. */
  amount: number;
  amount_capturable: number;
  amount_received: number;
  capture_method: string;
  client_secret: string | null;
  payment_method: string | null;
  customer: string | null;
  session_id: string | null;
  next_action: NextAction | null;
  last_payment_error: SessionError | null;
  /** The authorization's capture deadline, when the latest charge was expanded. */
  capture_before: Date | null;
}

/** What Tender keeps of a PaymentIntent in a session's and payment's `data`. */
export type StripeIntentData = Omit<
  StripeIntentView,
  "next_action" | "last_payment_error" | "capture_before"
>;

/** The PaymentIntent statuses Stripe documents, in the order an intent goes through them. */
export const STRIPE_INTENT_STATUSES = [
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
  "processing",
  "requires_capture",
  "succeeded",
  "canceled",
] as const satisfies readonly Stripe.PaymentIntent.Status[];

/** The PaymentIntent statuses Stripe documents. */
export type StripeIntentStatus = (typeof STRIPE_INTENT_STATUSES)[number];

const intentPattern = {
  object: "payment_intent",
  id: P.string,
  status: P.union(...STRIPE_INTENT_STATUSES),
  currency: P.string,
  amount: P.number,
  amount_capturable: P.number,
  amount_received: P.number,
  capture_method: P.string,
} as const;

/** Stripe's PaymentIntent status as Tender's unified one. */
export function mapStripeStatus(
  status: StripeIntentStatus,
  failed: boolean,
): ProviderPaymentStatus {
  return match(status)
    .with("requires_payment_method", () => (failed ? ("error" as const) : ("pending" as const)))
    .with("requires_confirmation", () => "pending" as const)
    .with("processing", () => "processing" as const)
    .with("requires_action", () => "requires_more" as const)
    .with("requires_capture", () => "authorized" as const)
    .with("succeeded", () => "captured" as const)
    .with("canceled", () => "canceled" as const)
    .exhaustive();
}

/**
 * Reads a PaymentIntent from anything (an SDK response, a webhook's
 * `data.object`), narrowing each field with a guard. Undefined when it is not
 * a PaymentIntent.
 */
export function viewIntent(value: unknown): StripeIntentView | undefined {
  if (!isMatching(intentPattern, value)) return undefined;
  const record: Record<string, unknown> = { ...value };
  const currency = value.currency;
  return {
    id: value.id,
    status: value.status,
    currency,
    amount: fromStripeAmount(value.amount, currency),
    amount_capturable: fromStripeAmount(value.amount_capturable, currency),
    amount_received: fromStripeAmount(value.amount_received, currency),
    capture_method: value.capture_method,
    client_secret: stringOrNull(record.client_secret),
    payment_method: idOf(record.payment_method),
    customer: idOf(record.customer),
    session_id: isMatching({ session_id: P.string }, record.metadata)
      ? record.metadata.session_id
      : null,
    next_action: readNextAction(record.next_action, stringOrNull(record.client_secret)),
    last_payment_error: readError(record.last_payment_error),
    capture_before: readCaptureBefore(record.latest_charge),
  };
}

/** A PaymentIntent as the provider's answer: unified and raw status, data, next action, error, deadline. */
export function toProviderResult(
  intent: StripeIntentView,
  extra: Record<string, unknown> = {},
): ProviderPaymentResult {
  const failed = intent.last_payment_error !== null;
  const status = mapStripeStatus(intent.status, failed);
  return {
    status,
    raw_status: intent.status,
    data: { ...extra, ...intentData(intent) },
    ...(intent.next_action ? { next_action: intent.next_action } : {}),
    ...(failed && status === "error" && intent.last_payment_error
      ? { error: intent.last_payment_error }
      : {}),
    ...(intent.capture_before ? { capture_before: intent.capture_before } : {}),
    ...(intent.amount_received > 0 ? { captured_amount: intent.amount_received } : {}),
  };
}

export function intentData(intent: StripeIntentView): StripeIntentData {
  const { next_action: _n, last_payment_error: _e, capture_before: _c, ...data } = intent;
  return data;
}

function readNextAction(value: unknown, clientSecret: string | null): NextAction | null {
  if (isMatching({ type: "redirect_to_url", redirect_to_url: { url: P.string } }, value)) {
    return { type: "redirect_to_url", redirect_url: value.redirect_to_url.url };
  }
  if (isMatching({ type: P.string }, value)) {
    return { type: value.type, ...(clientSecret ? { client_secret: clientSecret } : {}) };
  }
  return null;
}

function readError(value: unknown): SessionError | null {
  if (!isMatching({ type: P.string }, value)) return null;
  const record: Record<string, unknown> = { ...value };
  const code = stringOrNull(record.code) ?? value.type;
  const decline = stringOrNull(record.decline_code);
  return {
    code,
    message: stringOrNull(record.message) ?? "The payment failed.",
    ...(decline ? { decline_code: decline } : {}),
  };
}

function readCaptureBefore(charge: unknown): Date | null {
  if (isMatching({ payment_method_details: { card: { capture_before: P.number } } }, charge)) {
    return new Date(charge.payment_method_details.card.capture_before * 1000);
  }
  return null;
}

function idOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  return isMatching({ id: P.string }, value) ? value.id : null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
