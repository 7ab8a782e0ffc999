import {
  type Capture,
  type Payment,
  type PaymentCollection,
  type PaymentSession,
  type Refund,
  TenderError,
} from "@tender/core";
import { decodeRecord } from "../schema/decode-record";
import { FieldReader, isRecord, parseJson } from "../schema/read-fields";
import type { SqlNames } from "../schema/sql-names";
import type { AggregateTable } from "./row-maps";
import type { StoreDb } from "./store-db";

/** A payment collection with everything that belongs to it, as of one statement. */
export interface AggregateSnapshot {
  collection: PaymentCollection;
  version: number;
  sessions: PaymentSession[];
  payments: Payment[];
  captures: Capture[];
  refunds: Refund[];
}

/** How to find the collection of a row of each aggregate table, given the row's id as $1. */
function rootOf(names: SqlNames, table: AggregateTable): string {
  switch (table) {
    case "payment_collections":
      return "$1::text";
    case "payment_sessions":
    case "payments":
      return `(SELECT m.payment_collection_id FROM ${names.table(table)} AS m WHERE m.id = $1::text)`;
    case "captures":
    case "refunds":
      return `(SELECT p.payment_collection_id FROM ${names.table(table)} AS m JOIN ${names.table("payments")} AS p ON p.id = m.payment_id WHERE m.id = $1::text)`;
  }
}

/**
 * One statement that reads a whole aggregate, found through any of its rows:
 * the collection (with its version) and its sessions, payments, captures and
 * refunds as JSON arrays. One snapshot, so the parts agree with each other.
 */
export function aggregateQuery(names: SqlNames, table: AggregateTable): string {
  const payments = names.table("payments");
  // LATERAL keeps the plan an index lookup per payment: a hash join would scan
  // every capture in the table, and the flow would slow down as tables grow
  // (OFFSET 0 stops the planner from flattening the subquery into a join).
  const members = (alias: string, member: "captures" | "refunds") =>
    `(SELECT coalesce(json_agg(${alias}), '[]'::json) FROM ${payments} AS mp CROSS JOIN LATERAL (SELECT * FROM ${names.table(member)} AS m WHERE m.payment_id = mp.id OFFSET 0) AS ${alias} WHERE mp.payment_collection_id = c.id)`;
  return `SELECT json_build_object(
  'collection', to_json(c),
  'sessions', (SELECT coalesce(json_agg(s), '[]'::json) FROM ${names.table("payment_sessions")} AS s WHERE s.payment_collection_id = c.id),
  'payments', (SELECT coalesce(json_agg(p), '[]'::json) FROM ${payments} AS p WHERE p.payment_collection_id = c.id),
  'captures', ${members("x", "captures")},
  'refunds', ${members("r", "refunds")}
) AS aggregate
FROM ${names.table("payment_collections")} AS c
WHERE c.id = ${rootOf(names, table)}`;
}

export async function loadAggregate(
  db: StoreDb,
  table: AggregateTable,
  id: string,
): Promise<AggregateSnapshot | undefined> {
  const rows = await db.driver.query(aggregateQuery(db.names, table), [id]);
  const first = rows[0];
  return first === undefined ? undefined : decodeAggregate(first.aggregate);
}

export function decodeAggregate(value: unknown): AggregateSnapshot {
  const parsed = parseJson(value);
  if (!isRecord(parsed)) throw invalidAggregate();
  return {
    collection: decodeRecord.payment_collections(parsed.collection),
    version: new FieldReader("payment_collections", parsed.collection).integer("version"),
    sessions: arrayOf(parsed.sessions).map(decodeRecord.payment_sessions),
    payments: arrayOf(parsed.payments).map(decodeRecord.payments),
    captures: arrayOf(parsed.captures).map(decodeRecord.captures),
    refunds: arrayOf(parsed.refunds).map(decodeRecord.refunds),
  };
}

function arrayOf(value: unknown): unknown[] {
  const parsed = parseJson(value);
  if (!Array.isArray(parsed)) throw invalidAggregate();
  return parsed;
}

function invalidAggregate(): TenderError {
  return new TenderError({
    code: "store_error",
    message:
      "The database returned a payment collection aggregate Tender cannot read; check that the schema was migrated by this version of @tender/store-postgres.",
  });
}
