import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { useFakeStripeClient } from "./test-support";

const { fake, stripe, confirmIntent } = useFakeStripeClient();

function offSession(payment_method: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) {
  return confirmIntent(payment_method, { off_session: true, ...extra });
}

async function refusal(attempt: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const caught = await attempt.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(caught instanceof Stripe.errors.StripeError)) throw new Error("the request did not fail");
  return caught;
}

async function savedCard(testId: string): Promise<{ customer: string; method: string }> {
  const customer = await stripe.customers.create({ email: "ada@example.com" });
  const setup = await stripe.setupIntents.create({
    customer: customer.id,
    payment_method: testId,
    confirm: true,
    usage: "off_session",
  });
  return { customer: customer.id, method: String(setup.payment_method) };
}

describe("parameters", () => {
  it("off_session without confirm is refused", async () => {
    await expect(
      stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        payment_method: "pm_card_visa",
        off_session: true,
      }),
    ).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      param: "off_session",
    });
    expect(fake.paymentIntents.size).toBe(0);
  });

  it("off_session with setup_future_usage is refused in Stripe's words", async () => {
    await expect(
      offSession("pm_card_visa", { setup_future_usage: "off_session" }),
    ).rejects.toMatchObject({
      statusCode: 400,
      message:
        "You cannot confirm with the `off_session` parameter when `setup_future_usage` is also set on the PaymentIntent because you cannot set up future usages when processing payments off-session.",
    });
  });

  it("off_session may say recurring or one_off", async () => {
    await expect(
      stripe.rawRequest("POST", "/v1/payment_intents", {
        amount: 1000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        off_session: "recurring",
      }),
    ).resolves.toMatchObject({ status: "succeeded" });
  });
});

describe("a card that needs authentication, off-session", () => {
  it("fails with 402 authentication_required and goes back to requires_payment_method", async () => {
    const error = await refusal(offSession("pm_card_authenticationRequired"));
    expect(error).toMatchObject({ statusCode: 402, code: "authentication_required" });
    const intentId = error.payment_intent?.id ?? "";
    await expect(stripe.paymentIntents.retrieve(intentId)).resolves.toMatchObject({
      status: "requires_payment_method",
      payment_method: null,
      last_payment_error: {
        type: "card_error",
        code: "authentication_required",
        decline_code: "authentication_required",
      },
    });
    expect(fake.events.at(-1)?.type).toBe("payment_intent.payment_failed");
  });

  it("fails even when saved with a SetupIntent, as pm_card_authenticationRequired always asks", async () => {
    const { customer, method } = await savedCard("pm_card_authenticationRequired");
    await expect(offSession(method, { customer })).rejects.toMatchObject({
      code: "authentication_required",
    });
  });
});

describe("cards Stripe exempts off-session", () => {
  it("pm_card_authenticationRequiredOnSetup fails off-session until it is set up", async () => {
    await expect(offSession("pm_card_authenticationRequiredOnSetup")).rejects.toMatchObject({
      code: "authentication_required",
    });
  });

  it("pm_card_authenticationRequiredOnSetup succeeds off-session once set up with a SetupIntent", async () => {
    const { customer, method } = await savedCard("pm_card_authenticationRequiredOnSetup");
    await expect(offSession(method, { customer })).resolves.toMatchObject({ status: "succeeded" });
    // On-session, the customer is still asked to authenticate.
    await expect(confirmIntent(method, { customer })).resolves.toMatchObject({
      status: "requires_action",
    });
  });

  it("pm_card_authenticationRequiredOnSetup is set up by an authenticated payment with setup_future_usage", async () => {
    const customer = await stripe.customers.create({ email: "ada@example.com" });
    const first = await confirmIntent("pm_card_authenticationRequiredOnSetup", {
      customer: customer.id,
      setup_future_usage: "off_session",
    });
    expect(first.status).toBe("requires_action");
    fake.completeThreeDS(first.id);
    await expect(
      offSession(String(first.payment_method), { customer: customer.id }),
    ).resolves.toMatchObject({ status: "succeeded" });
  });

  it("pm_card_authenticationRequiredSetupForOffSession succeeds off-session without being set up", async () => {
    await expect(
      offSession("pm_card_authenticationRequiredSetupForOffSession"),
    ).resolves.toMatchObject({ status: "succeeded" });
    await expect(
      confirmIntent("pm_card_authenticationRequiredSetupForOffSession"),
    ).resolves.toMatchObject({ status: "requires_action" });
  });
});

describe("3D Secure requested off-session", () => {
  it("request_three_d_secure any cannot be honoured without the customer: 402 authentication_required", async () => {
    await expect(
      offSession("pm_card_visa", {
        payment_method_options: { card: { request_three_d_secure: "any" } },
      }),
    ).rejects.toMatchObject({ statusCode: 402, code: "authentication_required" });
  });

  it("a card that needs nothing succeeds off-session", async () => {
    await expect(offSession("pm_card_visa")).resolves.toMatchObject({ status: "succeeded" });
  });
});
