import type { PayPalEvent } from "./fake-objects";
import type { FakePayPalContext } from "./fake-paypal-context";
import { AUTH_ALGO, signTransmission } from "./webhook-signature";

/**
 * A webhook request as an endpoint receives it.
 *
 * @example
 * ```ts
 * await fake.deliver(({ headers, rawBody }: WebhookDelivery) => handleWebhook(headers, rawBody));
 * ```
 */
export interface WebhookDelivery {
  headers: Record<string, string>;
  rawBody: string;
}

/**
 * Where `deliver()` sends events. Throwing, or answering a `Response`-like
 * with a non-2xx `status`, is a failed delivery.
 *
 * @example
 * ```ts
 * const target: WebhookTarget = ({ headers, rawBody }) =>
 *   app.request("/webhooks/paypal", { method: "POST", headers, body: rawBody });
 * ```
 */
export type WebhookTarget = (delivery: WebhookDelivery) => unknown | Promise<unknown>;

/**
 * Which pending events `deliver()` sends, and how.
 *
 * @example
 * ```ts
 * await fake.deliver(target, { types: ["PAYMENT.CAPTURE.COMPLETED"], duplicate: true, reverse: true });
 * ```
 */
export interface DeliverOptions {
  /** Only these event types; the others stay pending. */
  types?: string[];
  /** Send every selected event twice (the batch, then again), as at-least-once delivery may. */
  duplicate?: boolean;
  /** Newest first: PayPal does not promise order. */
  reverse?: boolean;
}

/** The events to send, in sending order. */
export function selectEvents(
  events: readonly PayPalEvent[],
  delivered: ReadonlySet<string>,
  options: DeliverOptions,
): PayPalEvent[] {
  const selected = events.filter(
    (event) =>
      !delivered.has(event.id) &&
      (options.types === undefined || options.types.includes(event.event_type)),
  );
  if (options.reverse) selected.reverse();
  return options.duplicate ? [...selected, ...selected] : selected;
}

/** A target's answer that reads as an HTTP failure (a `Response`-like with a non-2xx `status`). */
export function failedStatus(answer: unknown): number | undefined {
  if (typeof answer !== "object" || answer === null || !("status" in answer)) return undefined;
  const { status } = answer;
  return typeof status === "number" && (status < 200 || status > 299) ? status : undefined;
}

/** One delivery of an event: PayPal's transmission headers, signed, and the raw body. */
export function signedDelivery(
  context: FakePayPalContext,
  event: PayPalEvent,
  serial: number,
): WebhookDelivery {
  const rawBody = JSON.stringify(event);
  const transmissionId = `fake-${String(serial).padStart(8, "0")}-${event.id.slice(3, 15).toLowerCase()}`;
  const transmissionTime = new Date(context.now()).toISOString();
  const transmissionSig = signTransmission({
    transmissionId,
    transmissionTime,
    webhookId: context.webhookId,
    rawBody,
  });
  return {
    headers: {
      "content-type": "application/json",
      "paypal-auth-algo": AUTH_ALGO,
      "paypal-cert-url": `${context.apiBase}/v1/notifications/certs/CERT-360caa42-fca2a594-fake`,
      "paypal-transmission-id": transmissionId,
      "paypal-transmission-sig": transmissionSig,
      "paypal-transmission-time": transmissionTime,
      "user-agent": "PayPal/AUHD-214.0-58843389",
    },
    rawBody,
  };
}
