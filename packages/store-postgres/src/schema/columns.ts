import type { TableName } from "@tender/core";
import { type FieldKind, TABLES } from "@tender/core/internal";

/** The SQL type of a column, as parameters are cast (`$1::timestamptz`). */
export type ColumnType = "text" | "bigint" | "integer" | "timestamptz" | "jsonb" | "json";

const COLUMN_TYPES: Readonly<Record<FieldKind, ColumnType>> = {
  text: "text",
  integer: "integer",
  bigint: "bigint",
  timestamp: "timestamptz",
  json: "jsonb",
  document: "json",
};

const byTable = new Map<TableName, ReadonlyArray<readonly [string, ColumnType]>>();

/** A table's columns in a stable order, `id` first: the fields core declares for it. */
export function columnsOf(table: TableName): ReadonlyArray<readonly [string, ColumnType]> {
  let columns = byTable.get(table);
  if (!columns) {
    // The fields core declares for the table, each with its SQL type (migration-columns.test.ts
    // checks the migrated schema has exactly these).
    const fields: Readonly<Record<string, FieldKind>> = TABLES[table].fields;
    columns = Object.entries(fields).map(([name, kind]) => [name, COLUMN_TYPES[kind]] as const);
    byTable.set(table, columns);
  }
  return columns;
}

export function columnType(table: TableName, column: string): ColumnType | undefined {
  return columnsOf(table).find(([name]) => name === column)?.[1];
}
