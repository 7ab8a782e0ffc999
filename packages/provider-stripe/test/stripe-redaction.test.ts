import type { PaymentModuleService, TenderEvent } from "@tender/core";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeStripe } from "../src/testing/index";
import { openSession, stripeService, WEBHOOK_SECRET } from "./setup-stripe";

const fake = createFakeStripe({ webhookSecret: WEBHOOK_SECRET });
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  fake.reset();
});
afterAll(() => server.close());

const CARD_NUMBERS = ["4242 4242 4242 4242", "4242-4242-4242-4242", "4242424242424242"];
const SECRETS = ["sk_live_51HxyzSECRET0123456789", "whsec_0123456789abcdef", "eyJhbGciOi.Jz1"];

/** Fails when any card number (in any of its writings) or secret is anywhere in `value`. */
function expectClean(value: unknown): void {
  const text = JSON.stringify(value, (_key, field: unknown) =>
    field instanceof Error ? { ...field, message: field.message, name: field.name } : field,
  );
  expect(text.replaceAll(/[ -]/g, "")).not.toContain("4242424242424242");
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

/** A Stripe error answer for the next request to `path` (msw, in front of the fake). */
function stripeAnswers(path: RegExp, status: number, error: Record<string, unknown>): void {
  server.use(http.post(path, () => HttpResponse.json({ error }, { status }), { once: true }));
}

async function everything(service: PaymentModuleService) {
  return {
    sessions: await service.listPaymentSessions(),
    payments: await service.listPayments(),
    captures: await service.listCaptures(),
    refunds: await service.listRefunds(),
  };
}

function recording(service: PaymentModuleService): TenderEvent[] {
  const events: TenderEvent[] = [];
  service.on("*", (event) => void events.push(event));
  return events;
}

describe("card numbers and keys never reach a message, a record or an event", () => {
  it.each(CARD_NUMBERS)(
    "keeps a card number sent as the payment method (%s) out of Stripe's echo of it",
    async (cardNumber) => {
      const { service } = stripeService();
      const events = recording(service);
      const collection = await service.createPaymentCollections({
        currency_code: "usd",
        amount: 5000,
      });
      const refused = await service
        .createPaymentSession(collection.id, {
          provider_id: "stripe",
          currency_code: "usd",
          amount: 5000,
          data: { payment_method: cardNumber },
        })
        .catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: "invalid_request", providerCode: "resource_missing" });
      expect(String(Reflect.get(Object(refused), "message"))).toMatch(
        /^Stripe: No such PaymentMethod: '\*\*\*\*4242'/,
      );
      expectClean(refused);
      expectClean(await everything(service));
      expectClean(events);
    },
  );

  it("keeps a card number sent when updating a session out of the error and the session", async () => {
    const { service } = stripeService();
    const events = recording(service);
    const { session } = await openSession(service, {});
    const refused = await service
      .updatePaymentSession({ id: session.id, data: { payment_method: "4242 4242 4242 4242" } })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "invalid_request" });
    expectClean(refused);
    expectClean(await service.retrievePaymentSession(session.id));
    expectClean(events);
  });

  it("stores a decline that echoes a card number and a key with both masked", async () => {
    const { service } = stripeService();
    const events = recording(service);
    const { session } = await openSession(service, { payment_method: "pm_card_visa" });
    const intent = fake.paymentIntents.get(String(session.data.id));
    const message = `Your card 4242 4242 4242 4242 was declined (key ${SECRETS[0]}).`;
    stripeAnswers(/\/v1\/payment_intents\/pi_\w+\/confirm$/, 402, {
      type: "card_error",
      code: "card_declined",
      decline_code: "generic_decline",
      message,
      payment_intent: {
        ...intent,
        status: "requires_payment_method",
        payment_method: null,
        last_payment_error: { type: "card_error", code: "card_declined", message },
      },
    });
    const refused = await service.authorizePaymentSession(session.id).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "payment_authorization_failed" });
    const stored = await service.retrievePaymentSession(session.id);
    expect(stored).toMatchObject({
      status: "error",
      error: {
        code: "card_declined",
        message: "Your card ****4242 was declined (key sk_live_***).",
      },
    });
    expectClean(refused);
    expectClean(await everything(service));
    expectClean(events);
  });

  it("stores a refused capture whose message carries a key, a webhook secret and a token, all masked", async () => {
    const { service } = stripeService();
    const events = recording(service);
    const { session } = await openSession(service, { payment_method: "pm_card_visa" });
    const payment = await service.authorizePaymentSession(session.id);
    stripeAnswers(/\/capture$/, 400, {
      type: "invalid_request_error",
      code: "parameter_invalid",
      message: `Bad request from ${SECRETS[0]} (whsec ${SECRETS[1]}, Authorization: Bearer ${SECRETS[2]}, card 4242424242424242).`,
    });
    const refused = await service
      .capturePayment({ payment_id: payment.id })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "invalid_request" });
    expect(await service.listCaptures({ payment_id: payment.id })).toMatchObject([
      {
        status: "failed",
        error: {
          code: "invalid_request",
          message:
            "Stripe: Bad request from sk_live_*** (whsec whsec_***, Authorization: Bearer ***, card ****4242).",
        },
      },
    ]);
    expectClean(refused);
    expectClean(await everything(service));
    expectClean(events);
  });

  it("keeps a key out of the configuration error Stripe answers an unknown key with", async () => {
    const { service } = stripeService();
    stripeAnswers(/\/v1\/payment_intents$/, 401, {
      type: "invalid_request_error",
      message: `Invalid API Key provided: ${SECRETS[0]}`,
    });
    const collection = await service.createPaymentCollections({ currency_code: "usd", amount: 50 });
    const refused = await service
      .createPaymentSession(collection.id, {
        provider_id: "stripe",
        currency_code: "usd",
        amount: 50,
      })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: "configuration",
      message:
        "Stripe: Invalid API Key provided: sk_live_*** Check the Stripe API key (STRIPE_API_KEY).",
    });
    expectClean(refused);
  });
});
