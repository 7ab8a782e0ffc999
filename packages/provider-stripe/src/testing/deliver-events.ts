import type { StripeEventLike } from "./fake-objects";

/**
 * A webhook request as an endpoint receives it.
 *
 * @example
 * ```ts
 * await fake.deliver(({ headers, rawBody }: WebhookDelivery) =>
 *   stripe.webhooks.constructEvent(rawBody, headers["stripe-signature"] ?? "", secret),
 * );
 * ```
 */
export interface WebhookDelivery {
  headers: Record<string, string>;
  rawBody: string;
}

/**
 * Where `deliver()` sends events: a function standing for the webhook
 * endpoint. Throwing, or answering a `Response` with a non-2xx status, is a
 * failed delivery.
 *
 * @example
 * ```ts
 * const target: WebhookTarget = ({ headers, rawBody }) =>
 *   app.request("/webhooks/stripe", { method: "POST", headers, body: rawBody });
 * ```
 */
export type WebhookTarget = (request: WebhookDelivery) => Promise<unknown> | unknown;

/**
 * Which pending events `deliver()` sends, and how.
 *
 * @example
 * ```ts
 * await fake.deliver(target, { types: ["payment_intent.succeeded"], duplicate: true, reverse: true });
 * ```
 */
export interface DeliverOptions {
  /** Only these event types; the others stay pending. */
  types?: string[];
  /** Send every selected event twice (the whole batch, then again), as at-least-once delivery may. */
  duplicate?: boolean;
  /** Newest first: Stripe does not guarantee order. */
  reverse?: boolean;
  /** Only events at this index of `events` or later. */
  since?: number;
}

/** The events to send, in sending order. */
export function selectEvents(
  events: readonly StripeEventLike[],
  delivered: ReadonlySet<string>,
  options: DeliverOptions,
): StripeEventLike[] {
  const selected = events
    .slice(options.since ?? 0)
    .filter(
      (event) =>
        !delivered.has(event.id) &&
        (options.types === undefined || options.types.includes(event.type)),
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
