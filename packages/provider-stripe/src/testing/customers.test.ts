import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { useFakeStripeClient } from "./test-support";

const { fake, stripe, confirmIntent } = useFakeStripeClient();

describe("customers", () => {
  it("a customer can be created, updated, retrieved and deleted", async () => {
    const customer = await stripe.customers.create({
      email: "ada@example.com",
      name: "Ada",
      metadata: { tier: "gold" },
    });
    expect(customer).toMatchObject({
      object: "customer",
      email: "ada@example.com",
      name: "Ada",
      metadata: { tier: "gold" },
    });
    expect(customer.id).toMatch(/^cus_/);
    await stripe.customers.update(customer.id, { name: "Ada Lovelace" });
    await expect(stripe.customers.retrieve(customer.id)).resolves.toMatchObject({
      name: "Ada Lovelace",
      email: "ada@example.com",
    });
    await expect(stripe.customers.del(customer.id)).resolves.toEqual(
      expect.objectContaining({ id: customer.id, deleted: true }),
    );
    await expect(stripe.customers.retrieve(customer.id)).resolves.toMatchObject({
      id: customer.id,
      deleted: true,
    });
    await expect(stripe.customers.del(customer.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("an unknown customer is refused where it is referenced", async () => {
    await expect(stripe.customers.retrieve("cus_missing")).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });
    await expect(
      stripe.paymentIntents.create({ amount: 1000, currency: "usd", customer: "cus_missing" }),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: "resource_missing",
      param: "customer",
    });
  });
});

describe("saved payment methods", () => {
  it("a confirmed SetupIntent succeeds and attaches the payment method to the customer", async () => {
    const customer = await stripe.customers.create({ email: "ada@example.com" });
    const setup = await stripe.setupIntents.create({
      customer: customer.id,
      payment_method: "pm_card_mastercard",
      confirm: true,
      usage: "off_session",
    });
    expect(setup).toMatchObject({
      object: "setup_intent",
      status: "succeeded",
      customer: customer.id,
      usage: "off_session",
    });
    const methods = await stripe.paymentMethods.list({ customer: customer.id, type: "card" });
    expect(methods).toMatchObject({ object: "list", has_more: false, url: "/v1/payment_methods" });
    expect(
      methods.data.map((method) => [method.id, method.card?.brand, method.card?.last4]),
    ).toEqual([[setup.payment_method, "mastercard", "4444"]]);
    const viaCustomer = await stripe.customers.listPaymentMethods(customer.id, { type: "card" });
    expect(viaCustomer.data.map((method) => method.id)).toEqual([setup.payment_method]);
  });

  it("a saved card keeps its test behaviour when charged off-session", async () => {
    const customer = await stripe.customers.create({});
    const setup = await stripe.setupIntents.create({
      customer: customer.id,
      payment_method: "pm_card_chargeDeclinedInsufficientFunds",
      confirm: true,
    });
    await expect(
      stripe.paymentIntents.create({
        amount: 1000,
        currency: "usd",
        customer: customer.id,
        payment_method: String(setup.payment_method),
        off_session: true,
        confirm: true,
      }),
    ).rejects.toMatchObject({ statusCode: 402, decline_code: "insufficient_funds" });
  });

  it("payment methods attach to and detach from a customer", async () => {
    const customer = await stripe.customers.create({});
    const attached = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    expect(attached).toMatchObject({
      customer: customer.id,
      type: "card",
      card: { last4: "4242" },
    });
    const other = await stripe.customers.create({});
    await expect(
      stripe.paymentMethods.attach(attached.id, { customer: other.id }),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(stripe.paymentMethods.detach(attached.id)).resolves.toMatchObject({
      customer: null,
    });
    await expect(stripe.customers.listPaymentMethods(customer.id)).resolves.toMatchObject({
      data: [],
    });
    await expect(stripe.paymentMethods.detach(attached.id)).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it("a payment with setup_future_usage saves its method to the customer", async () => {
    const customer = await stripe.customers.create({});
    const intent = await confirmIntent("pm_card_visa", {
      customer: customer.id,
      setup_future_usage: "off_session",
    });
    const methods = await stripe.customers.listPaymentMethods(customer.id);
    expect(methods.data.map((method) => method.id)).toEqual([intent.payment_method]);
  });

  it("the Node http client reaches the fake as well as fetch does", async () => {
    const nodeClient = new Stripe("sk_test_123", { maxNetworkRetries: 2 });
    const customer = await nodeClient.customers.create({ email: "node@example.com" });
    expect(fake.customers.get(customer.id)?.email).toBe("node@example.com");
  });
});
