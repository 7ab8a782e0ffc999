import type { WebhookPayload } from "@tender/core";
import { type PaymentModuleService, TenderError, type WebhookResult } from "@tender/core";
import { type Context, Hono } from "hono";
import type { CheckoutDeps } from "../checkout-deps";
import { apiError } from "../http/api-error";

/** The Tender providers one Stripe account backs: cards (manual capture) and SEPA debits (automatic). */
const STRIPE_PROVIDERS = ["stripe", "stripe-sepa"] as const;

/**
 * The providers' webhook endpoints. The body goes to Tender exactly as it
 * arrived (the signature covers those bytes), with the headers. A retryable
 * error is answered 503 with Retry-After, so the provider sends the event
 * again; a bad signature or payload 400; never a 2xx for an event that was
 * not applied.
 */
export function webhookRoutes(deps: CheckoutDeps): Hono {
  const routes = new Hono();
  const { service } = deps.tender;

  routes.post("/stripe", (c) =>
    answer(c, deps.log, "stripe", async (payload) => {
      // Both Stripe providers get every event of the account: an event about
      // a session of the other one is refused as not its own (`not_found`),
      // so it goes to the provider that owns the session it names.
      const [first, second] = STRIPE_PROVIDERS;
      try {
        return await service.handleWebhook(first, payload);
      } catch (error) {
        if (!(await ownedBy(service, error, second))) throw error;
        return service.handleWebhook(second, payload);
      }
    }),
  );

  routes.post("/paypal", (c) =>
    answer(c, deps.log, "paypal", (payload) => service.handleWebhook("paypal", payload)),
  );

  return routes;
}

async function answer(
  c: Context,
  log: (line: string) => void,
  name: string,
  handle: (payload: WebhookPayload) => Promise<WebhookResult>,
): Promise<Response> {
  const rawBody = await c.req.text();
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, name) => {
    headers[name] = value;
  });
  try {
    const result = await handle({ headers, rawBody });
    log(`webhook ${name} ${result.event_id ?? "(no id)"}: ${result.action}, ${result.status}`);
    return c.json(result);
  } catch (error) {
    const { status, body } = apiError(error);
    log(`webhook ${name} refused: ${body.error.code}`);
    if (TenderError.isInstance(error) && error.retryable) {
      return c.json(body, 503, { "retry-after": "5" });
    }
    return c.json(body, status);
  }
}

/** Whether the webhook error names a session that `providerId` owns. */
async function ownedBy(
  service: PaymentModuleService,
  error: unknown,
  providerId: string,
): Promise<boolean> {
  if (!TenderError.isInstance(error) || error.code !== "not_found") return false;
  const sessionId = error.details.session_id;
  if (typeof sessionId !== "string") return false;
  try {
    return (await service.retrievePaymentSession(sessionId)).provider_id === providerId;
  } catch {
    return false;
  }
}
