import { describe, expect, it } from "vitest";
import { stripeService, useFakeStripe } from "./setup-stripe";

const fake = useFakeStripe();

describe("Stripe account holders and saved payment methods", () => {
  it("creates one Stripe customer per customer, however often it is asked", async () => {
    const { service } = stripeService();
    const input = {
      provider_id: "stripe",
      context: { customer: { id: "cus_local_1", email: "ada@example.com" } },
    };
    const [a, b] = await Promise.all([
      service.createAccountHolder(input),
      service.createAccountHolder(input),
    ]);
    const again = await service.createAccountHolder(input);
    expect(a.id).toBe(b.id);
    expect(again.external_id).toBe(a.external_id);
    expect(fake.customers.size).toBe(1);
    expect(fake.customers.get(a.external_id)).toMatchObject({ email: "ada@example.com" });
  });

  it("charges the account holder's customer and saves a card through a SetupIntent", async () => {
    const { service } = stripeService();
    const holder = await service.createAccountHolder({
      provider_id: "stripe",
      context: { customer: { id: "cus_local_2", email: "grace@example.com" } },
    });
    const saved = await service.createPaymentMethods({
      account_holder_id: holder.id,
      data: { payment_method: "pm_card_visa" },
    });
    expect(saved.id).toMatch(/^pm_/);
    const methods = await service.listPaymentMethods({ account_holder_id: holder.id });
    expect(methods.map((m) => m.id)).toContain(saved.id);
    expect(methods[0]?.data).toMatchObject({ type: "card", last4: expect.any(String) });

    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 2000,
    });
    const session = await service.createPaymentSession(collection.id, {
      provider_id: "stripe",
      currency_code: "usd",
      amount: 2000,
      data: { payment_method: saved.id },
      context: {
        account_holder: { id: holder.id, external_id: holder.external_id, data: holder.data },
      },
    });
    expect(fake.paymentIntents.get(String(session.data.id))?.customer).toBe(holder.external_id);
    expect((await service.authorizePaymentSession(session.id)).status).toBe("authorized");
  });

  it("detaches on delete and keeps the Stripe customer, unless asked to destroy it", async () => {
    const { service } = stripeService();
    const kept = await service.createAccountHolder({
      provider_id: "stripe",
      context: { customer: { id: "c1" } },
    });
    await service.deleteAccountHolder(kept.id);
    // Stripe unsets a metadata key set to "": the customer stays, unlinked from Tender.
    const customer = fake.customers.get(kept.external_id);
    expect(customer?.id).toBe(kept.external_id);
    expect(customer?.metadata).not.toHaveProperty("tender_customer_id");

    const destroyed = await service.createAccountHolder({
      provider_id: "stripe",
      context: { customer: { id: "c2" } },
    });
    await service.deleteAccountHolder(destroyed.id, { destroy: true });
    expect(fake.customers.get(destroyed.external_id)).toBeUndefined();
  });

  it("updates the Stripe customer when the account holder is updated", async () => {
    const { service } = stripeService();
    const holder = await service.createAccountHolder({
      provider_id: "stripe",
      context: { customer: { id: "cus_local_3", email: "old@example.com" } },
    });
    const updated = await service.updateAccountHolder({
      id: holder.id,
      context: { customer: { id: "cus_local_3", email: "new@example.com" } },
    });
    expect(updated.email).toBe("new@example.com");
    expect(fake.customers.get(holder.external_id)?.email).toBe("new@example.com");
  });
});
