import { createPaymentModuleService, type PaymentStore } from "@tender/core";
import { seededRandom } from "@tender/core/testing";
import { captureRecord, paidCollection, testProvider } from "@tender/testkit";
import { describe, expect, it } from "vitest";
import { sqlStore } from "../src/index";
import { pgliteDriver } from "../src/pglite/pglite-driver";
import { MAX_BATCH } from "../src/transaction/group-commit";
import { arrayLiteral } from "../src/transaction/write-statement";
import { usePglite } from "./pglite-fixture";

const { freshStore, pglite } = usePglite();

async function seed(store: PaymentStore, prefix: string) {
  const seeded = paidCollection(prefix);
  await store.transaction(async (tx) => {
    await tx.insert("payment_collections", seeded.collection);
    await tx.insert("payment_sessions", seeded.session);
    await tx.insert("payments", seeded.payment);
  });
  return seeded;
}

/** Captures `amount` of a payment: reads the payment, adds a capture, moves the payment's and collection's captured amounts. */
function capture(store: PaymentStore, paymentId: string, captureId: string, amount: number) {
  return store.transaction(async (tx) => {
    const payment = await tx.get("payments", paymentId);
    if (!payment) throw new Error(`no payment ${paymentId}`);
    const collection = await tx.lock("payment_collections", payment.payment_collection_id);
    if (!collection) throw new Error("no collection");
    await tx.insert("captures", captureRecord(captureId, paymentId, amount));
    await tx.update("payments", paymentId, {
      captured_amount: payment.captured_amount + amount,
    });
    await tx.update("payment_collections", collection.id, {
      captured_amount: collection.captured_amount + amount,
    });
  });
}

async function capturedAmounts(store: PaymentStore, paymentId: string) {
  return store.transaction(async (tx) => {
    const payment = await tx.get("payments", paymentId);
    const captures = await tx.list("captures", { payment_id: paymentId });
    const collection = payment
      ? await tx.get("payment_collections", payment.payment_collection_id)
      : undefined;
    return {
      payment: payment?.captured_amount,
      collection: collection?.captured_amount,
      captures: captures.reduce((sum, row) => sum + row.amount, 0),
      count: captures.length,
    };
  });
}

