import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { useFakeStripeClient } from "./test-support";

const START = Date.UTC(2030, 0, 15, 12, 0, 0);
const DAY_MS = 24 * 60 * 60 * 1000;
let clock = START;
const { fake, stripe, confirmIntent } = useFakeStripeClient({ now: () => clock });

const EXTENDED = {
  capture_method: "manual",
  payment_method_options: { card: { request_extended_authorization: "if_available" } },
} satisfies Partial<Stripe.PaymentIntentCreateParams>;

async function cardDetails(intent: Stripe.PaymentIntent) {
  const charge = fake.charges.get(String(intent.latest_charge));
  return charge?.payment_method_details.type === "card"
    ? charge.payment_method_details.card
    : undefined;
}

describe("payment_method_options on the intent", () => {
  it("an intent that takes cards shows Stripe's card options, 3D Secure automatic", async () => {
    clock = START;
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    expect(intent.payment_method_options).toEqual({
      card: {
        installments: null,
        mandate_options: null,
        network: null,
        request_three_d_secure: "automatic",
      },
    });
  });

  it("an intent that takes only SEPA debits shows no card options", async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "eur",
      allowed_payment_method_types: ["sepa_debit"],
    });
    expect(intent.payment_method_options).toEqual({});
  });

  it("the options a request sets are echoed back", async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      payment_method_options: {
        card: {
          request_three_d_secure: "any",
          request_incremental_authorization: "if_available",
          request_extended_authorization: "never",
          request_multicapture: "if_available",
        },
      },
    });
    expect(intent.payment_method_options?.card).toMatchObject({
      request_three_d_secure: "any",
      request_incremental_authorization: "if_available",
      request_extended_authorization: "never",
      request_multicapture: "if_available",
    });
  });

  it("an update merges card options, and an empty value puts one back to its default", async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      payment_method_options: { card: { request_three_d_secure: "challenge" } },
    });
    const updated = await stripe.paymentIntents.update(intent.id, {
      payment_method_options: { card: { request_multicapture: "if_available" } },
    });
    expect(updated.payment_method_options?.card).toMatchObject({
      request_three_d_secure: "challenge",
      request_multicapture: "if_available",
    });
    const reset = await stripe.rawRequest("POST", `/v1/payment_intents/${intent.id}`, {
      payment_method_options: { card: { request_three_d_secure: "" } },
    });
    expect(reset).toMatchObject({
      payment_method_options: { card: { request_three_d_secure: "automatic" } },
    });
  });

  it("an option outside Stripe's values is refused, naming the parameter", async () => {
    await expect(
      stripe.rawRequest("POST", "/v1/payment_intents", {
        amount: 1000,
        currency: "usd",
        payment_method_options: { card: { request_three_d_secure: "always" } },
      }),
    ).rejects.toMatchObject({
      statusCode: 400,
      param: "payment_method_options[card][request_three_d_secure]",
    });
  });
});

describe("extended authorization", () => {
  it("a Visa hold that asks for it is extended to 30 days", async () => {
    clock = START;
    const intent = await confirmIntent("pm_card_visa", EXTENDED);
    const card = await cardDetails(intent);
    expect(card?.extended_authorization).toEqual({ status: "enabled" });
    expect(card?.capture_before).toBe(START / 1000 + 30 * 24 * 60 * 60);
  });

  it("a hold that does not ask keeps the 7-day window, extension disabled", async () => {
    clock = START;
    const intent = await confirmIntent("pm_card_mastercard", { capture_method: "manual" });
    const card = await cardDetails(intent);
    expect(card?.extended_authorization).toEqual({ status: "disabled" });
    expect(card?.capture_before).toBe(START / 1000 + 7 * 24 * 60 * 60);
  });

  it("an automatic-capture payment has no capture deadline", async () => {
    const intent = await confirmIntent("pm_card_visa", {
      payment_method_options: { card: { request_extended_authorization: "if_available" } },
    });
    expect((await cardDetails(intent))?.capture_before).toBeUndefined();
  });
});

describe("holds lapse at capture_before", () => {
  it("a standard hold expires once the clock passes its 7 days", async () => {
    clock = START;
    const intent = await confirmIntent("pm_card_visa", { capture_method: "manual" });
    clock = START + 7 * DAY_MS - 1000;
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({
      status: "requires_capture",
    });
    clock = START + 7 * DAY_MS;
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({
      status: "canceled",
      cancellation_reason: "expired",
      amount_capturable: 0,
    });
    expect(fake.events.slice(-2).map((event) => event.type)).toEqual([
      "payment_intent.canceled",
      "charge.expired",
    ]);
    clock = START;
  });

  it("an extended hold is still capturable after 7 days and lapses after 30", async () => {
    clock = START;
    const capturable = await confirmIntent("pm_card_visa", EXTENDED);
    const lapsing = await confirmIntent("pm_card_visa", EXTENDED);
    clock = START + 8 * DAY_MS;
    await expect(stripe.paymentIntents.capture(capturable.id)).resolves.toMatchObject({
      status: "succeeded",
      amount_received: 1000,
    });
    clock = START + 30 * DAY_MS;
    await expect(stripe.paymentIntents.retrieve(lapsing.id)).resolves.toMatchObject({
      status: "canceled",
      cancellation_reason: "expired",
    });
    await expect(stripe.paymentIntents.retrieve(capturable.id)).resolves.toMatchObject({
      status: "succeeded",
    });
    clock = START;
  });

  it("expireAuthorization still ends an extended hold at once", async () => {
    clock = START;
    const intent = await confirmIntent("pm_card_visa", EXTENDED);
    fake.expireAuthorization(intent.id);
    expect(fake.paymentIntents.get(intent.id)).toMatchObject({
      status: "canceled",
      cancellation_reason: "expired",
    });
  });
});
