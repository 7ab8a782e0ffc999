import { createHmac } from "node:crypto";

/**
 * A `Stripe-Signature` header value for a raw body:
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<rawBody>")>`, with one
 * `v1` per secret (several while a secret is being rotated).
 *
 * @example
 * ```ts
 * const header = signWebhookPayload('{"id":"evt_1"}', ["whsec_test"], 1_700_000_000);
 * stripe.webhooks.constructEvent('{"id":"evt_1"}', header, "whsec_test", Infinity);
 * ```
 */
export function signWebhookPayload(
  rawBody: string,
  secrets: readonly string[],
  timestamp: number,
): string {
  if (secrets.length === 0)
    throw new Error("signWebhookPayload needs at least one webhook secret.");
  const signed = `${timestamp}.${rawBody}`;
  const signatures = secrets.map(
    (secret) => `v1=${createHmac("sha256", secret).update(signed, "utf8").digest("hex")}`,
  );
  return [`t=${timestamp}`, ...signatures].join(",");
}
