import {
  createPaymentModuleService,
  type PaymentModuleService,
  type PaymentSession,
} from "@tender/core";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { type PayPalProviderSettings, paypal } from "../src/index";
import {
  createFakePayPal,
  type FakePayPal,
  type FakePayPalOptions,
  type WebhookDelivery,
} from "../src/testing/index";

export const WEBHOOK_ID = "WH-TEST";

/** The settings every test's provider starts from: the fake's credentials, sandbox. */
export const FAKE_SETTINGS = {
  clientId: "fake-client-id",
  clientSecret: "fake-client-secret",
  environment: "sandbox",
  webhookId: WEBHOOK_ID,
  returnUrl: "https://shop.example/paypal/return",
  cancelUrl: "https://shop.example/paypal/cancel",
} as const satisfies PayPalProviderSettings;

/** One fake PayPal behind msw for a test file: the official SDK talks to it unchanged. */
export function useFakePayPal(options: FakePayPalOptions = {}): FakePayPal {
  const fake = createFakePayPal({ webhookId: WEBHOOK_ID, ...options });
  const server = setupServer(...fake.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => fake.reset());
  afterAll(() => server.close());
  return fake;
}

export function paypalService(
  settings: PayPalProviderSettings = {},
  options: { now?: () => Date } = {},
) {
  const provider = paypal({ ...FAKE_SETTINGS, ...settings });
  const service = createPaymentModuleService({
    providers: [provider],
    ...(options.now ? { now: options.now } : {}),
  });
  return { provider, service };
}

/** The PayPal order a session's data names. */
export function orderIdOf(session: { data: Record<string, unknown> }): string {
  const id = session.data.order_id;
  if (typeof id !== "string") throw new Error("The session names no PayPal order.");
  return id;
}

export async function openSession(
  service: PaymentModuleService,
  options: { amount?: number; currency_code?: string; data?: Record<string, unknown> } = {},
): Promise<PaymentSession> {
  const amount = options.amount ?? 5000;
  const currency_code = options.currency_code ?? "usd";
  const collection = await service.createPaymentCollections({ currency_code, amount });
  return service.createPaymentSession(collection.id, {
    provider_id: "paypal",
    currency_code,
    amount,
    data: options.data ?? {},
  });
}

/** A session the buyer approved at PayPal, authorized into a payment. */
export async function authorizedPayment(
  fake: FakePayPal,
  service: PaymentModuleService,
  options: Parameters<typeof openSession>[1] = {},
) {
  const session = await openSession(service, options);
  const orderId = orderIdOf(session);
  fake.approve(orderId);
  const payment = await service.authorizePaymentSession(session.id);
  return { session, payment, orderId };
}

/** Delivers the fake's pending webhook events to the service, as a web server would. */
export function deliverTo(service: PaymentModuleService) {
  return (delivery: WebhookDelivery) => service.handleWebhook("paypal", delivery);
}

/** The fake's pending events, signed, as an endpoint receives them (and marked delivered). */
export async function takeDeliveries(fake: FakePayPal): Promise<WebhookDelivery[]> {
  const sent: WebhookDelivery[] = [];
  await fake.deliver((delivery) => {
    sent.push(delivery);
  });
  return sent;
}

/**
 * Tender's books for the payment equal PayPal's ledger for its order: what
 * was captured and refunded, in minor units, and no row is left pending.
 */
export async function expectBooksEqualPayPal(
  fake: FakePayPal,
  service: PaymentModuleService,
  paymentId: string,
): Promise<void> {
  const payment = await service.retrievePayment(paymentId);
  expect({ captured: payment.captured_amount, refunded: payment.refunded_amount }).toEqual(
    fake.moved(orderIdOf(payment)),
  );
  const captures = await service.listCaptures({ payment_id: paymentId });
  const refunds = await service.listRefunds({ payment_id: paymentId });
  expect(
    [...captures, ...refunds].filter((row) => row.status === "pending"),
    "no pending rows",
  ).toEqual([]);
}
