import { beforeEach, describe, expect, it, vi } from "vitest";
import { createPaymentModuleService, memoryStore, type PaymentSession } from "../index";
import { scriptedProvider } from "../testing/index";

/**
 * The memory store's work, counted where it happens: every row a list checks
 * against its filter, and every row copied in or out of the store.
 */
const work = vi.hoisted(() => ({ examined: 0, copied: 0 }));

vi.mock(import("./filter-rows"), async (importOriginal) => {
  const original = await importOriginal();
  return {
    ...original,
    matchesFilter(row: object, filter: object | undefined) {
      work.examined++;
      return original.matchesFilter(row, filter);
    },
  };
});

vi.mock(import("./clone-record"), async (importOriginal) => {
  const original = await importOriginal();
  return {
    ...original,
    cloneRecord<TRecord>(value: TRecord): TRecord {
      work.copied++;
      return original.cloneRecord(value);
    },
  };
});

interface Work {
  examined: number;
  copied: number;
}

async function workOf(call: () => Promise<unknown>): Promise<Work> {
  work.examined = 0;
  work.copied = 0;
  await call();
  return { ...work };
}

/**
 * The store work of each call of the accept-payment flow, made on a
 * collection that already has `idle` pending sessions (abandoned checkouts).
 */
async function workPerCall(idle: number): Promise<Record<string, Work>> {
  // No relay: nothing runs in the background between the counted calls.
  const service = createPaymentModuleService({
    providers: [scriptedProvider({ id: "card" })],
    relay: false,
  });
  const collection = await service.createPaymentCollections({
    currency_code: "usd",
    amount: 1_000_000,
  });
  const open = () =>
    service.createPaymentSession(collection.id, {
      provider_id: "card",
      currency_code: "usd",
      amount: 100,
    });
  for (let i = 0; i < idle; i++) await open();

  const cost: Record<string, Work> = {};
  const count = async (name: string, call: () => Promise<unknown>) => {
    cost[name] = await workOf(call);
  };
  let session: PaymentSession | undefined;
  await count("createPaymentSession", async () => {
    session = await open();
  });
  if (!session) throw new Error("the session should be created");
  const { id } = session;
  await count("updatePaymentSession", () => service.updatePaymentSession({ id, amount: 90 }));
  await count("authorizePaymentSession", () => service.authorizePaymentSession(id));
  const payment = await service.retrievePaymentSession(id);
  const paymentId = payment.payment_id ?? "";
  await count("capturePayment", () =>
    service.capturePayment({ payment_id: paymentId, amount: 50 }),
  );
  await count("refundPayment", () => service.refundPayment({ payment_id: paymentId, amount: 20 }));
  const other = await service.authorizePaymentSession((await open()).id);
  await count("cancelPayment", () => service.cancelPayment(other.id));
  const doomed = await open();
  await count("deletePaymentSession", () => service.deletePaymentSession(doomed.id));
  await count("updatePaymentCollections", () =>
    service.updatePaymentCollections(collection.id, { amount: 2_000_000 }),
  );
  await count("retrievePaymentSession", () => service.retrievePaymentSession(id));
  await count("listPaymentSessions, a page", () =>
    service.listPaymentSessions({ payment_collection_id: collection.id }, { take: 10 }),
  );
  await service.close();
  return cost;
}

describe("memoryStore's cost per call", () => {
  beforeEach(() => {
    work.examined = 0;
    work.copied = 0;
  });

  it("does the same work for a call on a collection with 1,000 sessions as on one with 10", async () => {
    const few = await workPerCall(10);
    const many = await workPerCall(1000);

    // The counting is real: a created session is copied in, and its collection read.
    expect(few.createPaymentSession?.copied).toBeGreaterThan(0);
    expect(many).toEqual(few);
  });

  it("reads only a page's rows of a lookup by collection and status", async () => {
    const store = memoryStore();
    const service = createPaymentModuleService({
      providers: [scriptedProvider({ id: "card" })],
      store,
      relay: false,
    });
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 1_000_000,
    });
    for (let i = 0; i < 200; i++) {
      await service.createPaymentSession(collection.id, {
        provider_id: "card",
        currency_code: "usd",
        amount: 100,
      });
    }

    const first = await workOf(() =>
      store.transaction((tx) =>
        tx.list(
          "payment_sessions",
          { payment_collection_id: collection.id, status: "pending" },
          { take: 2, order: "desc" },
        ),
      ),
    );

    expect(first).toEqual({ examined: 2, copied: 2 });
  });
});
