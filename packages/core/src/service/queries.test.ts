import { describe, expect, it } from "vitest";
import { createPaymentModuleService } from "../index";
import { scriptedProvider } from "../testing/index";
import { addSession } from "./test-support";

/**
 * Two collections: the first paid through `card` (captured in two parts, one
 * refund), the second with a pending `wallet` session.
 */
async function setup() {
  const service = createPaymentModuleService({
    providers: [scriptedProvider({ id: "card" }), scriptedProvider({ id: "wallet" })],
  });
  const paid = await service.createPaymentCollections({ currency_code: "usd", amount: 5000 });
  const open = await service.createPaymentCollections({ currency_code: "eur", amount: 2000 });
  const cardSession = await addSession(service, paid, { provider_id: "card" });
  const walletSession = await addSession(service, open, { provider_id: "wallet" });
  const payment = await service.authorizePaymentSession(cardSession.id);
  await service.capturePayment({ payment_id: payment.id, amount: 3000 });
  await service.capturePayment({ payment_id: payment.id });
  await service.refundPayment({ payment_id: payment.id, amount: 700 });
  return { service, paid, open, cardSession, walletSession, payment };
}

describe("list methods", () => {
  it("return every record when given no filter", async () => {
    const { service } = await setup();
    expect(await service.listPaymentCollections()).toHaveLength(2);
    expect(await service.listPaymentSessions()).toHaveLength(2);
    expect(await service.listPayments()).toHaveLength(1);
    expect(await service.listCaptures()).toHaveLength(2);
    expect(await service.listRefunds()).toHaveLength(1);
  });

  it("filter by a list of ids", async () => {
    const { service, paid, open } = await setup();
    const found = await service.listPaymentCollections({ id: [open.id, "paycol_missing"] });
    expect(found.map((collection) => collection.id)).toEqual([open.id]);
    const both = await service.listPaymentCollections({ id: [paid.id, open.id] });
    expect(both.map((collection) => collection.id).sort()).toEqual([paid.id, open.id].sort());
  });

  it("filter by one status or any of several", async () => {
    const { service, cardSession, walletSession, payment } = await setup();
    const captured = await service.listPaymentSessions({ status: "captured" });
    expect(captured.map((session) => session.id)).toEqual([cardSession.id]);
    const pending = await service.listPaymentSessions({ status: ["pending", "requires_more"] });
    expect(pending.map((session) => session.id)).toEqual([walletSession.id]);
    expect(await service.listPayments({ status: "partially_refunded" })).toMatchObject([
      { id: payment.id },
    ]);
    expect(await service.listPayments({ status: "authorized" })).toEqual([]);
  });

  it("filter sessions and payments by collection and by provider", async () => {
    const { service, open, paid, walletSession, payment } = await setup();
    expect(
      (await service.listPaymentSessions({ payment_collection_id: open.id })).map((s) => s.id),
    ).toEqual([walletSession.id]);
    expect((await service.listPaymentSessions({ provider_id: "wallet" })).map((s) => s.id)).toEqual(
      [walletSession.id],
    );
    expect(
      (await service.listPayments({ payment_collection_id: paid.id })).map((p) => p.id),
    ).toEqual([payment.id]);
    expect(await service.listPayments({ provider_id: "wallet" })).toEqual([]);
  });

  it("filter captures and refunds by payment and status", async () => {
    const { service, payment } = await setup();
    const captures = await service.listCaptures({ payment_id: payment.id, status: "succeeded" });
    expect(captures.map((capture) => capture.amount).sort((a, b) => a - b)).toEqual([2000, 3000]);
    expect(await service.listCaptures({ payment_id: "pay_missing" })).toEqual([]);
    const refunds = await service.listRefunds({ payment_id: payment.id });
    expect(refunds).toMatchObject([{ amount: 700, status: "succeeded" }]);
  });

  it("list in creation order, a page at a time with take and skip", async () => {
    const service = createPaymentModuleService({ providers: [scriptedProvider()] });
    for (let amount = 1; amount <= 6; amount++) {
      await service.createPaymentCollections({ currency_code: "usd", amount });
    }
    const amounts = async (config: { take?: number; skip?: number }) =>
      (await service.listPaymentCollections({}, config)).map((collection) => collection.amount);
    expect(await amounts({})).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await amounts({ take: 2 })).toEqual([1, 2]);
    expect(await amounts({ take: 2, skip: 2 })).toEqual([3, 4]);
    expect(await amounts({ skip: 4 })).toEqual([5, 6]);
    expect(await amounts({ take: 10, skip: 6 })).toEqual([]);
    expect(await amounts({ take: 0 })).toEqual([]);
  });

  it("list a batch of collections created in one call in the order it was given", async () => {
    const service = createPaymentModuleService({ providers: [scriptedProvider()] });
    const amounts = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    await service.createPaymentCollections(
      amounts.map((amount) => ({ currency_code: "usd", amount })),
    );
    const listed = await service.listPaymentCollections();
    expect(listed.map((collection) => collection.amount)).toEqual(amounts);
    const page = await service.listPaymentCollections({}, { take: 3, skip: 3 });
    expect(page.map((collection) => collection.amount)).toEqual([40, 50, 60]);
  });

  it("list newest first with order desc", async () => {
    const service = createPaymentModuleService({ providers: [scriptedProvider()] });
    for (let amount = 1; amount <= 4; amount++) {
      await service.createPaymentCollections({ currency_code: "usd", amount });
    }
    const listed = await service.listPaymentCollections({}, { order: "desc", take: 3 });
    expect(listed.map((collection) => collection.amount)).toEqual([4, 3, 2]);
  });

  it("return plain records: changing one does not change the store", async () => {
    const { service, paid, payment } = await setup();
    const [listed] = await service.listPaymentCollections({ id: [paid.id] });
    if (!listed) throw new Error("the collection should be listed");
    listed.amount = 1;
    listed.status = "canceled";
    const [listedPayment] = await service.listPayments();
    if (!listedPayment) throw new Error("the payment should be listed");
    listedPayment.data.tampered = true;

    expect(await service.retrievePaymentCollection(paid.id)).toMatchObject({
      amount: 5000,
      status: "partially_refunded",
    });
    expect((await service.retrievePayment(payment.id)).data).not.toHaveProperty("tampered");
  });

  it("return a retrieved record as a copy too", async () => {
    const { service, cardSession } = await setup();
    const retrieved = await service.retrievePaymentSession(cardSession.id);
    retrieved.status = "pending";
    retrieved.context.injected = true;
    const again = await service.retrievePaymentSession(cardSession.id);
    expect(again.status).toBe("captured");
    expect(again.context).not.toHaveProperty("injected");
  });
});
