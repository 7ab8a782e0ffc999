import { describe, expect, it } from "vitest";
import { createPaymentModuleService } from "../index";
import { scriptedProvider } from "../testing/index";
import { addSession, openSession, recordEvents } from "./test-support";

function setup() {
  const provider = scriptedProvider({ id: "card" });
  const service = createPaymentModuleService({ providers: [provider] });
  return { provider, service, events: recordEvents(service) };
}

async function paidCollection(amount = 5000) {
  const fixture = setup();
  const { collection, session } = await openSession(fixture.service, { amount });
  const payment = await fixture.service.authorizePaymentSession(session.id);
  return { ...fixture, collection, session, payment };
}

describe("createPaymentCollections", () => {
  it("creates one collection from one object and returns the record", async () => {
    const { service } = setup();
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 5000,
      region_id: "reg_eu",
      metadata: { cart_id: "cart_1" },
    });
    expect(Array.isArray(collection)).toBe(false);
    expect(collection).toMatchObject({
      currency_code: "usd",
      amount: 5000,
      region_id: "reg_eu",
      metadata: { cart_id: "cart_1" },
      status: "not_paid",
      authorized_amount: 0,
      captured_amount: 0,
      refunded_amount: 0,
      completed_at: null,
    });
    expect(collection.id).toMatch(/^paycol_/);
    expect(await service.retrievePaymentCollection(collection.id)).toEqual(collection);
  });

  it("creates one collection per item of an array and returns them in order", async () => {
    const { service } = setup();
    const collections = await service.createPaymentCollections([
      { currency_code: "usd", amount: 1000 },
      { currency_code: "jpy", amount: 2000 },
      { currency_code: "eur", amount: 3000 },
    ]);
    expect(collections.map((collection) => collection.amount)).toEqual([1000, 2000, 3000]);
    expect(new Set(collections.map((collection) => collection.id)).size).toBe(3);
    expect(await service.listPaymentCollections()).toHaveLength(3);
  });

  it("stores currency codes lowercase", async () => {
    const { service } = setup();
    const collection = await service.createPaymentCollections({
      currency_code: "USD",
      amount: 500,
    });
    expect(collection.currency_code).toBe("usd");
    expect((await service.retrievePaymentCollection(collection.id)).currency_code).toBe("usd");
  });

  it("emits payment_collection.created once per collection", async () => {
    const { service, events } = setup();
    const [first, second] = await service.createPaymentCollections([
      { currency_code: "usd", amount: 1000 },
      { currency_code: "usd", amount: 2000 },
    ]);
    expect(events.map((event) => event.name)).toEqual([
      "payment_collection.created",
      "payment_collection.created",
    ]);
    expect(
      events.map(
        (event) => event.name === "payment_collection.created" && event.data.collection.id,
      ),
    ).toEqual([first?.id, second?.id]);
  });

  it("prefixes every record's id with its kind", async () => {
    const { service, collection, session, payment } = await paidCollection();
    await service.capturePayment({ payment_id: payment.id, amount: 2000 });
    const reason = await service.createRefundReasons({ label: "Damaged", code: "damaged" });
    await service.refundPayment({
      payment_id: payment.id,
      amount: 500,
      refund_reason_id: reason.id,
    });
    const [capture] = await service.listCaptures({ payment_id: payment.id });
    const [refund] = await service.listRefunds({ payment_id: payment.id });
    expect(collection.id).toMatch(/^paycol_/);
    expect(session.id).toMatch(/^payses_/);
    expect(payment.id).toMatch(/^pay_/);
    expect(capture?.id).toMatch(/^capt_/);
    expect(refund?.id).toMatch(/^ref_/);
    expect(reason.id).toMatch(/^refr_/);
  });
});

