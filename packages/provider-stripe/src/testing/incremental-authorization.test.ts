import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { answerControl } from "./control-routes";
import { useFakeStripeClient } from "./test-support";

const { fake, stripe, confirmIntent } = useFakeStripeClient();

const INCREMENTAL = {
  capture_method: "manual",
  payment_method_options: { card: { request_incremental_authorization: "if_available" } },
} satisfies Partial<Stripe.PaymentIntentCreateParams>;

function cardOf(charge: Stripe.Charge | undefined) {
  return charge?.payment_method_details?.card;
}

async function chargeOf(intent: Stripe.PaymentIntent): Promise<Stripe.Charge> {
  const { latest_charge: charge } = await stripe.paymentIntents.retrieve(intent.id, {
    expand: ["latest_charge"],
  });
  if (charge === null || typeof charge === "string") throw new Error("no expanded charge");
  return charge;
}

function incrementOnce(id: string, amount: number, key: string) {
  return fetch(`https://api.stripe.com/v1/payment_intents/${id}/increment_authorization`, {
    method: "POST",
    headers: {
      Authorization: "Bearer sk_test_123",
      "Content-Type": "application/x-www-form-urlencoded",
      "Idempotency-Key": key,
    },
    body: `amount=${amount}`,
  });
}

describe("eligibility at authorization", () => {
  it("a hold that asked for incremental authorization on a Visa card has it available", async () => {
    const intent = await confirmIntent("pm_card_visa", INCREMENTAL);
    expect(cardOf(await chargeOf(intent))?.incremental_authorization).toEqual({
      status: "available",
    });
    expect(intent.payment_method_options?.card?.request_incremental_authorization).toBe(
      "if_available",
    );
  });

  it("a hold that did not ask has it unavailable", async () => {
    const intent = await confirmIntent("pm_card_mastercard", { capture_method: "manual" });
    expect(cardOf(await chargeOf(intent))?.incremental_authorization).toEqual({
      status: "unavailable",
    });
  });

  it("asking at confirmation is as good as asking at creation", async () => {
    const created = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      capture_method: "manual",
      payment_method: "pm_card_mastercard",
    });
    const confirmed = await stripe.paymentIntents.confirm(created.id, {
      payment_method_options: { card: { request_incremental_authorization: "if_available" } },
    });
    await expect(
      stripe.paymentIntents.incrementAuthorization(confirmed.id, { amount: 1200 }),
    ).resolves.toMatchObject({ amount: 1200, amount_capturable: 1200 });
  });
});

describe("a successful increment", () => {
  it("raises the intent's amount and what is capturable, and the charge's amount", async () => {
    const intent = await confirmIntent("pm_card_visa", INCREMENTAL);
    const incremented = await stripe.paymentIntents.incrementAuthorization(intent.id, {
      amount: 1500,
      description: "room service added",
      metadata: { nights: "3" },
    });
    expect(incremented).toMatchObject({
      status: "requires_capture",
      amount: 1500,
      amount_capturable: 1500,
      description: "room service added",
      metadata: { nights: "3" },
    });
    const charge = await chargeOf(intent);
    expect(charge.amount).toBe(1500);
    const authorized = cardOf(charge)?.amount_authorized;
    if (authorized !== null && authorized !== undefined) expect(authorized).toBe(1500);
    await expect(stripe.paymentIntents.capture(intent.id)).resolves.toMatchObject({
      status: "succeeded",
      amount_received: 1500,
    });
  });

  it("sends payment_intent.amount_capturable_updated and charge.updated", async () => {
    const intent = await confirmIntent("pm_card_visa", INCREMENTAL);
    const before = fake.events.length;
    await stripe.paymentIntents.incrementAuthorization(intent.id, { amount: 1100 });
    expect(fake.events.slice(before)).toMatchObject([
      {
        type: "payment_intent.amount_capturable_updated",
        data: { object: { id: intent.id, amount: 1100, amount_capturable: 1100 } },
      },
      { type: "charge.updated", data: { object: { id: intent.latest_charge, amount: 1100 } } },
    ]);
  });

  it("may be repeated, each one above the last", async () => {
    const intent = await confirmIntent("pm_card_visa", INCREMENTAL);
    await stripe.paymentIntents.incrementAuthorization(intent.id, { amount: 1100 });
    await expect(
      stripe.paymentIntents.incrementAuthorization(intent.id, { amount: 1300 }),
    ).resolves.toMatchObject({ amount: 1300 });
  });
});

