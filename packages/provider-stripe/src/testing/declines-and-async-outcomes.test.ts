import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { useFakeStripeClient } from "./test-support";

const { fake, stripe, confirmIntent } = useFakeStripeClient();

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

describe("declines", () => {
  it.each([
    ["pm_card_chargeDeclined", "card_declined", "generic_decline"],
    ["pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds"],
    ["pm_card_chargeDeclinedLostCard", "card_declined", "lost_card"],
    ["pm_card_chargeDeclinedStolenCard", "card_declined", "stolen_card"],
    ["pm_card_chargeDeclinedExpiredCard", "expired_card", "expired_card"],
    ["pm_card_chargeDeclinedIncorrectCvc", "incorrect_cvc", "incorrect_cvc"],
    ["pm_card_chargeDeclinedProcessingError", "processing_error", "processing_error"],
  ])(
    "%s is declined with code %s and decline_code %s",
    async (paymentMethod, code, declineCode) => {
      const error = await rejectionOf(
        stripe.paymentIntents.create({
          amount: 1000,
          currency: "usd",
          payment_method: paymentMethod,
          confirm: true,
        }),
      );
      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(error).toMatchObject({
        type: "StripeCardError",
        statusCode: 402,
        code,
        decline_code: declineCode,
      });
      const intent = error instanceof Stripe.errors.StripeError ? error.payment_intent : undefined;
      expect(intent).toMatchObject({
        status: "requires_payment_method",
        payment_method: null,
        last_payment_error: { type: "card_error", code, decline_code: declineCode },
      });
      expect(fake.events.map((event) => event.type)).toEqual([
        "payment_intent.created",
        "charge.failed",
        "payment_intent.payment_failed",
      ]);
    },
  );

  it("after a decline, confirming again with a good card succeeds", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    await rejectionOf(
      stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_card_chargeDeclined" }),
    );
    const retried = await stripe.paymentIntents.confirm(intent.id, {
      payment_method: "pm_card_visa",
    });
    expect(retried).toMatchObject({ status: "succeeded", last_payment_error: null });
  });

  it("the decline is stored for the idempotency key and replayed", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const options = { idempotencyKey: "confirm-1" };
    const params = { payment_method: "pm_card_chargeDeclined" };
    const first = await rejectionOf(stripe.paymentIntents.confirm(intent.id, params, options));
    const second = await rejectionOf(stripe.paymentIntents.confirm(intent.id, params, options));
    expect(second).toMatchObject({ statusCode: 402, decline_code: "generic_decline" });
    expect(second).toMatchObject({ headers: { "idempotent-replayed": "true" } });
    expect(first).not.toMatchObject({ headers: { "idempotent-replayed": "true" } });
    expect(
      fake.events.filter((event) => event.type === "payment_intent.payment_failed"),
    ).toHaveLength(1);
  });
});

describe("3D Secure", () => {
  it.each(["pm_card_threeDSecure2Required", "pm_card_authenticationRequired"])(
    "%s requires action through the SDK",
    async (paymentMethod) => {
      const intent = await confirmIntent(paymentMethod);
      expect(intent.status).toBe("requires_action");
      expect(intent.next_action).toMatchObject({ type: "use_stripe_sdk" });
    },
  );

  it("with a return_url the next action is a redirect back to it", async () => {
    const intent = await confirmIntent("pm_card_threeDSecure2Required", {
      return_url: "https://shop.example/return",
    });
    expect(intent.next_action).toMatchObject({
      type: "redirect_to_url",
      redirect_to_url: {
        url: expect.stringMatching(/^https:\/\//),
        return_url: "https://shop.example/return",
      },
    });
    expect(fake.events.at(-1)?.type).toBe("payment_intent.requires_action");
  });

  it("completing 3D Secure on a manual-capture intent authorizes the hold", async () => {
    const intent = await confirmIntent("pm_card_threeDSecure2Required", {
      capture_method: "manual",
    });
    fake.completeThreeDS(intent.id);
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({
      status: "requires_capture",
      amount_capturable: 1000,
      next_action: null,
    });
  });

  it("completing 3D Secure on an automatic-capture intent succeeds it", async () => {
    const intent = await confirmIntent("pm_card_authenticationRequired");
    fake.completeThreeDS(intent.id);
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({
      status: "succeeded",
      amount_received: 1000,
    });
    expect(fake.events.slice(-3)).toMatchObject([
      { type: "charge.succeeded", request: { id: null } },
      { type: "payment_intent.succeeded", request: { id: null } },
      { type: "charge.updated", request: { id: null } },
    ]);
  });

  it("failing 3D Secure returns the intent to requires_payment_method with an authentication failure", async () => {
    const intent = await confirmIntent("pm_card_threeDSecure2Required");
    fake.failThreeDS(intent.id);
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({
      status: "requires_payment_method",
      payment_method: null,
      next_action: null,
      last_payment_error: { code: "payment_intent_authentication_failure" },
    });
    expect(fake.events.at(-1)?.type).toBe("payment_intent.payment_failed");
  });

  it("off-session, a card that needs authentication is declined with authentication_required", async () => {
    await expect(
      stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        payment_method: "pm_card_authenticationRequired",
        confirm: true,
        off_session: true,
      }),
    ).rejects.toMatchObject({ statusCode: 402, code: "authentication_required" });
  });

  it("completing 3D Secure on an intent that does not wait for it throws", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    expect(() => fake.completeThreeDS(intent.id)).toThrow(/must be requires_action/);
    expect(() => fake.failThreeDS("pi_unknown")).toThrow(/no PaymentIntent/);
  });
});

describe("SEPA debit", () => {
  it("a SEPA debit is processing until it settles, then succeeds", async () => {
    const intent = await confirmIntent("pm_sepa_debit", { currency: "eur" });
    expect(intent).toMatchObject({ status: "processing", amount_received: 0 });
    fake.settleProcessing(intent.id, "succeeded");
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({
      status: "succeeded",
      amount_received: 1000,
    });
    expect(fake.events.map((event) => event.type)).toEqual([
      "payment_intent.created",
      "charge.pending",
      "payment_intent.processing",
      "charge.succeeded",
      "payment_intent.succeeded",
    ]);
  });

  it("a failed SEPA debit returns the intent to requires_payment_method", async () => {
    const intent = await confirmIntent("pm_sepa_debit", { currency: "eur" });
    fake.settleProcessing(intent.id, "failed");
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toMatchObject({
      status: "requires_payment_method",
      last_payment_error: { code: "payment_intent_payment_attempt_failed" },
    });
    expect(fake.events.at(-1)?.type).toBe("payment_intent.payment_failed");
  });

  it("a SEPA debit cannot be captured manually", async () => {
    await expect(
      stripe.paymentIntents.create({
        amount: 1000,
        currency: "eur",
        payment_method: "pm_sepa_debit",
        capture_method: "manual",
        confirm: true,
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: "capture_method" });
  });
});
