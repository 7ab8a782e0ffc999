import {
  ProviderError,
  type WebhookAction,
  type WebhookActionAndData,
  type WebhookPayload,
} from "@tender/core";
import { isMatching, P } from "ts-pattern";
import { disputedCaptureOf, toProviderDispute } from "./paypal-disputes";
import { parseJson } from "./paypal-error";
import { viewAuthorization, viewCapture, viewOrder, viewRefund } from "./paypal-objects";
import { type PayPalContext, readOrder } from "./paypal-orders";

/**
 * PayPal's event types and the core action each maps to. A session event
 * is applied as PayPal's order says the payment is now (`getPaymentStatus`),
 * a refund event as PayPal lists the payment's refunds now (`listRefunds`),
 * a dispute event with the dispute PayPal signed.
 */
export const PAYPAL_WEBHOOK_EVENTS = {
  "CHECKOUT.ORDER.APPROVED": "pending",
  "PAYMENT.AUTHORIZATION.CREATED": "authorized",
  "PAYMENT.AUTHORIZATION.VOIDED": "canceled",
  "PAYMENT.CAPTURE.COMPLETED": "captured",
  "PAYMENT.CAPTURE.PENDING": "processing",
  "PAYMENT.CAPTURE.DENIED": "failed",
  "PAYMENT.CAPTURE.REFUNDED": "refunded",
  "PAYMENT.CAPTURE.REVERSED": "refunded",
  "CUSTOMER.DISPUTE.CREATED": "disputed",
  "CUSTOMER.DISPUTE.UPDATED": "disputed",
  "CUSTOMER.DISPUTE.RESOLVED": "disputed",
} as const satisfies Record<string, WebhookAction>;

export type PayPalWebhookEventType = keyof typeof PAYPAL_WEBHOOK_EVENTS;

function isHandledType(type: string): type is PayPalWebhookEventType {
  return Object.hasOwn(PAYPAL_WEBHOOK_EVENTS, type);
}

/** The transmission headers PayPal signs with, and the verification field each fills. */
const TRANSMISSION_HEADERS = {
  auth_algo: "paypal-auth-algo",
  cert_url: "paypal-cert-url",
  transmission_id: "paypal-transmission-id",
  transmission_sig: "paypal-transmission-sig",
  transmission_time: "paypal-transmission-time",
} as const;

const eventShape = { id: P.string, event_type: P.string, resource: P.any } as const;

/** A Tender session id as the order carries it in `custom_id`: an order someone else made names none. */
const SESSION_ID = /^payses_[0-9A-Za-z]+$/;

/**
 * Verifies a PayPal webhook with PayPal (`verify-webhook-signature`, the
 * event's raw text inside the request) and says what it is about: the
 * session the order names in its `custom_id`, read from the event's
 * resource or, when the resource does not carry it, from PayPal's records.
 */
export async function readPayPalWebhook(
  ctx: PayPalContext,
  webhookId: string,
  payload: WebhookPayload,
): Promise<WebhookActionAndData> {
  const fields: Record<string, string> = {};
  for (const [field, header] of Object.entries(TRANSMISSION_HEADERS)) {
    const value = headerValue(payload.headers, header);
    if (value === undefined) throw signatureError(ctx.id, `the ${header} header is missing`);
    fields[field] = value;
  }
  fields.webhook_id = webhookId;
  const rawEvent =
    typeof payload.rawBody === "string"
      ? payload.rawBody
      : new TextDecoder().decode(payload.rawBody);
  const event = parseJson(rawEvent);
  if (!isMatching(eventShape, event))
    throw signatureError(ctx.id, "the body is not a PayPal event");
  const verified = await ctx.api().verifyWebhookSignature(fields, rawEvent);
  if (!isMatching({ verification_status: "SUCCESS" }, verified))
    throw signatureError(ctx.id, "PayPal did not verify its signature");

  const type: string = event.event_type;
  if (!isHandledType(type)) return { action: "not_supported", event_id: event.id };
  const action = PAYPAL_WEBHOOK_EVENTS[type];
  const resource: unknown = event.resource;
  const sessionId = await sessionOf(ctx, type, resource);
  if (sessionId === null) return { action: "not_supported", event_id: event.id };
  const status: unknown = isMatching({ status: P.string }, resource) ? resource.status : undefined;
  return {
    action,
    event_id: event.id,
    data: {
      session_id: sessionId,
      ...(typeof status === "string" ? { raw_status: status } : {}),
      ...(action === "disputed" ? { dispute: toProviderDispute(ctx.id, resource) } : {}),
    },
  };
}

/** The Tender session an event's resource belongs to, or null for one Tender did not make. */
async function sessionOf(
  ctx: PayPalContext,
  type: PayPalWebhookEventType,
  resource: unknown,
): Promise<string | null> {
  const session = (customId: string | null | undefined) =>
    customId && SESSION_ID.test(customId) ? customId : null;
  const ofOrder = async (orderId: string | null | undefined) =>
    orderId ? session((await readOrder(ctx, orderId)).custom_id) : null;
  const ofCapture = async (captureId: string | null | undefined): Promise<string | null> => {
    if (!captureId) return null;
    const capture = viewCapture(await ctx.api().getCapture(captureId));
    return session(capture?.custom_id) ?? (await ofOrder(capture?.order_id));
  };
  try {
    if (type === "CHECKOUT.ORDER.APPROVED") {
      const order = viewOrder(resource);
      const id = isMatching({ id: P.string }, resource) ? resource.id : null;
      return session(order?.custom_id) ?? (await ofOrder(id));
    }
    if (type === "PAYMENT.AUTHORIZATION.CREATED" || type === "PAYMENT.AUTHORIZATION.VOIDED") {
      const authorization = viewAuthorization(resource);
      return session(authorization?.custom_id) ?? (await ofOrder(authorization?.order_id));
    }
    if (type === "PAYMENT.CAPTURE.REFUNDED" || type === "PAYMENT.CAPTURE.REVERSED") {
      const refund = viewRefund(resource);
      return (await ofOrder(refund?.order_id)) ?? (await ofCapture(refund?.capture_id));
    }
    if (
      type === "CUSTOMER.DISPUTE.CREATED" ||
      type === "CUSTOMER.DISPUTE.UPDATED" ||
      type === "CUSTOMER.DISPUTE.RESOLVED"
    ) {
      return ofCapture(disputedCaptureOf(resource));
    }
    const capture = viewCapture(resource);
    return session(capture?.custom_id) ?? (await ofOrder(capture?.order_id));
  } catch (error) {
    // An object of another account or app: nothing of Tender's.
    if (ProviderError.isProviderError(error) && error.statusCode === 404) return null;
    throw error;
  }
}

function headerValue(headers: WebhookPayload["headers"], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    const text = Array.isArray(value) ? value.join(",") : value;
    return text === undefined || text === "" ? undefined : text;
  }
  return undefined;
}

function signatureError(providerId: string, reason: string): ProviderError {
  return new ProviderError({
    providerId,
    code: "webhook_signature_invalid",
    statusCode: 400,
    message: `The PayPal webhook was rejected: ${reason}. Pass the raw request body (not parsed JSON), PayPal's transmission headers, and the webhook id this endpoint was created with (PAYPAL_WEBHOOK_ID).`,
  });
}
