import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { useFakeStripeClient } from "./test-support";

const { fake, stripe, confirmIntent } = useFakeStripeClient();

function requesting(
  request: "any" | "challenge" | "automatic",
  extra: Partial<Stripe.PaymentIntentCreateParams> = {},
): Partial<Stripe.PaymentIntentCreateParams> {
  return { payment_method_options: { card: { request_three_d_secure: request } }, ...extra };
}

async function threeDSecureOf(intentId: string) {
  const intent = await stripe.paymentIntents.retrieve(intentId, { expand: ["latest_charge"] });
  const charge = intent.latest_charge;
  if (charge === null || typeof charge === "string") throw new Error("no expanded charge");
  return charge.payment_method_details?.card?.three_d_secure;
}

describe("requesting 3D Secure", () => {
  it.each(["any", "challenge"] as const)(
    "with %s, a card that would pass without it is challenged",
    async (request) => {
      const intent = await confirmIntent("pm_card_visa", requesting(request));
      expect(intent).toMatchObject({
        status: "requires_action",
        next_action: {
          type: "use_stripe_sdk",
          use_stripe_sdk: { type: "three_d_secure_redirect" },
        },
        payment_method_options: { card: { request_three_d_secure: request } },
      });
      expect(fake.events.at(-1)?.type).toBe("payment_intent.requires_action");
    },
  );

  it("the challenge redirects to the return_url as for a card that needs 3D Secure", async () => {
    const intent = await confirmIntent(
      "pm_card_mastercard",
      requesting("any", { return_url: "https://shop.example/return" }),
    );
    expect(intent.next_action).toMatchObject({
      type: "redirect_to_url",
      redirect_to_url: { return_url: "https://shop.example/return" },
    });
  });

  it("passing the challenge succeeds the payment and records 3D Secure on the charge", async () => {
    const intent = await confirmIntent("pm_card_visa", requesting("any"));
    fake.completeThreeDS(intent.id);
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({
      status: "succeeded",
      amount_received: 1000,
    });
    expect(await threeDSecureOf(intent.id)).toMatchObject({
      authentication_flow: "challenge",
      electronic_commerce_indicator: "05",
      result: "authenticated",
      result_reason: null,
      version: "2.2.0",
      transaction_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it("passing the challenge on a manual-capture intent authorizes the hold", async () => {
    const intent = await confirmIntent(
      "pm_card_mastercard",
      requesting("challenge", { capture_method: "manual" }),
    );
    fake.completeThreeDS(intent.id);
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({
      status: "requires_capture",
      amount_capturable: 1000,
    });
    expect(await threeDSecureOf(intent.id)).toMatchObject({
      result: "authenticated",
      electronic_commerce_indicator: "02",
    });
  });

  it("failing the challenge returns the intent to requires_payment_method", async () => {
    const intent = await confirmIntent("pm_card_visa", requesting("any"));
    fake.failThreeDS(intent.id);
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({
      status: "requires_payment_method",
      last_payment_error: { code: "payment_intent_authentication_failure" },
    });
  });

  it("a card that declines still declines once the customer authenticated", async () => {
    const intent = await confirmIntent(
      "pm_card_chargeDeclinedInsufficientFunds",
      requesting("any"),
    );
    expect(intent.status).toBe("requires_action");
    fake.completeThreeDS(intent.id);
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({
      status: "requires_payment_method",
      last_payment_error: { code: "card_declined", decline_code: "insufficient_funds" },
    });
    expect(fake.events.at(-1)?.type).toBe("payment_intent.payment_failed");
  });

  it("the request may come with the confirmation", async () => {
    const created = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      payment_method: "pm_card_visa",
    });
    const confirmed = await stripe.paymentIntents.confirm(created.id, {
      payment_method_options: { card: { request_three_d_secure: "any" } },
    });
    expect(confirmed.status).toBe("requires_action");
  });
});

describe("without a request", () => {
  it("automatic leaves a card that does not need 3D Secure unchallenged, three_d_secure null", async () => {
    const intent = await confirmIntent("pm_card_visa", requesting("automatic"));
    expect(intent.status).toBe("succeeded");
    expect(await threeDSecureOf(intent.id)).toBeNull();
  });

  it("a card where 3D Secure is optional is not challenged", async () => {
    const intent = await confirmIntent("pm_card_threeDSecureOptional");
    expect(intent.status).toBe("succeeded");
  });

  it("a card that needs 3D Secure records it on the charge once passed", async () => {
    const intent = await confirmIntent("pm_card_threeDSecure2Required");
    fake.completeThreeDS(intent.id);
    expect(await threeDSecureOf(intent.id)).toMatchObject({
      authentication_flow: "challenge",
      result: "authenticated",
    });
  });
});
