import { type PaymentModuleService, TenderError } from "@tender/core";
import { describe, expect, it } from "vitest";
import { stripe } from "../src/index";
import type { FakeStripe } from "../src/testing/index";
import { openSession, stripeService, useFakeStripe } from "./setup-stripe";

const fake = useFakeStripe();
const DAY = 24 * 60 * 60 * 1000;

function intentIdOf(data: Record<string, unknown>): string {
  const id = data.id;
  if (typeof id !== "string") throw new Error("the session has no PaymentIntent id");
  return id;
}

/** The books of a payment equal the fake Stripe's ledger for its intent. */
async function expectBooksMatchStripe(
  service: PaymentModuleService,
  stripeFake: FakeStripe,
  paymentId: string,
) {
  const payment = await service.retrievePayment(paymentId);
  const intent = stripeFake.paymentIntents.get(intentIdOf(payment.data));
  expect(payment.amount).toBe(intent?.amount);
  expect(payment.captured_amount).toBe(intent?.amount_received);
  const collection = await service.retrievePaymentCollection(payment.payment_collection_id);
  expect(collection.captured_amount).toBe(intent?.amount_received);
  return { payment, intent };
}

/** A card payment of 5000 authorized on `service`, its collection raised to `owed`. */
async function authorizedCard(service: PaymentModuleService, owed = 5000, card = "pm_card_visa") {
  const { collection, session } = await openSession(service, { payment_method: card });
  const payment = await service.authorizePaymentSession(session.id);
  if (owed !== 5000) await service.updatePaymentCollections(collection.id, { amount: owed });
  return { collection, session, payment, intentId: intentIdOf(payment.data) };
}

describe("incremental authorization on Stripe", () => {
  it("asks for it on the intent and raises the hold with increment_authorization, then captures all of it", async () => {
    const { service, provider } = stripeService({ incrementalAuthorization: true });
    expect(provider.capabilities.incrementalAuthorization).toBe(true);
    const { payment, intentId } = await authorizedCard(service, 6500);
    expect(fake.paymentIntents.get(intentId)?.payment_method_options.card).toMatchObject({
      request_incremental_authorization: "if_available",
    });

    const raised = await service.incrementAuthorization({ payment_id: payment.id, amount: 6500 });

    expect(raised).toMatchObject({ amount: 6500, status: "authorized", increment_amount: null });
    const sent = fake.requests.filter((r) => r.path.endsWith("/increment_authorization"));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.idempotencyKey).toBe(`${payment.id}:increment`);
    expect(fake.paymentIntents.get(intentId)).toMatchObject({
      amount: 6500,
      amount_capturable: 6500,
    });
    await service.capturePayment({ payment_id: payment.id });
    const { intent } = await expectBooksMatchStripe(service, fake, payment.id);
    expect(intent?.amount_received).toBe(6500);
  });

  it("keeps the old hold when the card's issuer declines the increment, and it still captures", async () => {
    const { service } = stripeService({ incrementalAuthorization: true });
    const { payment, intentId } = await authorizedCard(service, 6500);
    fake.declineIncrements(intentId);

    await expect(
      service.incrementAuthorization({ payment_id: payment.id, amount: 6500 }),
    ).rejects.toMatchObject({ code: "card_declined" });

    expect(await service.retrievePayment(payment.id)).toMatchObject({
      amount: 5000,
      increment_amount: null,
    });
    await service.capturePayment({ payment_id: payment.id });
    const { intent } = await expectBooksMatchStripe(service, fake, payment.id);
    expect(intent?.amount_received).toBe(5000);
  });

  it("books an increment whose answer was lost once reconcile reads Stripe's answer for its key", async () => {
    const { service } = stripeService({ incrementalAuthorization: true, maxNetworkRetries: 0 });
    const { payment } = await authorizedCard(service, 6500);
    fake.failNext(
      { method: "POST", path: /\/increment_authorization$/ },
      { type: "lost_response" },
    );

    await expect(
      service.incrementAuthorization({ payment_id: payment.id, amount: 6500 }),
    ).rejects.toMatchObject({ code: "outcome_unknown" });
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      amount: 5000,
      increment_amount: 6500,
    });

    expect(await service.reconcilePayment(payment.id)).toMatchObject({ amount: 6500 });
    await expectBooksMatchStripe(service, fake, payment.id);
  });

  it("after a stored 500 where nothing moved, sends the increment again under the next attempt's key", async () => {
    const { service } = stripeService({ incrementalAuthorization: true, maxNetworkRetries: 0 });
    const { payment } = await authorizedCard(service, 6500);
    fake.failNext({ method: "POST", path: /\/increment_authorization$/ }, { type: "server_error" });

    const raised = await service.incrementAuthorization({ payment_id: payment.id, amount: 6500 });

    expect(raised.amount).toBe(6500);
    const keys = fake.requests
      .filter((r) => r.path.endsWith("/increment_authorization"))
      .map((r) => r.idempotencyKey);
    expect(keys).toEqual([`${payment.id}:increment`, `${payment.id}:increment:attempt-2`]);
    await expectBooksMatchStripe(service, fake, payment.id);
  });

  it("is refused before any request when the provider was not set up for it", async () => {
    const { service, provider } = stripeService();
    expect(provider.capabilities.incrementalAuthorization).toBe(false);
    const { payment } = await authorizedCard(service, 6500);
    const before = fake.requests.length;

    await expect(
      service.incrementAuthorization({ payment_id: payment.id, amount: 6500 }),
    ).rejects.toMatchObject({ code: "capability_not_supported" });
    expect(fake.requests.length).toBe(before);
  });

  it("refuses settings that ask for holds with automatic capture", () => {
    for (const setting of ["incrementalAuthorization", "extendedAuthorization", "multicapture"]) {
      const error = (() => {
        try {
          stripe({ apiKey: "sk_test_x", capture: "automatic", [setting]: true });
        } catch (caught) {
          return caught;
        }
      })();
      expect(TenderError.isInstance(error) && error.code).toBe("configuration");
      expect(String(Reflect.get(Object(error), "message"))).toContain(setting);
    }
  });
});

