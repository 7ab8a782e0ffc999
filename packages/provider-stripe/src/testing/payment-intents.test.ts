import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { useFakeStripeClient } from "./test-support";

const NOW = Date.UTC(2030, 0, 15, 12, 0, 0);
const { fake, stripe, confirmIntent } = useFakeStripeClient({ now: () => NOW });

async function authorize(amount = 1000, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) {
  return confirmIntent("pm_card_visa", {
    amount,
    currency: "eur",
    capture_method: "manual",
    ...extra,
  });
}

describe("creating and confirming", () => {
  it("a new intent without a payment method requires one", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    expect(intent).toMatchObject({
      object: "payment_intent",
      status: "requires_payment_method",
      livemode: false,
      amount: 1000,
    });
    expect(intent.id).toMatch(/^pi_/);
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    expect(intent.created).toBe(NOW / 1000);
  });

  it("an intent with a payment method requires confirmation, then confirming succeeds", async () => {
    const created = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      payment_method: "pm_card_mastercard",
    });
    expect(created.status).toBe("requires_confirmation");
    const confirmed = await stripe.paymentIntents.confirm(created.id);
    expect(confirmed).toMatchObject({ status: "succeeded", amount_received: 1000 });
  });

  it("automatic capture succeeds with the whole amount received", async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 2500,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
      metadata: { session_id: "ses_1" },
    });
    expect(intent).toMatchObject({
      status: "succeeded",
      amount_received: 2500,
      amount_capturable: 0,
      capture_method: "automatic_async",
      metadata: { session_id: "ses_1" },
    });
    expect(fake.events.map((event) => event.type)).toEqual([
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "charge.updated",
    ]);
  });

  it("a test payment method id becomes a card payment method of its own", async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      payment_method: "pm_card_visa",
    });
    const methodId = String(intent.payment_method);
    expect(methodId).toMatch(/^pm_/);
    expect(methodId).not.toBe("pm_card_visa");
    const method = await stripe.paymentMethods.retrieve(methodId);
    expect(method).toMatchObject({ type: "card", card: { brand: "visa", last4: "4242" } });
  });

  it("an unknown payment method id is refused with resource_missing", async () => {
    await expect(
      stripe.paymentIntents.create({ amount: 1000, currency: "usd", payment_method: "pm_nope" }),
    ).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      code: "resource_missing",
      param: "payment_method",
    });
  });

  it("a payment method type the intent does not allow is refused", async () => {
    await expect(
      stripe.paymentIntents.create({
        amount: 1000,
        currency: "eur",
        allowed_payment_method_types: ["card"],
        payment_method: "pm_sepa_debit",
        confirm: true,
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: "payment_method" });
    expect(fake.paymentIntents.size).toBe(0);
  });

  it("payment_method_types, the older name of the parameter, restricts the types as well", async () => {
    const intent = await stripe.rawRequest("POST", "/v1/payment_intents", {
      amount: 1000,
      currency: "eur",
      payment_method_types: ["sepa_debit"],
    });
    expect(intent).toMatchObject({
      payment_method_types: ["sepa_debit"],
      automatic_payment_methods: null,
    });
  });

  it("an unknown parameter is refused as Stripe refuses it", async () => {
    const response = await fetch("https://api.stripe.com/v1/payment_intents", {
      method: "POST",
      headers: {
        authorization: "Bearer sk_test_123",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "amount=1000&currency=usd&amout=5",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "parameter_unknown", param: "amout" },
    });
  });

  it("retrieving an unknown intent answers 404 resource_missing", async () => {
    await expect(stripe.paymentIntents.retrieve("pi_missing")).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
      message: "No such payment_intent: 'pi_missing'",
    });
  });
});

describe("amount rules", () => {
  it.each([
    ["usd", 49],
    ["eur", 49],
    ["gbp", 29],
    ["jpy", 49],
  ])(
    "an amount below Stripe's minimum for %s is refused with amount_too_small",
    async (currency, amount) => {
      await expect(stripe.paymentIntents.create({ amount, currency })).rejects.toMatchObject({
        statusCode: 400,
        code: "amount_too_small",
        param: "amount",
      });
    },
  );

  it("the minimum itself is accepted", async () => {
    await expect(
      stripe.paymentIntents.create({ amount: 30, currency: "gbp" }),
    ).resolves.toMatchObject({ amount: 30 });
  });

  it("a three-decimal amount whose last digit is not 0 is refused", async () => {
    await expect(
      stripe.paymentIntents.create({ amount: 1005, currency: "kwd" }),
    ).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      param: "amount",
    });
    await expect(
      stripe.paymentIntents.create({ amount: 1010, currency: "kwd" }),
    ).resolves.toMatchObject({ currency: "kwd" });
  });
});

