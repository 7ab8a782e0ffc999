import { createHmac, timingSafeEqual } from "node:crypto";
import {
  ProviderError,
  type WebhookAction,
  type WebhookActionAndData,
  type WebhookPayload,
} from "@tender/provider";

/** The header the test provider signs its webhooks in: a hex HMAC-SHA256 of the raw body. */
export const TEST_SIGNATURE_HEADER = "x-testkit-signature";

/** An event the test provider sends: what happened to which session (and which refund). */
export interface TestWebhookEvent {
  id: string;
  type:
    | "payment.authorized"
    | "payment.failed"
    | "payment.captured"
    | "payment.canceled"
    | "refund.updated";
  session_id: string;
  refund?: { refund_id: string; status: "pending" | "succeeded" | "failed" };
}

const ACTIONS = {
  "payment.authorized": "authorized",
  "payment.failed": "failed",
  "payment.captured": "captured",
  "payment.canceled": "canceled",
  "refund.updated": "refunded",
} as const satisfies Record<TestWebhookEvent["type"], WebhookAction>;

export function signWebhook(secret: string, event: TestWebhookEvent): WebhookPayload {
  const rawBody = JSON.stringify(event);
  return { headers: { [TEST_SIGNATURE_HEADER]: sign(secret, rawBody) }, rawBody };
}

const sign = (secret: string, rawBody: string) =>
  createHmac("sha256", secret).update(rawBody).digest("hex");

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function isTestWebhookEvent(value: unknown): value is TestWebhookEvent {
  return (
    isObject(value) &&
    typeof value.id === "string" &&
    typeof value.session_id === "string" &&
    typeof value.type === "string" &&
    value.type in ACTIONS
  );
}

/** Verifies the signature over the raw body; throws `webhook_signature_invalid` when it does not sign it. */
export function verifyWebhook(providerId: string, secret: string, payload: WebhookPayload): void {
  const rawBody =
    typeof payload.rawBody === "string"
      ? payload.rawBody
      : new TextDecoder().decode(payload.rawBody);
  const header = payload.headers[TEST_SIGNATURE_HEADER];
  const given = Buffer.from(typeof header === "string" ? header : "", "utf8");
  const expected = Buffer.from(sign(secret, rawBody), "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ProviderError({
      providerId,
      code: "webhook_signature_invalid",
      definite: true,
      message: `The ${TEST_SIGNATURE_HEADER} header does not sign this body for test provider ${providerId}: pass the body exactly as received, with the provider's webhook secret.`,
    });
  }
}

/** What a verified event means for the core. */
export function parseWebhook(providerId: string, rawBody: string): WebhookActionAndData {
  let event: unknown;
  try {
    event = JSON.parse(rawBody);
  } catch (cause) {
    event = cause;
  }
  if (!isTestWebhookEvent(event)) {
    throw new ProviderError({
      providerId,
      code: "webhook_payload_invalid",
      definite: true,
      message: `Test provider ${providerId} got a signed webhook that is not one of its events.`,
    });
  }
  return {
    action: ACTIONS[event.type],
    event_id: event.id,
    data: { session_id: event.session_id, ...(event.refund ? { refund: event.refund } : {}) },
  };
}
