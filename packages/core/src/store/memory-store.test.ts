import { describe, expect, it } from "vitest";
import {
  memoryStore,
  PAYMENT_SESSION_STATUSES,
  type PaymentCollection,
  type PaymentSession,
  type PaymentStore,
  type StoreFilter,
  type StorePage,
  type StoreTransaction,
} from "../index";
import { pause } from "../service/test-support";
import { matchesFilter, paginate } from "./filter-rows";
import { sessionRecord } from "./test-support";

function collection(id: string, amount = 5000): PaymentCollection {
  const at = new Date("2025-01-01T00:00:00Z");
  return {
    id,
    created_at: at,
    updated_at: at,
    currency_code: "usd",
    amount,
    region_id: null,
    status: "not_paid",
    authorized_amount: 0,
    captured_amount: 0,
    refunded_amount: 0,
    disputed_amount: 0,
    completed_at: null,
    metadata: { tags: ["a"] },
  };
}

function session(id: string, collectionId: string, second: number): PaymentSession {
  const at = new Date(Date.UTC(2025, 0, 1, 0, 0, second));
  return sessionRecord(id, collectionId, { created_at: at, updated_at: at });
}

/** A seeded sequence of numbers below `n`, the same on every run. */
function randomBelow(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    // The high bits: an LCG's low bits repeat with a short period.
    return Math.floor(state / 65536) % n;
  };
}

/** What a list must answer: every row the transaction sees, filtered and paged by a plain scan. */
async function scanned(
  tx: StoreTransaction,
  filter: StoreFilter<PaymentSession>,
  page: StorePage,
): Promise<string[]> {
  const rows = (await tx.list("payment_sessions")).filter((row) => matchesFilter(row, filter));
  return paginate(rows, page).map((row) => row.id);
}

function read(store: PaymentStore, id: string) {
  return store.transaction((tx) => tx.get("payment_collections", id));
}

/** A promise the test resolves by hand, to hold a transaction open. */
function gate() {
  let open: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { closed, open: () => open() };
}

const tick = () => pause(5);

