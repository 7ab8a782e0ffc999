import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../src/index";
import { pgliteStore } from "../src/pglite/index";
import { usePglite } from "./pglite-fixture";
import { uniqueSchema } from "./unique-schema";

const { pglite, freshStore } = usePglite();

async function rows(sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  return (await pglite().query<Record<string, unknown>>(sql, params)).rows;
}

describe("migrations", () => {
  it("applies each migration once and records it in the schema's tender_migrations table", async () => {
    const schema = uniqueSchema("migrate");
    const store = pgliteStore({ pglite: pglite(), schema, migrate: false });
    try {
      expect(await store.migrate()).toEqual({
        applied: MIGRATIONS.map((m) => m.version),
        version: 11,
      });
      expect(await store.migrate()).toEqual({ applied: [], version: 11 });
      expect(await rows(`SELECT version, name FROM "${schema}".tender_migrations`)).toEqual([
        { version: 1, name: "initial_schema" },
        { version: 2, name: "outbox_sweeps_expiry" },
        { version: 3, name: "attempt_keys" },
        { version: 4, name: "surplus_payments" },
        { version: 5, name: "risk_signals" },
        { version: 6, name: "disputes" },
        { version: 7, name: "incremental_authorization" },
        { version: 8, name: "partial_authorization" },
        { version: 9, name: "sweep_claims" },
        { version: 10, name: "outbox_due_index" },
        { version: 11, name: "payments_open_hold" },
      ]);
    } finally {
      await pglite().exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });

  it("migrates before the first transaction when asked, and otherwise leaves the database alone", async () => {
    const untouched = uniqueSchema("nomigrate");
    const manual = pgliteStore({ pglite: pglite(), schema: untouched, migrate: false });
    await expect(manual.transaction((tx) => tx.get("payments", "pay_1"))).rejects.toMatchObject({
      code: "store_error",
    });
    expect(await rows("SELECT 1 FROM pg_namespace WHERE nspname = $1", [untouched])).toEqual([]);

    const schema = uniqueSchema("automigrate");
    const automatic = pgliteStore({ pglite: pglite(), schema });
    try {
      expect(await automatic.transaction((tx) => tx.get("payments", "pay_1"))).toBeUndefined();
    } finally {
      await pglite().exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });

  it("indexes every column the service looks rows up by", async () => {
    const { schema } = await freshStore();
    const indexes = await rows("SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = $1", [
      schema,
    ]);
    const indexed = (table: string, columns: string) =>
      indexes.some(
        (index) => index.tablename === table && String(index.indexdef).endsWith(`(${columns})`),
      );
    for (const [table, columns] of [
      ["payment_collections", "id"],
      ["payment_sessions", "payment_collection_id"],
      ["payments", "payment_collection_id"],
      ["payments", "payment_session_id"],
      ["captures", "payment_id"],
      ["refunds", "payment_id"],
      ["refunds", "refund_reason_id"],
      ["refund_reasons", "code"],
      ["idempotency_keys", "id"],
      ["webhook_events", "id"],
      ["account_holders", "id"],
      ["payments", "created_at, id"],
    ] as const) {
      expect({ table, columns, indexed: indexed(table, columns) }).toEqual({
        table,
        columns,
        indexed: true,
      });
    }
  });

  it("checks statuses, money and references with constraints", async () => {
    const { schema } = await freshStore();
    const insert = (status: string, amount: number, currency = "usd") =>
      pglite().query(
        `INSERT INTO "${schema}".payment_collections (id, created_at, updated_at, currency_code, amount, status, authorized_amount, captured_amount, refunded_amount)
         VALUES ($1, now(), now(), $2, $3, $4, 0, 0, 0)`,
        [`paycol_${status}_${amount}_${currency}`, currency, amount, status],
      );
    await insert("not_paid", 10);
    await expect(insert("paid", 10)).rejects.toMatchObject({ code: "23514" });
    await expect(insert("not_paid", -1)).rejects.toMatchObject({ code: "23514" });
    await expect(insert("not_paid", 10, "USD")).rejects.toMatchObject({ code: "23514" });
    await expect(
      pglite().query(
        `INSERT INTO "${schema}".payment_sessions (id, created_at, updated_at, payment_collection_id, provider_id, currency_code, amount, status, data, context, authorization_attempt)
         VALUES ('payses_1', now(), now(), 'paycol_missing', 'p', 'usd', 1, 'pending', '{}', '{}', 0)`,
      ),
    ).rejects.toMatchObject({ code: "23503" });
    const types = await rows(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'payments' AND column_name IN ('amount', 'captured_amount', 'data', 'created_at')",
      [schema],
    );
    expect(Object.fromEntries(types.map((row) => [row.column_name, row.data_type]))).toEqual({
      amount: "bigint",
      captured_amount: "bigint",
      data: "jsonb",
      created_at: "timestamp with time zone",
    });
  });

  it("refuses to read a row that is not a valid record", async () => {
    const { store, schema } = await freshStore();
    await store.transaction((tx) =>
      tx.insert("refund_reasons", {
        id: "refr_1",
        created_at: new Date(),
        updated_at: new Date(),
        label: "Damaged",
        code: "damaged",
        description: null,
        metadata: null,
      }),
    );
    await pglite().query(`UPDATE "${schema}".refund_reasons SET metadata = '[1, 2]'::jsonb`);
    await expect(
      store.transaction((tx) => tx.get("refund_reasons", "refr_1")),
    ).rejects.toMatchObject({
      code: "store_error",
      details: { table: "refund_reasons", column: "metadata" },
    });
  });
});