describe("manual capture", () => {
  it("an authorized card holds the amount until captured, with a capture deadline seven days out", async () => {
    const intent = await authorize(1000, { expand: ["latest_charge"] });
    expect(intent).toMatchObject({
      status: "requires_capture",
      amount_capturable: 1000,
      amount_received: 0,
    });
    const charge = intent.latest_charge;
    if (charge === null || typeof charge === "string")
      throw new Error("latest_charge was not expanded");
    expect(charge.payment_method_details?.card?.capture_before).toBe(NOW / 1000 + 7 * 24 * 60 * 60);
    expect(charge).toMatchObject({ object: "charge", captured: false, amount: 1000 });
  });

  it("latest_charge is an id unless expanded", async () => {
    const intent = await authorize();
    expect(intent.latest_charge).toMatch(/^ch_/);
    const retrieved = await stripe.paymentIntents.retrieve(intent.id, {
      expand: ["latest_charge"],
    });
    expect(retrieved.latest_charge).toMatchObject({ id: intent.latest_charge, object: "charge" });
  });

  it("a partial capture receives that amount, releases the rest and succeeds", async () => {
    const intent = await authorize(1000);
    const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 600 });
    expect(captured).toMatchObject({
      status: "succeeded",
      amount_received: 600,
      amount_capturable: 0,
    });
    expect(fake.events.map((event) => event.type)).toEqual([
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.amount_capturable_updated",
      "payment_intent.succeeded",
      "charge.captured",
    ]);
  });

  it("capturing more than is capturable is refused with amount_too_large", async () => {
    const intent = await authorize(1000);
    await expect(
      stripe.paymentIntents.capture(intent.id, { amount_to_capture: 1001 }),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: "amount_too_large",
    });
    expect(fake.paymentIntents.get(intent.id)?.status).toBe("requires_capture");
  });

  it("capturing an intent that is not requires_capture is refused with payment_intent_unexpected_state", async () => {
    const intent = await confirmIntent("pm_card_visa");
    await expect(stripe.paymentIntents.capture(intent.id)).rejects.toMatchObject({
      statusCode: 400,
      code: "payment_intent_unexpected_state",
    });
  });

  it("without multicapture, final_capture=false is refused", async () => {
    const intent = await authorize(1000);
    await expect(
      stripe.paymentIntents.capture(intent.id, { amount_to_capture: 100, final_capture: false }),
    ).rejects.toMatchObject({
      statusCode: 400,
      param: "final_capture",
    });
  });

  it("with multicapture, non-final captures keep the hold and lower what is capturable", async () => {
    const intent = await authorize(1000, {
      payment_method_options: { card: { request_multicapture: "if_available" } },
    });
    const first = await stripe.paymentIntents.capture(intent.id, {
      amount_to_capture: 300,
      final_capture: false,
    });
    expect(first).toMatchObject({
      status: "requires_capture",
      amount_capturable: 700,
      amount_received: 300,
    });
    const second = await stripe.paymentIntents.capture(intent.id, {
      amount_to_capture: 200,
      final_capture: false,
    });
    expect(second).toMatchObject({
      status: "requires_capture",
      amount_capturable: 500,
      amount_received: 500,
    });
    const last = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 100 });
    expect(last).toMatchObject({ status: "succeeded", amount_capturable: 0, amount_received: 600 });
    expect(fake.charges.get(String(intent.latest_charge))).toMatchObject({
      amount_captured: 600,
      captured: true,
    });
  });

  it("with multicapture, takes at most 50 captures, the last of them final", async () => {
    const intent = await authorize(10_000, {
      payment_method_options: { card: { request_multicapture: "if_available" } },
    });
    for (let n = 1; n <= 49; n++) {
      await stripe.paymentIntents.capture(intent.id, {
        amount_to_capture: 10,
        final_capture: false,
      });
    }
    await expect(
      stripe.paymentIntents.capture(intent.id, { amount_to_capture: 10, final_capture: false }),
    ).rejects.toMatchObject({ statusCode: 400, message: expect.stringMatching(/at most 50/) });
    const last = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 10 });
    expect(last).toMatchObject({ status: "succeeded", amount_received: 500 });
  });

  it("answers 409 idempotency_key_in_use to a request whose key a slower one is still using", async () => {
    const intent = await authorize(1000);
    fake.failNext(
      { method: "POST", path: "/v1/payment_intents" },
      { type: "slow_response", delayMs: 300 },
    );
    const send = () =>
      fetch(`https://api.stripe.com/v1/payment_intents/${intent.id}/capture`, {
        method: "POST",
        headers: {
          Authorization: "Bearer sk_test_123",
          "Content-Type": "application/x-www-form-urlencoded",
          "Idempotency-Key": "capture-once",
        },
        body: "",
      });
    const slow = send();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const concurrent = await send();
    expect(concurrent.status).toBe(409);
    expect(await concurrent.json()).toMatchObject({
      error: { type: "idempotency_error", code: "idempotency_key_in_use" },
    });
    expect((await slow).status).toBe(200);
    // Once the first has answered, the key replays its answer; the money moved once.
    const again = await send();
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(fake.paymentIntents.get(intent.id)?.amount_received).toBe(1000);
  });

  it("an expired hold ends canceled with cancellation_reason expired, then charge.expired", async () => {
    const intent = await authorize();
    fake.expireAuthorization(intent.id);
    const expired = await stripe.paymentIntents.retrieve(intent.id);
    expect(expired).toMatchObject({
      status: "canceled",
      cancellation_reason: "expired",
      amount_capturable: 0,
    });
    expect(fake.events.slice(-2)).toMatchObject([
      { type: "payment_intent.canceled", request: { id: null, idempotency_key: null } },
      { type: "charge.expired", data: { object: { id: intent.latest_charge } } },
    ]);
  });
});