describe("memoryStore", () => {
  it("writes nothing when the transaction throws", async () => {
    const store = memoryStore();
    await store.transaction((tx) => tx.insert("payment_collections", collection("paycol_kept")));

    await expect(
      store.transaction(async (tx) => {
        await tx.insert("payment_collections", collection("paycol_new"));
        await tx.update("payment_collections", "paycol_kept", { amount: 1 });
        await tx.delete("payment_collections", "paycol_kept");
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");

    expect(await read(store, "paycol_new")).toBeUndefined();
    expect(await read(store, "paycol_kept")).toEqual(collection("paycol_kept"));
  });

  it("lets a transaction read its own writes before it commits", async () => {
    const store = memoryStore();
    await store.transaction((tx) => tx.insert("payment_collections", collection("paycol_old")));
    await store.transaction(async (tx) => {
      await tx.insert("payment_collections", collection("paycol_new", 100));
      expect(await tx.get("payment_collections", "paycol_new")).toMatchObject({ amount: 100 });

      await tx.update("payment_collections", "paycol_new", { amount: 200 });
      expect(await tx.list("payment_collections", { amount: 200 })).toMatchObject([
        { id: "paycol_new" },
      ]);

      await tx.delete("payment_collections", "paycol_old");
      expect(await tx.get("payment_collections", "paycol_old")).toBeUndefined();
      expect((await tx.list("payment_collections")).map((row) => row.id)).toEqual(["paycol_new"]);
    });
    expect(await read(store, "paycol_new")).toMatchObject({ amount: 200 });
    expect(await read(store, "paycol_old")).toBeUndefined();
  });

  it("hides a transaction's writes from others until it commits", async () => {
    const store = memoryStore();
    const hold = gate();
    const writer = store.transaction(async (tx) => {
      await tx.insert("payment_collections", collection("paycol_new"));
      await hold.closed;
    });
    await tick();
    expect(await read(store, "paycol_new")).toBeUndefined();
    hold.open();
    await writer;
    expect(await read(store, "paycol_new")).toMatchObject({ id: "paycol_new" });
  });

  it("runs two transactions that lock one id one after the other", async () => {
    const store = memoryStore();
    await store.transaction((tx) => tx.insert("payment_collections", collection("paycol_1", 1000)));
    const steps: string[] = [];
    const hold = gate();

    const first = store.transaction(async (tx) => {
      const row = await tx.lock("payment_collections", "paycol_1");
      steps.push(`first locked at ${row?.amount}`);
      await hold.closed;
      await tx.update("payment_collections", "paycol_1", { amount: (row?.amount ?? 0) + 1 });
      steps.push("first committing");
    });
    await tick();
    const second = store.transaction(async (tx) => {
      const row = await tx.lock("payment_collections", "paycol_1");
      steps.push(`second locked at ${row?.amount}`);
      await tx.update("payment_collections", "paycol_1", { amount: (row?.amount ?? 0) + 1 });
    });
    await tick();
    expect(steps).toEqual(["first locked at 1000"]);

    hold.open();
    await Promise.all([first, second]);
    expect(steps).toEqual(["first locked at 1000", "first committing", "second locked at 1001"]);
    expect(await read(store, "paycol_1")).toMatchObject({ amount: 1002 });
  });

  it("lets transactions that lock different ids run side by side", async () => {
    const store = memoryStore();
    const hold = gate();
    const first = store.transaction(async (tx) => {
      await tx.lock("payment_collections", "paycol_a");
      await hold.closed;
    });
    await tick();
    // Would wait forever if one lock blocked every id: the first holds its lock until opened.
    const steps: string[] = [];
    await store.transaction(async (tx) => {
      await tx.lock("payment_collections", "paycol_b");
      steps.push("second ran");
    });
    expect(steps).toEqual(["second ran"]);
    hold.open();
    await first;
  });

  it("releases a lock when the transaction holding it throws", async () => {
    const store = memoryStore();
    await expect(
      store.transaction(async (tx) => {
        await tx.lock("payment_collections", "paycol_1");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await expect(
      store.transaction((tx) => tx.lock("payment_collections", "paycol_1")),
    ).resolves.toBeUndefined();
  });

  it("lets one of two concurrent inserts of one id win and refuses the other with duplicate", async () => {
    const store = memoryStore();
    const results = await Promise.allSettled([
      store.transaction(async (tx) => {
        await tx.insert("payment_collections", collection("paycol_same", 100));
        await tick();
      }),
      store.transaction(async (tx) => {
        await tx.insert("payment_collections", collection("paycol_same", 200));
        await tick();
      }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = results.find((result) => result.status === "rejected");
    expect(rejected?.reason).toMatchObject({ name: "TenderError", code: "duplicate" });
    expect(await store.transaction((tx) => tx.list("payment_collections"))).toHaveLength(1);
  });

  it("refuses to insert an id that exists already", async () => {
    const store = memoryStore();
    await store.transaction((tx) => tx.insert("payment_collections", collection("paycol_1")));
    await expect(
      store.transaction((tx) => tx.insert("payment_collections", collection("paycol_1", 9))),
    ).rejects.toMatchObject({ code: "duplicate" });
    expect(await read(store, "paycol_1")).toMatchObject({ amount: 5000 });
  });

  it("refuses to update a row that does not exist", async () => {
    const store = memoryStore();
    await expect(
      store.transaction((tx) => tx.update("payment_collections", "paycol_missing", { amount: 1 })),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("hands out copies: changing a returned or inserted record changes nothing stored", async () => {
    const store = memoryStore();
    const original = collection("paycol_1");
    await store.transaction((tx) => tx.insert("payment_collections", original));
    original.amount = 1;
    if (original.metadata) original.metadata.tags = ["changed"];

    const got = await read(store, "paycol_1");
    if (!got) throw new Error("the row should exist");
    got.amount = 2;
    got.created_at.setFullYear(1999);
    const [listed] = await store.transaction((tx) => tx.list("payment_collections"));
    if (!listed) throw new Error("the row should be listed");
    listed.metadata = null;
    const updated = await store.transaction((tx) =>
      tx.update("payment_collections", "paycol_1", { region_id: "reg_1" }),
    );
    updated.status = "canceled";

    expect(await read(store, "paycol_1")).toEqual({
      ...collection("paycol_1"),
      region_id: "reg_1",
    });
  });

  it("lists rows filtered by a value or any of several, oldest first, a page at a time", async () => {
    const store = memoryStore();
    await store.transaction(async (tx) => {
      for (const [index, id] of ["paycol_a", "paycol_b", "paycol_c", "paycol_d"].entries()) {
        const row = collection(id, (index + 1) * 100);
        row.created_at = new Date(Date.UTC(2025, 0, 1, 0, 0, index));
        row.currency_code = index % 2 === 0 ? "usd" : "eur";
        await tx.insert("payment_collections", row);
      }
    });
    const ids = (rows: PaymentCollection[]) => rows.map((row) => row.id);
    await store.transaction(async (tx) => {
      expect(ids(await tx.list("payment_collections", { currency_code: "usd" }))).toEqual([
        "paycol_a",
        "paycol_c",
      ]);
      expect(ids(await tx.list("payment_collections", { id: ["paycol_d", "paycol_b"] }))).toEqual([
        "paycol_b",
        "paycol_d",
      ]);
      expect(ids(await tx.list("payment_collections", {}, { take: 2, skip: 1 }))).toEqual([
        "paycol_b",
        "paycol_c",
      ]);
      expect(ids(await tx.list("payment_collections", {}, { order: "desc", take: 1 }))).toEqual([
        "paycol_d",
      ]);
    });
  });

  it("answers a lookup by collection, status or a time being set as a scan would, through every kind of write", async () => {
    const store = memoryStore();
    const random = randomBelow(7);
    const collections = ["paycol_a", "paycol_b"];
    const ids: string[] = [];
    await store.transaction(async (tx) => {
      for (const id of collections) await tx.insert("payment_collections", collection(id));
    });
    const lookups = (collectionId: string): Array<StoreFilter<PaymentSession>> => [
      { payment_collection_id: collectionId },
      { payment_collection_id: collectionId, status: "pending" },
      { payment_collection_id: collectionId, status: ["error", "requires_more"] },
      { payment_collection_id: collectionId, status: [] },
      { payment_collection_id: collections, status: "canceled" },
      { payment_collection_id: collectionId, payment_id: null, status: "processing" },
      {
        payment_collection_id: collectionId,
        authorization_started_at: { before: new Date("9999-01-01T00:00:00Z") },
      },
      { payment_collection_id: collectionId, authorization_started_at: null },
      { id: [ids[0] ?? "payses_none", ids[3] ?? "payses_none", "payses_none"] },
    ];
    const pages: StorePage[] = [
      {},
      { take: 1 },
      { take: 3, skip: 2 },
      { order: "desc", take: 2 },
      { order: "desc", skip: 1, take: 4 },
      { take: 0 },
    ];
    const expectLikeAScan = async (tx: StoreTransaction) => {
      for (const collectionId of collections) {
        for (const filter of lookups(collectionId)) {
          for (const page of pages) {
            const listed = (await tx.list("payment_sessions", filter, page)).map((row) => row.id);
            expect({ filter, page, listed }).toEqual({
              filter,
              page,
              listed: await scanned(tx, filter, page),
            });
          }
        }
      }
    };
    // Each round commits one transaction of writes, checking the lookups inside it and after it.
    for (let round = 0; round < 12; round++) {
      await store.transaction(async (tx) => {
        for (let step = 0; step < 8; step++) {
          const choice = random(4);
          const existing = ids[random(Math.max(ids.length, 1))];
          if (choice === 0 || !existing) {
            const id = `payses_${String(ids.length).padStart(3, "0")}`;
            const collectionId = collections[random(2)] ?? "paycol_a";
            // Few distinct times, so ties are broken by id; some rows are older than committed ones.
            await tx.insert("payment_sessions", session(id, collectionId, random(5)));
            ids.push(id);
          } else if (choice === 1 || choice === 2) {
            if (!(await tx.get("payment_sessions", existing))) continue;
            await tx.update("payment_sessions", existing, {
              status: PAYMENT_SESSION_STATUSES[random(PAYMENT_SESSION_STATUSES.length)],
              authorization_started_at: random(2) === 0 ? null : new Date(Date.UTC(2025, 1, 1)),
            });
          } else {
            await tx.delete("payment_sessions", existing);
          }
        }
        await expectLikeAScan(tx);
      });
      await store.transaction(expectLikeAScan);
    }
  });
});
