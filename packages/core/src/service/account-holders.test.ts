import { describe, expect, it } from "vitest";
import { createPaymentModuleService, type PaymentModuleService } from "../index";
import { scriptedProvider } from "../testing/index";
import { vaultProvider } from "./test-support";

function setup() {
  const vault = vaultProvider();
  const plain = scriptedProvider({ id: "plain" });
  const service = createPaymentModuleService({ providers: [vault, plain] });
  return { vault, plain, service };
}

const ada = {
  provider_id: "vault",
  context: { customer: { id: "cust_ada", email: "ada@example.com" } },
};

function storedHolders(service: PaymentModuleService) {
  return service.store.transaction((tx) => tx.list("account_holders"));
}

describe("createAccountHolder", () => {
  it("registers a customer with the provider and keeps its external id", async () => {
    const { service, vault } = setup();
    const holder = await service.createAccountHolder(ada);
    expect(holder).toMatchObject({
      provider_id: "vault",
      customer_id: "cust_ada",
      external_id: "cus_1",
      email: "ada@example.com",
      data: { email: "ada@example.com" },
    });
    expect(holder.id).toMatch(/^acchld_/);
    expect(vault.callsTo("createAccountHolder")[0]?.input).toMatchObject({
      customer: { id: "cust_ada", email: "ada@example.com" },
      idempotency_key: holder.id,
    });
    expect(await storedHolders(service)).toEqual([holder]);
  });

  it("hands the provider the customer's name and phone, and refuses fields a customer has not", async () => {
    const { service, vault } = setup();
    const customer = {
      id: "cust_ada",
      email: null,
      name: "Ada Lovelace",
      phone: "+44 20 7946 0000",
    };
    await service.createAccountHolder({ provider_id: "vault", context: { customer } });
    expect(vault.callsTo("createAccountHolder")[0]?.input).toMatchObject({ customer });

    await expect(
      service.createAccountHolder({
        provider_id: "vault",
        context: { customer: { id: "cust_bob", mail: "bob@example.com" } as never },
      }),
    ).rejects.toMatchObject({ code: "invalid_argument", message: /has no field "mail"/ });
    await expect(
      service.createAccountHolder({
        provider_id: "vault",
        context: { customer: { id: "cust_bob" }, currency: "usd" } as never,
      }),
    ).rejects.toMatchObject({
      code: "invalid_argument",
      message: /context has no field "currency"/,
    });
    expect(await storedHolders(service)).toHaveLength(1);
    expect(vault.callsTo("createAccountHolder")).toHaveLength(1);
  });

  it("returns the same account holder for the same provider and customer, asking the provider once", async () => {
    const { service, vault } = setup();
    const first = await service.createAccountHolder(ada);
    const again = await service.createAccountHolder(ada);
    expect(again).toEqual(first);
    expect(vault.callsTo("createAccountHolder")).toHaveLength(1);
    expect(await storedHolders(service)).toHaveLength(1);
  });

  it("makes one account holder and one provider customer when two creates run at once", async () => {
    const { service, vault } = setup();
    const [first, second] = await Promise.all([
      service.createAccountHolder(ada),
      service.createAccountHolder(ada),
    ]);
    expect(second).toEqual(first);
    expect(await storedHolders(service)).toHaveLength(1);
    expect(vault.customers()).toBe(1);
    // However often the provider was asked, it was asked with one key: one customer.
    for (const call of vault.callsTo("createAccountHolder")) {
      expect(call.input).toMatchObject({ idempotency_key: first.id });
    }
  });

  it("makes one account holder per customer", async () => {
    const { service } = setup();
    const adaHolder = await service.createAccountHolder(ada);
    const grace = await service.createAccountHolder({
      provider_id: "vault",
      context: { customer: { id: "cust_grace" } },
    });
    expect(grace.id).not.toBe(adaHolder.id);
    expect(grace).toMatchObject({ customer_id: "cust_grace", external_id: "cus_2", email: null });
  });

  it("refuses a provider without account holders with capability_not_supported", async () => {
    const { service } = setup();
    await expect(
      service.createAccountHolder({ ...ada, provider_id: "plain" }),
    ).rejects.toMatchObject({
      code: "capability_not_supported",
      message: expect.stringMatching(/plain does not implement createAccountHolder/),
    });
    expect(await storedHolders(service)).toEqual([]);
  });

  it("refuses a provider that is not registered with not_found", async () => {
    const { service } = setup();
    await expect(
      service.createAccountHolder({ ...ada, provider_id: "stripe" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a customer without an id", async () => {
    const { service, vault } = setup();
    await expect(
      service.createAccountHolder({ provider_id: "vault", context: { customer: { id: "" } } }),
    ).rejects.toMatchObject({ code: "invalid_argument" });
    expect(vault.callsTo("createAccountHolder")).toEqual([]);
  });
});

describe("updateAccountHolder", () => {
  it("tells the provider and saves its answer and the new email", async () => {
    const { service, vault } = setup();
    const holder = await service.createAccountHolder(ada);
    const updated = await service.updateAccountHolder({
      id: holder.id,
      context: { customer: { id: "cust_ada", email: "ada@lovelace.dev" } },
    });
    expect(updated).toMatchObject({
      id: holder.id,
      external_id: "cus_1",
      email: "ada@lovelace.dev",
      data: { email: "ada@lovelace.dev", updated: true },
    });
    expect(vault.callsTo("updateAccountHolder")[0]?.input).toMatchObject({
      customer: { email: "ada@lovelace.dev" },
      account_holder: { external_id: "cus_1" },
    });
  });

  it("refuses an account holder that does not exist", async () => {
    const { service } = setup();
    await expect(
      service.updateAccountHolder({ id: "acchld_missing", context: { customer: { id: "x" } } }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("deleteAccountHolder", () => {
  it("detaches the customer without destroying it at the provider unless asked", async () => {
    const { service, vault } = setup();
    const holder = await service.createAccountHolder(ada);
    await service.deleteAccountHolder(holder.id);
    expect(vault.callsTo("deleteAccountHolder")).toHaveLength(1);
    expect(vault.callsTo("deleteAccountHolder")[0]?.input).toMatchObject({
      destroy: false,
      account_holder: { external_id: "cus_1" },
    });
    expect(await storedHolders(service)).toEqual([]);
    await expect(service.deleteAccountHolder(holder.id)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("destroys the provider's customer when asked with destroy: true", async () => {
    const { service, vault } = setup();
    const holder = await service.createAccountHolder(ada);
    await service.deleteAccountHolder(holder.id, { destroy: true });
    expect(vault.callsTo("deleteAccountHolder")[0]?.input).toMatchObject({ destroy: true });
  });

  it("lets the same customer be registered again after it was deleted", async () => {
    const { service, vault } = setup();
    const holder = await service.createAccountHolder(ada);
    await service.deleteAccountHolder(holder.id);
    const again = await service.createAccountHolder(ada);
    expect(again.customer_id).toBe("cust_ada");
    expect(await storedHolders(service)).toHaveLength(1);
    expect(vault.callsTo("createAccountHolder")).toHaveLength(2);
  });
});

describe("payment methods", () => {
  it("saves a payment method for an account holder and lists it", async () => {
    const { service, vault } = setup();
    const holder = await service.createAccountHolder(ada);
    const saved = await service.createPaymentMethods({
      account_holder_id: holder.id,
      data: { token: "tok_visa" },
    });
    expect(saved).toEqual({ id: "pm_1", data: { token: "tok_visa", customer: "cus_1" } });
    expect(vault.callsTo("savePaymentMethod")[0]?.input).toMatchObject({
      account_holder: { external_id: "cus_1" },
      data: { token: "tok_visa" },
      idempotency_key: expect.stringContaining(holder.id),
    });
    expect(await service.listPaymentMethods({ account_holder_id: holder.id })).toEqual([saved]);
  });

  it("refuses to list methods of an account holder that does not exist", async () => {
    const { service } = setup();
    await expect(
      service.listPaymentMethods({ account_holder_id: "acchld_missing" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