describe("updating", () => {
  it("amount and payment method may change before confirmation", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const updated = await stripe.paymentIntents.update(intent.id, {
      amount: 1500,
      payment_method: "pm_card_visa",
    });
    expect(updated).toMatchObject({ amount: 1500, status: "requires_confirmation" });
  });

  it("metadata merges, and an empty value removes a key", async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      metadata: { a: "1", b: "2" },
    });
    const updated = await stripe.paymentIntents.update(intent.id, { metadata: { b: "", c: "3" } });
    expect(updated.metadata).toEqual({ a: "1", c: "3" });
  });

  it("the amount cannot change after confirmation", async () => {
    const intent = await authorize();
    await expect(stripe.paymentIntents.update(intent.id, { amount: 2000 })).rejects.toMatchObject({
      statusCode: 400,
      code: "payment_intent_unexpected_state",
    });
  });

  it("the amount may change while 3D Secure is pending, which asks for confirmation again", async () => {
    const intent = await confirmIntent("pm_card_threeDSecure2Required");
    const updated = await stripe.paymentIntents.update(intent.id, { amount: 1200 });
    expect(updated).toMatchObject({
      amount: 1200,
      status: "requires_confirmation",
      next_action: null,
    });
  });

  it("metadata can still change after confirmation", async () => {
    const intent = await authorize();
    await expect(
      stripe.paymentIntents.update(intent.id, { metadata: { note: "x" } }),
    ).resolves.toMatchObject({
      metadata: { note: "x" },
    });
  });
});

describe("canceling", () => {
  it.each(["requires_payment_method", "requires_confirmation", "requires_capture"])(
    "an intent in %s can be canceled",
    async (status) => {
      const intent =
        status === "requires_capture"
          ? await authorize()
          : await stripe.paymentIntents.create({
              amount: 1000,
              currency: "usd",
              ...(status === "requires_confirmation" ? { payment_method: "pm_card_visa" } : {}),
            });
      expect(intent.status).toBe(status);
      const canceled = await stripe.paymentIntents.cancel(intent.id, {
        cancellation_reason: "requested_by_customer",
      });
      expect(canceled).toMatchObject({
        status: "canceled",
        cancellation_reason: "requested_by_customer",
        canceled_at: NOW / 1000,
      });
    },
  );

  it("an intent in requires_action can be canceled", async () => {
    const intent = await confirmIntent("pm_card_threeDSecure2Required");
    await expect(stripe.paymentIntents.cancel(intent.id)).resolves.toMatchObject({
      status: "canceled",
      cancellation_reason: null,
    });
  });

  it("a succeeded intent cannot be canceled", async () => {
    const intent = await confirmIntent("pm_card_visa");
    await expect(stripe.paymentIntents.cancel(intent.id)).rejects.toMatchObject({
      statusCode: 400,
      code: "payment_intent_unexpected_state",
    });
  });

  it("a canceled intent cannot be canceled again", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    await stripe.paymentIntents.cancel(intent.id);
    await expect(stripe.paymentIntents.cancel(intent.id)).rejects.toMatchObject({
      code: "payment_intent_unexpected_state",
    });
  });

  it("a processing intent cannot be canceled", async () => {
    const intent = await confirmIntent("pm_sepa_debit", { currency: "eur" });
    await expect(stripe.paymentIntents.cancel(intent.id)).rejects.toMatchObject({
      code: "payment_intent_unexpected_state",
    });
  });

  it("a cancellation reason outside Stripe's list is refused", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    await expect(
      stripe.rawRequest("POST", `/v1/payment_intents/${intent.id}/cancel`, {
        cancellation_reason: "bored",
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: "cancellation_reason" });
  });
});

describe("authentication", () => {
  it("a request without a secret test key answers 401 without echoing the key", async () => {
    const client = new Stripe("sk_live_abcdefghijklmnop1234", {
      httpClient: Stripe.createFetchHttpClient(),
    });
    const error = await client.paymentIntents.create({ amount: 1000, currency: "usd" }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error).toMatchObject({ statusCode: 401 });
    const message = error instanceof Error ? error.message : "";
    expect(message).toMatch(/^Invalid API Key provided: sk_live_\*+1234$/);
    expect(message).not.toContain("abcdefghijklmnop");
  });

  it("every response carries a Request-Id", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    expect(intent.lastResponse.requestId).toMatch(/^req_/);
  });
});
