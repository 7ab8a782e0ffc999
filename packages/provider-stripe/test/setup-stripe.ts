import { createPaymentModuleService, type PaymentModuleService } from "@tender/core";
import { seededRandom } from "@tender/core/testing";
import { type StripeProviderSettings, stripe } from "../src/index";
import { createFakeStripe, type FakeStripe, type StripeEventLike } from "../src/testing/index";
import { serveFake } from "../src/testing/test-support";

export const WEBHOOK_SECRET = "whsec_test_tender";

/** One fake Stripe behind msw for a test file: the official SDK talks to it over intercepted fetch. */
export function useFakeStripe(): FakeStripe {
  const fake = createFakeStripe({ webhookSecret: WEBHOOK_SECRET });
  serveFake(fake);
  return fake;
}

export function stripeService(
  settings: StripeProviderSettings = {},
  options: { now?: () => Date } = {},
) {
  const provider = stripe({
    apiKey: "sk_test_tender",
    webhookSecret: WEBHOOK_SECRET,
    maxNetworkRetries: 2,
    ...settings,
  });
  const service = createPaymentModuleService({
    providers: [provider],
    ...(options.now ? { now: options.now } : {}),
  });
  return { provider, service };
}

export async function openSession(
  service: PaymentModuleService,
  data: Record<string, unknown>,
  amount = 5000,
  currency_code = "usd",
) {
  const collection = await service.createPaymentCollections({ currency_code, amount });
  const session = await service.createPaymentSession(collection.id, {
    provider_id: "stripe",
    currency_code,
    amount,
    data,
  });
  return { collection, session };
}

/** Delivers the fake's pending webhook events to the service, as a web server would. */
export function deliverTo(service: PaymentModuleService) {
  return async (request: { headers: Record<string, string>; rawBody: string }) =>
    service.handleWebhook("stripe", request);
}

/** Sends one of the fake's events to the service, signed, as Stripe would. */
export function sendEvent(fake: FakeStripe, service: PaymentModuleService, event: unknown) {
  const rawBody = JSON.stringify(event);
  return service.handleWebhook("stripe", {
    headers: { "stripe-signature": fake.signPayload(rawBody) },
    rawBody,
  });
}

/** Each event once or twice, in a seeded order: Stripe's at-least-once, unordered delivery. */
export function shuffledWithRepeats(
  events: readonly StripeEventLike[],
  seed: number,
): StripeEventLike[] {
  const random = seededRandom(seed);
  const copy = events.flatMap((event) => (random() < 0.5 ? [event, event] : [event]));
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as StripeEventLike, copy[i] as StripeEventLike];
  }
  return copy;
}
