import {
  type StoreFilter,
  type StorePage,
  type StoreTables,
  type TableName,
  TenderError,
} from "@tender/core";
import { isBefore, OPEN_HOLD_STATUSES } from "@tender/core/internal";
import { columnType } from "../schema/columns";
import { decodeRecord } from "../schema/decode-record";
import { encodeValue } from "../schema/encode-value";
import { SqlParams } from "./sql-params";
import type { StoreDb } from "./store-db";

/** A plain read of one row by id, for rows outside aggregates. */
export async function selectById<T extends TableName>(
  db: StoreDb,
  table: T,
  id: string,
): Promise<StoreTables[T] | undefined> {
  const rows = await db.driver.query(
    `SELECT to_json(t) AS row FROM ${db.names.table(table)} AS t WHERE t.id = $1::text`,
    [id],
  );
  const first = rows[0];
  return first === undefined ? undefined : decodeRecord[table](first.row);
}

/** A plain filtered, ordered and paged list: what `list` sends when no loaded aggregate answers it. */
export async function selectRows<T extends TableName>(
  db: StoreDb,
  table: T,
  filter: StoreFilter<StoreTables[T]> | undefined,
  page: StorePage | undefined,
): Promise<StoreTables[T][]> {
  const params = new SqlParams();
  const where = whereClause(table, filter, params);
  const direction = page?.order === "desc" ? "DESC" : "ASC";
  let text = `SELECT to_json(t) AS row FROM ${db.names.table(table)} AS t${where} ORDER BY t.created_at ${direction}, t.id ${direction}`;
  if (page?.take !== undefined) text += ` LIMIT ${params.add(page.take, "bigint")}`;
  if (page?.skip) text += ` OFFSET ${params.add(page.skip, "bigint")}`;
  const rows = await db.driver.query(text, params.values);
  return rows.map((row) => decodeRecord[table](row.row));
}

function whereClause(table: TableName, filter: object | undefined, params: SqlParams): string {
  const conditions: string[] = [];
  for (const [field, expected] of Object.entries(filter ?? {})) {
    if (expected === undefined) continue;
    const type = columnType(table, field);
    if (type === "timestamptz" && isBefore(expected)) {
      conditions.push(
        `t."${field}" < ${params.add(encodeValue(type, expected.before, field), type)}`,
      );
      continue;
    }
    if (type === "timestamptz" && expected === null) {
      conditions.push(`t."${field}" IS NULL`);
      continue;
    }
    if (type === undefined || type === "jsonb" || type === "json" || type === "timestamptz") {
      throw new TenderError({
        code: "invalid_argument",
        message: `${table} cannot be filtered by ${field}; filter by id, text or integer fields, or a time field by { before: date }.`,
      });
    }
    const column = `t."${field}"`;
    const values: unknown[] = Array.isArray(expected) ? expected : [expected];
    const present = values.filter((value) => value !== null);
    const alternatives: string[] = [];
    if (present.length > 0) {
      const placeholders = present.map((value) =>
        params.add(encodeValue(type, value, field), type),
      );
      alternatives.push(`${column} IN (${placeholders.join(", ")})`);
    }
    if (present.length < values.length) alternatives.push(`${column} IS NULL`);
    conditions.push(alternatives.length === 0 ? "FALSE" : `(${alternatives.join(" OR ")})`);
  }
  const hold = openHoldCondition(table, filter, params);
  if (hold) conditions.push(hold);
  return conditions.length === 0 ? "" : ` WHERE ${conditions.join(" AND ")}`;
}

/**
 * The expiry sweep asks for payments with an open hold whose `capture_before`
 * is before a time. `open_capture_before` is `capture_before` exactly while
 * the hold is open (NULL otherwise), so the same condition on it selects the
 * same rows and lets PostgreSQL use its partial index instead of scanning
 * every payment that ever had a `capture_before`.
 */
function openHoldCondition(
  table: TableName,
  filter: object | undefined,
  params: SqlParams,
): string | undefined {
  if (table !== "payments" || !filter) return undefined;
  const before: unknown = Reflect.get(filter, "capture_before");
  const status: unknown = Reflect.get(filter, "status");
  const statuses: unknown[] = Array.isArray(status) ? status : [status];
  if (
    !isBefore(before) ||
    !statuses.every((value) => OPEN_HOLD_STATUSES.some((open) => open === value))
  )
    return undefined;
  return `t."open_capture_before" < ${params.add(encodeValue("timestamptz", before.before, "capture_before"), "timestamptz")}`;
}
