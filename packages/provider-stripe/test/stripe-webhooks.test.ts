import type { PaymentModuleService } from "@tender/core";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  deliverTo,
  openSession,
  stripeService,
  useFakeStripe,
  WEBHOOK_SECRET,
} from "./setup-stripe";

const fake = useFakeStripe();
const sdk = new Stripe("sk_test_unused");

function event(type: string, object: Record<string, unknown>) {
  return JSON.stringify({
    id: `evt_${Math.random().toString(36).slice(2)}`,
    object: "event",
    type,
    data: { object },
    created: Math.floor(Date.now() / 1000),
    livemode: false,
  });
}

/** The customer's browser (Stripe.js) talking to Stripe directly. */
const browser = () => new Stripe("sk_test_browser");

/** A service with a card session open, confirmed in the browser, and the body of Stripe's event that its intent is authorized. */
async function sessionWithAuthorizedEvent() {
  const { service } = stripeService();
  const { session } = await openSession(service, { payment_method: "pm_card_visa" });
  await browser().paymentIntents.confirm(String(session.data.id));
  const authorized = fake.events.find(
    (sent) => sent.type === "payment_intent.amount_capturable_updated",
  );
  return { service, session, rawBody: JSON.stringify(authorized) };
}

/** Delivers the pending `type` event after what followed it: Stripe does not guarantee order. */
async function deliverLate(service: PaymentModuleService, type: string) {
  const sent = fake.events.find((pending) => pending.type === type);
  if (!sent) throw new Error(`Stripe sent no ${type} event`);
  const rawBody = JSON.stringify(sent);
  return service.handleWebhook("stripe", {
    headers: { "stripe-signature": fake.signPayload(rawBody) },
    rawBody,
  });
}

