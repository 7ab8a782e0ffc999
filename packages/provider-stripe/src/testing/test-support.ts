/**
 * Setup shared by the fake Stripe's tests: the fake behind msw, and the
 * official SDK talking to it. Imported only by test files; `./index` does
 * not export it, so it is no part of `@tender/provider-stripe/testing`.
 */
import { setupServer } from "msw/node";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createFakeStripe, type FakeStripe, type FakeStripeOptions } from "./fake-stripe";

/**
 * Serves `fake` over msw for the calling test file: it listens before the
 * first test (a request the fake does not handle fails the test), forgets
 * every test's requests and records after it, and stops after the last.
 */
export function serveFake(fake: FakeStripe): void {
  const server = setupServer(...fake.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    fake.reset();
  });
  afterAll(() => server.close());
}

/**
 * The official SDK over fetch with a test key, retrying twice as the
 * provider does. It looks `fetch` up on every request, so it reaches msw's
 * once the server listens, however early it was built.
 */
export function sdkClient(): Stripe {
  return new Stripe("sk_test_123", {
    httpClient: Stripe.createFetchHttpClient((input, init) => fetch(input, init)),
    maxNetworkRetries: 2,
  });
}

/**
 * A fake Stripe served for the calling test file, an SDK client that talks
 * to it, and `confirmIntent`, which creates and confirms a PaymentIntent of
 * 1000 usd paid with `payment_method` (`params` add to or override those).
 */
export function useFakeStripeClient(options: FakeStripeOptions = {}) {
  const fake = createFakeStripe(options);
  serveFake(fake);
  const stripe = sdkClient();
  const confirmIntent = (
    payment_method: string,
    params: Partial<Stripe.PaymentIntentCreateParams> = {},
  ) =>
    stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      payment_method,
      confirm: true,
      ...params,
    });
  return { fake, stripe, confirmIntent };
}
