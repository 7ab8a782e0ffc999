import {
  ProviderError,
  type RiskSignal,
  type WebhookActionAndData,
  type WebhookPayload,
} from "@tender/core";
import type Stripe from "stripe";
import { isMatching, P } from "ts-pattern";
import { toProviderResult, viewIntent } from "./map-stripe-status";
import { fromStripeAmount } from "./stripe-currency";
import { refundStatusOf } from "./stripe-money-movements";

const refundShape = {
  object: "refund",
  id: P.string,
  status: P.string,
  amount: P.number,
  currency: P.string,
  metadata: { tender_refund_id: P.string, session_id: P.string },
} as const;

/** Stripe's event types and the core action each maps to. */
export const STRIPE_WEBHOOK_EVENTS = {
  "payment_intent.created": "not_supported",
  "payment_intent.processing": "processing",
  "payment_intent.requires_action": "requires_more",
  "payment_intent.amount_capturable_updated": "authorized",
  "payment_intent.succeeded": "captured",
  "payment_intent.payment_failed": "failed",
  "payment_intent.canceled": "canceled",
  "payment_intent.partially_funded": "requires_more",
  "charge.captured": "captured",
  "charge.refunded": "refunded",
  "charge.refund.updated": "refunded",
  "refund.created": "refunded",
  "refund.updated": "refunded",
  "refund.failed": "refunded",
  "charge.dispute.created": "disputed",
  "charge.dispute.updated": "disputed",
  "charge.dispute.funds_withdrawn": "disputed",
  "charge.dispute.funds_reinstated": "disputed",
  "charge.dispute.closed": "disputed",
  "radar.early_fraud_warning.created": "risk",
  "radar.early_fraud_warning.updated": "risk",
  "review.opened": "risk",
  "review.closed": "risk",
} as const satisfies Record<string, WebhookActionAndData["action"]>;

type StripeWebhookEventType = keyof typeof STRIPE_WEBHOOK_EVENTS;

function isHandledType(type: string): type is StripeWebhookEventType {
  return Object.hasOwn(STRIPE_WEBHOOK_EVENTS, type);
}

/**
 * Verifies a Stripe webhook (Stripe-Signature: t=, one or more v1=, HMAC-SHA256
 * over "t.rawBody", 300 s tolerance; any configured secret may match while one
 * rotates) through the official SDK, then maps the event to a core action.
 */
export function readStripeWebhook(
  stripe: Stripe,
  providerId: string,
  payload: WebhookPayload,
  secrets: readonly string[],
  toleranceSeconds: number,
): StripeEventMeaning {
  const header = headerValue(payload.headers, "stripe-signature");
  if (!header) throw signatureError(providerId, "the Stripe-Signature header is missing");
  const body = typeof payload.rawBody === "string" ? payload.rawBody : Buffer.from(payload.rawBody);
  let event: Stripe.Event | undefined;
  let lastError: unknown;
  for (const secret of secrets) {
    try {
      event = stripe.webhooks.constructEvent(body, header, secret, toleranceSeconds);
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (!event) {
    const reason = lastError instanceof Error ? lastError.message : "no signature matched";
    throw signatureError(providerId, reason.replace(/whsec_[A-Za-z0-9]+/g, "whsec_***"));
  }
  return mapStripeEvent(event);
}

/** A refund or charge that names its PaymentIntent (`payment_intent`), as Dashboard refunds do. */
const movedElsewhereShape = {
  object: P.union("refund", "charge", "dispute"),
  payment_intent: P.string,
} as const;

/**
 * A verified event's meaning. `read_intent`: an event about a charge or a
 * refund that does not name the session (`charge.captured`, a refund Tender
 * did not make, the Dashboard's); the intent's metadata names it, so the
 * provider reads the intent before answering the core with `action`.
 */
export type StripeEventMeaning = WebhookActionAndData & {
  read_intent?: { id: string; action: WebhookActionAndData["action"]; risk?: RiskSignal };
};

/** An early fraud warning on a PaymentIntent's charge. */
const fraudWarningShape = {
  object: "radar.early_fraud_warning",
  id: P.string,
  actionable: P.boolean,
  fraud_type: P.string,
  payment_intent: P.string,
} as const;

/** A Radar review of a PaymentIntent's charge. */
const reviewShape = {
  object: "review",
  id: P.string,
  open: P.boolean,
  reason: P.string,
  payment_intent: P.string,
} as const;

/** A fraud warning or review as the core keeps it, or null for another object. */
function riskSignalOf(object: unknown): { intentId: string; signal: RiskSignal } | null {
  if (isMatching(fraudWarningShape, object)) {
    return {
      intentId: object.payment_intent,
      // A fraud warning stays open: it ends as a refund or a dispute, and `actionable` says which is still to come.
      signal: {
        id: object.id,
        kind: "fraud_warning",
        status: "open",
        reason: object.fraud_type,
        actionable: object.actionable,
      },
    };
  }
  if (isMatching(reviewShape, object)) {
    return {
      intentId: object.payment_intent,
      signal: {
        id: object.id,
        kind: "review",
        status: object.open ? "open" : "closed",
        reason: object.reason,
        actionable: object.open,
      },
    };
  }
  return null;
}

/** Maps a verified Stripe event to the core's action; payloads are narrowed, never cast. */
export function mapStripeEvent(event: Stripe.Event): StripeEventMeaning {
  const type: string = event.type;
  if (!isHandledType(type)) return { action: "not_supported", event_id: event.id };
  const action = STRIPE_WEBHOOK_EVENTS[type];
  const object: unknown = event.data.object;

  const intent = viewIntent(object);
  if (intent?.session_id) {
    const result = toProviderResult(intent);
    return {
      action,
      event_id: event.id,
      data: {
        session_id: intent.session_id,
        amount: action === "captured" ? intent.amount_received : intent.amount,
        raw_status: intent.status,
        provider_data: result.data,
        ...(intent.next_action ? { next_action: intent.next_action } : {}),
        ...(result.error ? { error: result.error } : {}),
      },
    };
  }
  if (isMatching(refundShape, object)) {
    const status = refundStatusOf(object.status);
    return {
      action: "refunded",
      event_id: event.id,
      data: {
        session_id: object.metadata.session_id,
        amount: fromStripeAmount(object.amount, object.currency),
        raw_status: object.status,
        refund: { refund_id: object.metadata.tender_refund_id, status },
      },
    };
  }
  // A fraud warning or a review names the intent whose metadata names the session.
  const risk = action === "risk" ? riskSignalOf(object) : null;
  if (risk !== null) {
    return {
      action: "not_supported",
      event_id: event.id,
      read_intent: { id: risk.intentId, action, risk: risk.signal },
    };
  }
  // A charge's capture or refunds, or a refund made elsewhere (the Dashboard): the intent it
  // belongs to names the session, once read from Stripe (see StripeEventMeaning).
  if (isMatching(movedElsewhereShape, object)) {
    return {
      action: "not_supported",
      event_id: event.id,
      read_intent: { id: object.payment_intent, action },
    };
  }
  // An object Tender did not create (no session id in its metadata): nothing to apply.
  return { action: "not_supported", event_id: event.id };
}

function headerValue(headers: WebhookPayload["headers"], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value.join(",") : value;
  }
  return undefined;
}

function signatureError(providerId: string, reason: string): ProviderError {
  return new ProviderError({
    providerId,
    code: "webhook_signature_invalid",
    statusCode: 400,
    message: `The Stripe webhook was rejected: ${reason}. Pass the raw request body (not parsed JSON) and the signing secret of this endpoint.`,
  });
}