describe("group commit", () => {
  it("sends commits made at once on different collections as one statement per batch, each stored as if alone", async () => {
    const { store, another } = await freshStore();
    const seeded = [];
    for (let i = 0; i < 12; i++) seeded.push(await seed(store, `g${i}`));
    store.resetStats();

    await Promise.all(
      seeded.map(({ payment }, i) => capture(store, payment.id, `capt_${i}`, 100 + i)),
    );

    // The first commit goes alone (nothing else was on its way); the other 11 wait for it and go in
    // batches of at most MAX_BATCH: far fewer statements than commits.
    const { statements, retries } = store.stats();
    expect(retries).toBe(0);
    expect(statements).toBeLessThanOrEqual(1 + Math.ceil(11 / MAX_BATCH));
    // Read back by another process, with nothing cached.
    const fresh = another();
    for (const [i, { payment }] of seeded.entries()) {
      expect(await capturedAmounts(fresh, payment.id)).toEqual({
        payment: 100 + i,
        collection: 100 + i,
        captures: 100 + i,
        count: 1,
      });
    }
  });

  it("lets a commit whose collection changed meanwhile write nothing and run again, while the others in its statement commit", async () => {
    const { store, another } = await freshStore();
    const seeded = [];
    for (let i = 0; i < 5; i++) seeded.push(await seed(store, `s${i}`));
    const stale = seeded[2];
    if (!stale) throw new Error("no seed");
    // Another process captures on one collection: this store's cached copy of it is now stale.
    await capture(another(), stale.payment.id, "capt_other", 7);
    store.resetStats();

    await Promise.all(seeded.map(({ payment }, i) => capture(store, payment.id, `capt_${i}`, 10)));

    // Only the stale one ran again; the rest committed in the first statements.
    expect(store.stats().retries).toBe(1);
    expect(store.stats().statements).toBeLessThan(5);
    const fresh = another();
    for (const [i, { payment }] of seeded.entries()) {
      const both = i === 2 ? 17 : 10;
      expect(await capturedAmounts(fresh, payment.id)).toEqual({
        payment: both,
        collection: both,
        captures: both,
        count: i === 2 ? 2 : 1,
      });
    }
  });

  it("never puts two commits on one collection in one statement: concurrent captures on one payment all count", async () => {
    const { store, another } = await freshStore();
    const { payment } = await seed(store, "one");
    const elsewhere = await seed(store, "elsewhere");
    store.resetStats();

    // A commit on another collection goes first, alone; the six made meanwhile all start from the
    // same version of one collection and wait for it together.
    await Promise.all([
      capture(store, elsewhere.payment.id, "capt_elsewhere", 1),
      ...Array.from({ length: 6 }, (_, i) => capture(store, payment.id, `capt_${i}`, 10)),
    ]);

    // One of the six committed; the others found its version moved, read it and ran again.
    expect(await capturedAmounts(another(), payment.id)).toEqual({
      payment: 60,
      collection: 60,
      captures: 60,
      count: 6,
    });
    expect(store.stats().retries).toBeGreaterThanOrEqual(5);
  });

  it("sends a failed batch again one commit at a time: the one at fault fails as it would alone, the others commit", async () => {
    const { store, another } = await freshStore();
    const key = (id: string) => ({
      id,
      created_at: new Date(),
      updated_at: new Date(),
      operation: "capture",
      request_hash: "h",
      result_id: "capt_x",
    });
    // The database holds this key already; the transaction below cannot know (it never reads it).
    await store.transaction((tx) => tx.insert("idempotency_keys", key("capture:taken")));
    store.resetStats();
    const ids = ["capture:a", "capture:b", "capture:taken", "capture:c", "capture:d"];

    const results = await Promise.allSettled(
      ids.map((id) => store.transaction((tx) => tx.insert("idempotency_keys", key(id)))),
    );

    expect(results.map((result) => result.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    expect(results[2]).toMatchObject({ reason: { code: "duplicate" } });
    const stored = await another().transaction((tx) => tx.list("idempotency_keys"));
    expect(stored.map((row) => row.id).sort()).toEqual([
      "capture:a",
      "capture:b",
      "capture:c",
      "capture:d",
      "capture:taken",
    ]);
  });

  it("never sends a batch's commits again when its connection failed under it: each fails as it would alone", async () => {
    const { schema } = await freshStore();
    const sent: string[] = [];
    const inner = pgliteDriver(pglite(), { ownsDatabase: false });
    const store = sqlStore({
      name: "flaky",
      schema,
      open: () => ({
        ...inner,
        async query(text, params) {
          sent.push(text);
          // The batch reaches PostgreSQL and commits; its answer is lost with the connection.
          const rows = await inner.query(text, params);
          if (text.includes("unnest(")) throw new Error("Connection terminated unexpectedly");
          return rows;
        },
      }),
    });
    const seeded = [];
    for (let i = 0; i < 4; i++) seeded.push(await seed(store, `f${i}`));
    sent.length = 0;

    const results = await Promise.allSettled(
      seeded.map(({ payment }, i) => capture(store, payment.id, `capt_${i}`, 10)),
    );

    // The first went alone and committed; the three in the batch fail with a store error, and
    // none of them was sent a second time.
    expect(results.map((result) => result.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "rejected",
    ]);
    // They did commit: the error must not say they did not, only that it is not known.
    for (const result of results.slice(1)) {
      expect(result).toMatchObject({
        reason: {
          code: "store_error",
          message: expect.stringContaining("whether a write committed is not known"),
          details: { outcome_known: false },
        },
      });
    }
    expect(sent).toHaveLength(2);
    for (const { payment } of seeded) {
      expect(await capturedAmounts(store, payment.id)).toMatchObject({ captures: 10, count: 1 });
    }
  });

  it("sends each commit on its own with groupCommit: false", async () => {
    const { store } = await freshStore({ groupCommit: false });
    const seeded = [];
    for (let i = 0; i < 6; i++) seeded.push(await seed(store, `n${i}`));
    store.resetStats();

    await Promise.all(seeded.map(({ payment }, i) => capture(store, payment.id, `capt_${i}`, 5)));

    expect(store.stats()).toEqual({ statements: 6, retries: 0 });
  });

  it("keeps the books equal to the provider's ledger when many payment flows commit together", async () => {
    const { store, another } = await freshStore();
    const provider = testProvider();
    const service = createPaymentModuleService({ providers: [provider], store, relay: false });
    const random = seededRandom(20261207);
    const flows = Array.from({ length: 16 }, () => {
      const amount = 1000 + Math.floor(random() * 9000);
      const first = 1 + Math.floor(random() * (amount - 1));
      return { amount, first, refund: 1 + Math.floor(random() * first) };
    });

    const payments = await Promise.all(
      flows.map(async ({ amount, first, refund }) => {
        const collection = await service.createPaymentCollections({ currency_code: "usd", amount });
        const session = await service.createPaymentSession(collection.id, {
          provider_id: "test",
          currency_code: "usd",
          amount,
        });
        const payment = await service.authorizePaymentSession(session.id);
        await service.capturePayment({ payment_id: payment.id, amount: first });
        await service.capturePayment({ payment_id: payment.id });
        await service.refundPayment({ payment_id: payment.id, amount: refund });
        return payment;
      }),
    );

    // Fewer statements than commits: the flows' steps went together.
    expect(store.stats().statements).toBeLessThan(flows.length * 6);
    const books = createPaymentModuleService({
      providers: [provider],
      store: another(),
      relay: false,
    });
    for (const [i, payment] of payments.entries()) {
      const flow = flows[i];
      if (!flow) throw new Error("no flow");
      const stored = await books.retrievePayment(payment.id);
      expect(stored).toMatchObject({ captured_amount: flow.amount, refunded_amount: flow.refund });
      expect(provider.moved({ payment_id: payment.id })).toEqual({
        captured: stored.captured_amount,
        refunded: stored.refunded_amount,
      });
    }
  });
});

describe("array parameters of a batch", () => {
  it("round-trips every text through PostgreSQL, quotes, backslashes, braces, commas, the word NULL and nulls included", async () => {
    await freshStore();
    const random = seededRandom(7);
    const alphabet = ['"', "\\", "{", "}", ",", " ", "a", "é", "😀", "\n", "'", "NULL"];
    const values: (string | null)[] = ["", "NULL", "null", '""', "\\\\", "{}", null];
    for (let i = 0; i < 200; i++) {
      let text = "";
      const length = Math.floor(random() * 12);
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
      values.push(random() < 0.1 ? null : text);
    }

    const result = await pglite().query<{ value: string | null }>(
      "SELECT unnest($1::text[]) AS value",
      [arrayLiteral(values)],
    );

    expect(result.rows.map((row) => row.value)).toEqual(values);
  });

  it("round-trips JSON and numbers", async () => {
    const json = [JSON.stringify({ a: 'say "hi"\\', b: [1, { c: null }] }), null, "{}"];
    const numbers = [0, -1, Number.MAX_SAFE_INTEGER, null];

    const result = await pglite().query<{ j: unknown; n: string | null }>(
      "SELECT unnest($1::jsonb[]) AS j, unnest($2::bigint[])::text AS n",
      [arrayLiteral(json), arrayLiteral(numbers)],
    );

    expect(result.rows.map((row) => row.j)).toEqual([
      { a: 'say "hi"\\', b: [1, { c: null }] },
      null,
      {},
      null,
    ]);
    expect(result.rows.map((row) => row.n)).toEqual([
      "0",
      "-1",
      String(Number.MAX_SAFE_INTEGER),
      null,
    ]);
  });
});