describe("refusals", () => {
  it("an intent that did not ask for it is refused in Stripe's words", async () => {
    const intent = await confirmIntent("pm_card_visa", { capture_method: "manual" });
    await expect(
      stripe.paymentIntents.incrementAuthorization(intent.id, { amount: 1500 }),
    ).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      message:
        "This PaymentIntent is not eligible for incremental authorization because you did not request support using `request_incremental_authorization` when you created or confirmed it.",
    });
  });

  it("an intent that is not requires_capture is refused with payment_intent_unexpected_state", async () => {
    const intent = await confirmIntent("pm_card_visa", {
      payment_method_options: { card: { request_incremental_authorization: "if_available" } },
    });
    await expect(
      stripe.paymentIntents.incrementAuthorization(intent.id, { amount: 1500 }),
    ).rejects.toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
  });

  it("an amount not above the authorized one is refused", async () => {
    const intent = await confirmIntent("pm_card_visa", INCREMENTAL);
    await expect(
      stripe.paymentIntents.incrementAuthorization(intent.id, { amount: 1000 }),
    ).rejects.toMatchObject({ statusCode: 400, param: "amount" });
  });

  it("the amount is required", async () => {
    const intent = await confirmIntent("pm_card_visa", INCREMENTAL);
    await expect(
      stripe.rawRequest("POST", `/v1/payment_intents/${intent.id}/increment_authorization`, {}),
    ).rejects.toMatchObject({ statusCode: 400, code: "parameter_missing", param: "amount" });
  });

  it("a partly captured multicapture intent can no longer be incremented", async () => {
    const intent = await confirmIntent("pm_card_visa", {
      capture_method: "manual",
      payment_method_options: {
        card: {
          request_incremental_authorization: "if_available",
          request_multicapture: "if_available",
        },
      },
    });
    await stripe.paymentIntents.capture(intent.id, {
      amount_to_capture: 300,
      final_capture: false,
    });
    await expect(
      stripe.paymentIntents.incrementAuthorization(intent.id, { amount: 1500 }),
    ).rejects.toMatchObject({ statusCode: 400, message: expect.stringMatching(/captured/) });
  });
});

describe("declines", () => {
  it("a declined increment answers 402 card_declined and changes nothing", async () => {
    const intent = await confirmIntent("pm_card_visa", INCREMENTAL);
    fake.declineIncrements(intent.id);
    const before = fake.events.length;
    await expect(
      stripe.paymentIntents.incrementAuthorization(intent.id, { amount: 1500 }),
    ).rejects.toMatchObject({ type: "StripeCardError", statusCode: 402, code: "card_declined" });
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({
      status: "requires_capture",
      amount: 1000,
      amount_capturable: 1000,
      last_payment_error: null,
    });
    expect((await chargeOf(intent)).amount).toBe(1000);
    expect(fake.events.length).toBe(before);
  });

  it("takes at most 10 attempts, declines included", async () => {
    const intent = await confirmIntent("pm_card_visa", INCREMENTAL);
    fake.declineIncrements(intent.id);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await expect(
        stripe.paymentIntents.incrementAuthorization(intent.id, { amount: 2000 }),
      ).rejects.toMatchObject({ code: "card_declined" });
    }
    fake.declineIncrements(intent.id, false);
    for (let attempt = 6; attempt <= 10; attempt++) {
      await stripe.paymentIntents.incrementAuthorization(intent.id, {
        amount: 1000 + attempt * 10,
      });
    }
    await expect(
      stripe.paymentIntents.incrementAuthorization(intent.id, { amount: 5000 }),
    ).rejects.toMatchObject({ statusCode: 400, message: expect.stringMatching(/maximum of 10/) });
    expect(fake.paymentIntents.get(intent.id)?.amount).toBe(1100);
  });

  it("the control route makes increments decline for a fake in another process", async () => {
    const intent = await confirmIntent("pm_card_visa", INCREMENTAL);
    const answer = await answerControl(fake, {
      method: "POST",
      path: `/_fake/payment_intents/${intent.id}/decline_increments`,
      body: {},
    });
    expect(answer.status).toBe(200);
    await expect(
      stripe.paymentIntents.incrementAuthorization(intent.id, { amount: 1500 }),
    ).rejects.toMatchObject({ code: "card_declined" });
  });
});

describe("idempotency", () => {
  it("a retry with the same key replays the answer and increments once", async () => {
    const intent = await confirmIntent("pm_card_visa", INCREMENTAL);
    const first = await incrementOnce(intent.id, 1500, "increment-once");
    const again = await incrementOnce(intent.id, 1500, "increment-once");
    expect(first.status).toBe(200);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toMatchObject({ amount: 1500 });
    expect(
      fake.events.filter((event) => event.type === "charge.updated").map((event) => event.id),
    ).toHaveLength(1);
  });

  it("an increment whose answer was lost took effect, and the SDK's retry replays it", async () => {
    const intent = await confirmIntent("pm_card_visa", INCREMENTAL);
    fake.failNext(
      { method: "POST", path: /\/increment_authorization$/ },
      { type: "lost_response" },
    );
    const incremented = await stripe.paymentIntents.incrementAuthorization(intent.id, {
      amount: 1500,
    });
    expect(incremented.amount).toBe(1500);
    const calls = fake.requests.filter((request) =>
      request.path.endsWith("/increment_authorization"),
    );
    expect(calls).toHaveLength(2);
    expect(calls[0]?.idempotencyKey).toBe(calls[1]?.idempotencyKey);
  });

  it("a stored declined answer is replayed, not retried against the issuer", async () => {
    const intent = await confirmIntent("pm_card_visa", INCREMENTAL);
    fake.declineIncrements(intent.id);
    expect((await incrementOnce(intent.id, 1500, "declined-once")).status).toBe(402);
    fake.declineIncrements(intent.id, false);
    const replayed = await incrementOnce(intent.id, 1500, "declined-once");
    expect(replayed.status).toBe(402);
    expect(replayed.headers.get("Idempotent-Replayed")).toBe("true");
    expect(fake.paymentIntents.get(intent.id)?.amount).toBe(1000);
  });
});