describe("extended holds on Stripe", () => {
  it("takes capture_before from Stripe's charge, longer when the card allows an extended hold", async () => {
    const normal = stripeService();
    const { payment: week } = await authorizedCard(normal.service);
    const extended = stripeService({ extendedAuthorization: true });
    const { payment: month, intentId } = await authorizedCard(extended.service);

    const charge = [...fake.charges.values()].find((c) => c.payment_intent === intentId);
    const details = charge?.payment_method_details;
    const deadline = details?.type === "card" ? details.card.capture_before : undefined;
    expect(deadline).toBeDefined();
    expect(month.capture_before?.getTime()).toBe((deadline ?? 0) * 1000);
    const weekLeft = (week.capture_before?.getTime() ?? 0) - Date.now();
    const monthLeft = (month.capture_before?.getTime() ?? 0) - Date.now();
    expect(weekLeft).toBeLessThanOrEqual(7 * DAY);
    expect(monthLeft).toBeGreaterThan(7 * DAY);
  });
});

describe("3D Secure on request", () => {
  it('challenges a card that would pass without it when the session asks for "any", then authorizes', async () => {
    const { service } = stripeService();
    const { session } = await openSession(service, {
      payment_method: "pm_card_visa",
      request_three_d_secure: "any",
      return_url: "https://shop.example/return",
    });

    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_requires_more",
    });
    const waiting = await service.retrievePaymentSession(session.id);
    expect(waiting).toMatchObject({ status: "requires_more", raw_status: "requires_action" });
    expect(waiting.data.request_three_d_secure).toBe("any");

    fake.completeThreeDS(intentIdOf(session.data));
    const payment = await service.authorizePaymentSession(session.id);
    expect(payment.status).toBe("authorized");
  });
});

describe("charging a saved card off session", () => {
  async function savedCard(service: PaymentModuleService, card: string) {
    const holder = await service.createAccountHolder({
      provider_id: "stripe",
      context: { customer: { id: `cus_${card}`, email: "ada@example.com" } },
    });
    const saved = await service.createPaymentMethods({
      account_holder_id: holder.id,
      data: { payment_method: card },
    });
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 2000,
    });
    const session = await service.createPaymentSession(collection.id, {
      provider_id: "stripe",
      currency_code: "usd",
      amount: 2000,
      data: { payment_method: saved.id, off_session: true },
      context: {
        account_holder: { id: holder.id, external_id: holder.external_id, data: holder.data },
      },
    });
    return { session };
  }

  it("confirms with off_session and authorizes a card that needs no customer", async () => {
    const { service } = stripeService();
    const { session } = await savedCard(service, "pm_card_visa");

    const payment = await service.authorizePaymentSession(session.id);

    expect(payment.status).toBe("authorized");
    const confirm = fake.requests.find(
      (r) => r.path === `/v1/payment_intents/${intentIdOf(session.data)}/confirm`,
    );
    expect(confirm?.params.off_session).toBe("true");
    await expectBooksMatchStripe(service, fake, payment.id);
  });

  it("fails with authentication_required when the bank wants the absent customer", async () => {
    const { service } = stripeService();
    const { session } = await savedCard(service, "pm_card_authenticationRequired");

    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_authorization_failed",
    });
    const failed = await service.retrievePaymentSession(session.id);
    expect(failed.status).toBe("error");
    expect(failed.error).toMatchObject({ code: "authentication_required" });
    expect(fake.paymentIntents.get(intentIdOf(session.data))?.amount_capturable).toBe(0);
  });
});