describe("Stripe webhooks", () => {
  it("accepts a signature made by the official SDK's generateTestHeaderString and applies the event", async () => {
    const { service, session, rawBody } = await sessionWithAuthorizedEvent();
    const header = sdk.webhooks.generateTestHeaderString({
      payload: rawBody,
      secret: WEBHOOK_SECRET,
    });
    const result = await service.handleWebhook("stripe", {
      headers: { "stripe-signature": header },
      rawBody,
    });
    expect(result).toMatchObject({
      status: "processed",
      action: "authorized",
      session_id: session.id,
    });
    expect((await service.retrievePaymentSession(session.id)).status).toBe("authorized");
  });

  it.each([
    [
      "a tampered body",
      (body: string) => ({
        body: body.replace("5000", "1"),
        secret: WEBHOOK_SECRET,
        timestamp: undefined,
      }),
    ],
    ["a wrong secret", (body: string) => ({ body, secret: "whsec_wrong", timestamp: undefined })],
    [
      "a stale timestamp",
      (body: string) => ({
        body,
        secret: WEBHOOK_SECRET,
        timestamp: Math.floor(Date.now() / 1000) - 301,
      }),
    ],
  ])("rejects %s with webhook_signature_invalid and changes nothing", async (_name, tamper) => {
    const { service, session, rawBody: original } = await sessionWithAuthorizedEvent();
    const { body, secret, timestamp } = tamper(original);
    const header = sdk.webhooks.generateTestHeaderString({
      payload: original,
      secret,
      ...(timestamp !== undefined ? { timestamp } : {}),
    });
    await expect(
      service.handleWebhook("stripe", { headers: { "stripe-signature": header }, rawBody: body }),
    ).rejects.toMatchObject({
      code: "webhook_signature_invalid",
      message: expect.not.stringContaining("whsec_"),
    });
    expect((await service.retrievePaymentSession(session.id)).status).toBe("pending");
  });

  it("accepts a signature from either secret while one rotates", async () => {
    const { service } = stripeService({ webhookSecret: ["whsec_old", WEBHOOK_SECRET] });
    const { session } = await openSession(service, { payment_method: "pm_card_visa" });
    await service.authorizePaymentSession(session.id);
    await fake.deliver(deliverTo(service));
    expect((await service.retrievePaymentSession(session.id)).status).toBe("authorized");
  });

  it("applies duplicated, reversed events to the same outcome as the direct calls", async () => {
    const { service } = stripeService({ capture: "automatic" });
    const { session, collection } = await openSession(service, { payment_method: "pm_card_visa" });
    const payment = await service.authorizePaymentSession(session.id);
    await fake.deliver(deliverTo(service), { duplicate: true, reverse: true });
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      status: "captured",
      captured_amount: 5000,
    });
    expect(await service.listCaptures({ payment_id: payment.id })).toHaveLength(1);
    expect((await service.retrievePaymentCollection(collection.id)).captured_amount).toBe(5000);
  });

  it("authorizes through the webhook when the browser confirmed the intent, and the later direct call does not charge again", async () => {
    const { service } = stripeService();
    const { session } = await openSession(service, {
      payment_method: "pm_card_threeDSecure2Required",
    });
    await service.authorizePaymentSession(session.id).catch(() => undefined);
    fake.completeThreeDS(String(session.data.id));
    await fake.deliver(deliverTo(service));
    const [viaWebhook] = await service.listPayments({ payment_session_id: session.id });
    expect(viaWebhook?.status).toBe("authorized");
    const direct = await service.authorizePaymentSession(session.id);
    expect(direct.id).toBe(viaWebhook?.id);
  });

  it("does not restore the replaced 3DS card when its requires_action event arrives late", async () => {
    const { service } = stripeService();
    const { session } = await openSession(service, {
      payment_method: "pm_card_threeDSecure2Required",
    });
    const intentId = String(session.data.id);
    await service.authorizePaymentSession(session.id).catch(() => undefined);
    // The customer gives up on 3DS and pays with another card.
    await service.updatePaymentSession({
      id: session.id,
      data: { payment_method: "pm_card_visa" },
    });

    // The 3DS card's requires_action event arrives only now (Stripe retried it, or it was slow).
    const late = await deliverLate(service, "payment_intent.requires_action");
    const payment = await service.authorizePaymentSession(session.id);

    expect(late.status).toBe("processed");
    expect(payment.status).toBe("authorized");
    expect(fake.paymentIntents.get(intentId)).toMatchObject({
      status: "requires_capture",
      payment_method: expect.stringMatching(/^pm_/),
    });
    const confirms = fake.requests.filter(
      (request) =>
        request.method === "POST" && request.path === `/v1/payment_intents/${intentId}/confirm`,
    );
    // Confirmed again with the new card, not the replaced 3DS one (which would ask for 3DS again).
    expect(confirms).toHaveLength(2);
    expect(confirms[1]?.params.payment_method).not.toBe(confirms[0]?.params.payment_method);
  });

  it("keeps a failed SEPA debit failed when its processing event arrives late", async () => {
    const { service } = stripeService({ capture: "automatic", paymentMethodTypes: ["sepa_debit"] });
    const { session } = await openSession(
      service,
      { payment_method: "pm_sepa_debit" },
      5000,
      "eur",
    );
    const intentId = String(session.data.id);
    await service.authorizePaymentSession(session.id).catch(() => undefined);
    fake.settleProcessing(intentId, "failed");
    await fake.deliver(deliverTo(service), { types: ["payment_intent.payment_failed"] });

    await deliverLate(service, "payment_intent.processing");

    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "error",
      raw_status: "requires_payment_method",
    });
    expect(fake.paymentIntents.get(intentId)?.status).toBe("requires_payment_method");
  });

  it("ignores events for objects Tender did not create", async () => {
    const { service } = stripeService();
    const rawBody = event("payment_intent.succeeded", {
      object: "payment_intent",
      id: "pi_foreign",
      status: "succeeded",
      currency: "usd",
      amount: 100,
      amount_capturable: 0,
      amount_received: 100,
      capture_method: "automatic",
      metadata: {},
    });
    const header = fake.signPayload(rawBody);
    expect(
      await service.handleWebhook("stripe", { headers: { "stripe-signature": header }, rawBody }),
    ).toMatchObject({ status: "ignored" });
  });
});
