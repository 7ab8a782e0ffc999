import { createPaymentModuleService, type PaymentModuleService } from "@tender/core";
import { type StripeProviderSettings, stripe } from "../src/index";
import { createFakeStripe, type FakeStripe } from "../src/testing/index";
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