describe("updatePaymentCollections", () => {
  it("changes the amount, region and metadata of a collection", async () => {
    const { service } = setup();
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 5000,
    });
    const updated = await service.updatePaymentCollections(collection.id, {
      amount: 7000,
      region_id: "reg_us",
      metadata: { note: "upsell" },
    });
    expect(updated).toMatchObject({
      amount: 7000,
      region_id: "reg_us",
      metadata: { note: "upsell" },
    });
    expect(await service.retrievePaymentCollection(collection.id)).toEqual(updated);
  });

  it("refuses to lower the amount below what its payments hold", async () => {
    const { service, collection } = await paidCollection(5000);
    await expect(
      service.updatePaymentCollections(collection.id, { amount: 4000 }),
    ).rejects.toMatchObject({
      code: "invalid_amount",
      message: expect.stringMatching(/Cancel payments first/),
    });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      amount: 5000,
      status: "authorized",
    });
  });

  it("re-derives the status when the amount grows past what is authorized", async () => {
    const { service, collection } = await paidCollection(5000);
    const updated = await service.updatePaymentCollections(collection.id, { amount: 8000 });
    expect(updated).toMatchObject({
      amount: 8000,
      authorized_amount: 5000,
      status: "partially_authorized",
    });
  });

  it("changes the currency of a collection that has no sessions yet, lowercased", async () => {
    const { service } = setup();
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 5000,
    });
    const updated = await service.updatePaymentCollections(collection.id, { currency_code: "EUR" });
    expect(updated.currency_code).toBe("eur");
  });

  it("refuses to change the currency once the collection has a session", async () => {
    const { service } = setup();
    const { collection } = await openSession(service, { amount: 5000 });
    await expect(
      service.updatePaymentCollections(collection.id, { currency_code: "eur" }),
    ).rejects.toMatchObject({ code: "currency_mismatch" });
    expect((await service.retrievePaymentCollection(collection.id)).currency_code).toBe("usd");
  });
});

