import type { TableName } from "@tender/core";
import { seededRandom } from "@tender/core/testing";
import { describe, expect, it } from "vitest";
import { columnsOf } from "../schema/columns";
import type { EncodedValue } from "../schema/encode-value";
import { sqlNames } from "../schema/sql-names";
import type { ColumnValue, CommitPlan, GuardPlan, RowWritePlan } from "./plan-commit";
import { writeStatement } from "./write-statement";

const SEED = Number(process.env.TENDER_SEED ?? 20261207);
const TABLES: TableName[] = [
  "payment_sessions",
  "payments",
  "captures",
  "refunds",
  "outbox_events",
  "payment_collections",
];

/** A commit plan of a random shape with random values (the statement never reaches a database). */
function randomPlan(next: () => number, serial: number): CommitPlan {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const value = (): EncodedValue =>
    pick([null, Math.floor(next() * 1e6), `v${serial}_${Math.floor(next() * 1e6)}`]);
  const changed = (table: TableName): ColumnValue[] => {
    const columns = columnsOf(table).filter(([column]) => column !== "id" && next() < 0.3);
    const chosen = columns.length > 0 ? columns : columnsOf(table).slice(1, 2);
    return chosen.map(([column, type]) => ({ column, type, value: value() }));
  };
  const guards: GuardPlan[] = Array.from({ length: pick([0, 1, 1, 1, 2, 3]) }, (_, index) => ({
    id: `paycol_${serial}_${index}`,
    version: Math.floor(next() * 100),
    change: pick([
      { kind: "keep" as const },
      { kind: "delete" as const },
      { kind: "update" as const, values: changed("payment_collections") },
    ]),
  }));
  const writes: RowWritePlan[] = Array.from({ length: Math.floor(next() * 7) }, (_, index) => {
    const table = pick(TABLES);
    const id = `row_${serial}_${index}`;
    const kind = pick(["insert", "insert", "update", "delete"] as const);
    if (kind === "delete") return { kind, table, id };
    if (kind === "update") return { kind, table, id, values: changed(table) };
    const values = columnsOf(table).map(([column, type]) => ({
      column,
      type,
      value: column === "id" ? id : value(),
    }));
    return { kind, table, id, values };
  });
  return { guards, writes };
}

/** The same shape with other values: what the next commit of that shape sends. */
function revalued(plan: CommitPlan, next: () => number): CommitPlan {
  const other = (values: ColumnValue[]) =>
    values.map((value) => ({ ...value, value: `other_${Math.floor(next() * 1e9)}` }));
  return {
    guards: plan.guards.map((guard) => ({
      ...guard,
      id: `${guard.id}_b`,
      version: guard.version + 7,
      change:
        guard.change.kind === "update"
          ? { kind: "update", values: other(guard.change.values) }
          : guard.change,
    })),
    writes: plan.writes.map((write) =>
      write.kind === "delete"
        ? { ...write, id: `${write.id}_b` }
        : { ...write, id: `${write.id}_b`, values: other(write.values) },
    ),
  };
}

describe("writeStatement", () => {
  it(`builds each shape's text once and numbers every commit's parameters as that text does (seed ${SEED})`, () => {
    const next = seededRandom(SEED);
    const names = sqlNames("shapes");
    for (let serial = 0; serial < 400; serial++) {
      const plan = randomPlan(next, serial);
      if (plan.guards.length === 0 && plan.writes.length === 0) continue;
      const second = revalued(plan, next);
      // Built from nothing (a store of its own), the statement's parameters are checked
      // against the placeholders of its text; a mismatch throws.
      const fresh = writeStatement(sqlNames("fresh"), second);
      writeStatement(names, plan);
      const cached = writeStatement(names, second);
      expect(cached.text).toBe(fresh.text.replaceAll('"fresh"', '"shapes"'));
      expect(cached.params).toEqual(fresh.params);
      expect(cached.guarded).toBe(fresh.guarded);
      // Every placeholder has its parameter, and no parameter is left over.
      const placeholders = new Set(cached.text.match(/\$\d+(?=::)/g));
      expect(placeholders.size).toBe(cached.params.length);
    }
  });

  it("gives two commits of one shape the same text with their own values, and another shape its own text", () => {
    const names = sqlNames("shapes");
    const capture = (id: string, amount: number, columns: string[]): CommitPlan => ({
      guards: [
        {
          id: `paycol_${id}`,
          version: 3,
          change: {
            kind: "update",
            values: [{ column: "captured_amount", type: "bigint", value: amount }],
          },
        },
      ],
      writes: [
        {
          kind: "update",
          table: "payments",
          id: `pay_${id}`,
          values: columns.map((column) => ({ column, type: "bigint", value: amount })),
        },
      ],
    });
    const a = writeStatement(names, capture("a", 10, ["captured_amount"]));
    const b = writeStatement(names, capture("b", 20, ["captured_amount"]));
    const c = writeStatement(names, capture("c", 30, ["captured_amount", "refunded_amount"]));
    expect(b.text).toBe(a.text);
    expect(a.params).toEqual(["paycol_a", 3, 10, 10, "pay_a"]);
    expect(b.params).toEqual(["paycol_b", 3, 20, 20, "pay_b"]);
    expect(c.text).not.toBe(a.text);
    expect(c.text).toContain('"refunded_amount" = $5::bigint');
    expect(c.params).toEqual(["paycol_c", 3, 30, 30, 30, "pay_c"]);
  });
});