describe("deletePaymentCollections", () => {
  it("deletes a collection with its open sessions and tells the provider to forget them", async () => {
    const { service, provider } = setup();
    const { collection, session } = await openSession(service, {
      amount: 5000,
      data: { method: "pm_card" },
    });

    await service.deletePaymentCollections(collection.id);

    await expect(service.retrievePaymentCollection(collection.id)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await service.listPaymentSessions({ payment_collection_id: collection.id })).toEqual([]);
    const deletes = provider.callsTo("deletePayment");
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.input).toMatchObject({
      data: session.data,
      idempotency_key: `${session.id}:delete`,
    });
  });

  it("deletes several collections given as an array", async () => {
    const { service } = setup();
    const collections = await service.createPaymentCollections([
      { currency_code: "usd", amount: 1000 },
      { currency_code: "usd", amount: 2000 },
    ]);
    const keep = await service.createPaymentCollections({ currency_code: "usd", amount: 3000 });
    await service.deletePaymentCollections(collections.map((collection) => collection.id));
    expect((await service.listPaymentCollections()).map((collection) => collection.id)).toEqual([
      keep.id,
    ]);
  });

  it("refuses a collection with a live payment and keeps everything", async () => {
    const { service, provider, collection, session, payment } = await paidCollection();
    await expect(service.deletePaymentCollections(collection.id)).rejects.toMatchObject({
      code: "collection_has_payments",
      message: expect.stringMatching(/cancel or refund it/),
    });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "authorized",
    });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "authorized",
    });
    expect(await service.retrievePayment(payment.id)).toMatchObject({ status: "authorized" });
    expect(provider.callsTo("deletePayment")).toEqual([]);
  });

  it("deletes nothing when one collection of several is refused", async () => {
    const { service, collection } = await paidCollection();
    const other = await service.createPaymentCollections({ currency_code: "usd", amount: 100 });
    await expect(service.deletePaymentCollections([other.id, collection.id])).rejects.toMatchObject(
      { code: "collection_has_payments" },
    );
    expect(await service.retrievePaymentCollection(other.id)).toMatchObject({ id: other.id });
  });

  it("refuses an id that does not exist with not_found", async () => {
    const { service } = setup();
    await expect(service.deletePaymentCollections("paycol_missing")).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("completePaymentCollections", () => {
  it("completes a collection authorized in full and emits payment_collection.completed", async () => {
    const { service, events, collection } = await paidCollection();
    events.length = 0;
    const completed = await service.completePaymentCollections(collection.id);
    expect(Array.isArray(completed)).toBe(false);
    expect(completed.id).toBe(collection.id);
    expect(completed.completed_at).toBeInstanceOf(Date);
    expect(events.map((event) => event.name)).toEqual(["payment_collection.completed"]);
    expect(await service.retrievePaymentCollection(collection.id)).toEqual(completed);
  });

  it("returns an array when given an array of ids", async () => {
    const first = await paidCollection();
    const completed = await first.service.completePaymentCollections([first.collection.id]);
    expect(completed).toHaveLength(1);
    expect(completed[0]?.completed_at).toBeInstanceOf(Date);
  });

  it("refuses a collection that is not authorized at all", async () => {
    const { service, events } = setup();
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 5000,
    });
    events.length = 0;
    await expect(service.completePaymentCollections(collection.id)).rejects.toMatchObject({
      code: "collection_not_authorized",
      message: expect.stringMatching(/Authorize a session for the rest/),
    });
    expect((await service.retrievePaymentCollection(collection.id)).completed_at).toBeNull();
    expect(events).toEqual([]);
  });

  it("refuses a collection that is only partly authorized", async () => {
    const { service } = setup();
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 5000,
    });
    const session = await addSession(service, collection, { amount: 3000 });
    await service.authorizePaymentSession(session.id);
    await expect(service.completePaymentCollections(collection.id)).rejects.toMatchObject({
      code: "collection_not_authorized",
    });
  });

  it("completes none of several collections when one is not authorized", async () => {
    const { service, collection } = await paidCollection();
    const unpaid = await service.createPaymentCollections({ currency_code: "usd", amount: 100 });
    await expect(
      service.completePaymentCollections([collection.id, unpaid.id]),
    ).rejects.toMatchObject({ code: "collection_not_authorized" });
    expect((await service.retrievePaymentCollection(collection.id)).completed_at).toBeNull();
  });

  it("treats completing a completed collection as a no-op", async () => {
    const { service, events, collection } = await paidCollection();
    const first = await service.completePaymentCollections(collection.id);
    events.length = 0;
    const again = await service.completePaymentCollections(collection.id);
    expect(again).toEqual(first);
    expect(events).toEqual([]);
  });
});

describe("several collections in one call", () => {
  it("completes [a, b] and [b, a] at the same time without the two calls waiting on each other", async () => {
    const service = createPaymentModuleService({ providers: [scriptedProvider({ id: "card" })] });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const collection = await service.createPaymentCollections({
        currency_code: "usd",
        amount: 1000,
      });
      const session = await service.createPaymentSession(collection.id, {
        provider_id: "card",
        currency_code: "usd",
        amount: 1000,
      });
      await service.authorizePaymentSession(session.id);
      ids.push(collection.id);
    }
    const [a = "", b = ""] = ids;
    const both = await Promise.all([
      service.completePaymentCollections([a, b]),
      service.completePaymentCollections([b, a]),
    ]);
    expect(both.map((list) => list.map((c) => c.id))).toEqual([
      [a, b],
      [b, a],
    ]);
    for (const id of ids)
      expect((await service.retrievePaymentCollection(id)).completed_at).toBeInstanceOf(Date);
  });

  it("deletes [a, b] and [b, a] at the same time: one call deletes both, the other finds them gone", async () => {
    const service = createPaymentModuleService({ providers: [scriptedProvider({ id: "card" })] });
    const [a, b] = await service.createPaymentCollections([
      { currency_code: "usd", amount: 100 },
      { currency_code: "usd", amount: 200 },
    ]);
    if (!a || !b) throw new Error("two collections expected");
    const results = await Promise.allSettled([
      service.deletePaymentCollections([a.id, b.id]),
      service.deletePaymentCollections([b.id, a.id]),
    ]);
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "not_found" });
    expect(await service.listPaymentCollections()).toEqual([]);
  });
});
