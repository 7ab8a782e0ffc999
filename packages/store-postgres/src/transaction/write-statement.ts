import type { SqlNames } from "../schema/sql-names";
import type { ColumnValue, CommitPlan, GuardPlan, RowWritePlan } from "./plan-commit";
import { SqlParams } from "./sql-params";

export interface WriteStatement {
  text: string;
  params: SqlParams["values"];
  /** When true the statement's one row says `ok = 1` if every guard held, `ok = 0` if nothing was written. */
  guarded: boolean;
}

/**
 * The whole commit as ONE statement: data-modifying CTEs, each selecting FROM
 * the guard, so a guard that matches no row (another process bumped the
 * version first) writes nothing at all.
 *
 * One aggregate: the guard is `UPDATE payment_collections SET version =
 * version + 1 ... WHERE id = $ AND version = $ RETURNING id` (or a DELETE),
 * carrying the collection's own changes, since a statement may change a row
 * only once. Several aggregates: `SELECT ... FOR UPDATE` checks every (id,
 * version) pair first and `ok` holds a row only when all matched, so no
 * collection is bumped unless every one is.
 */
export function writeStatement(names: SqlNames, plan: CommitPlan): WriteStatement {
  const params = new SqlParams();
  const collections = names.table("payment_collections");
  const ctes: string[] = [];
  let source: string | undefined;
  const [only] = plan.guards;
  if (plan.guards.length === 1 && only) {
    const id = params.add(only.id, "text");
    const version = params.add(only.version, "bigint");
    ctes.push(
      only.change.kind === "delete"
        ? `g AS (DELETE FROM ${collections} AS t WHERE t.id = ${id} AND t.version = ${version} RETURNING t.id)`
        : `g AS (UPDATE ${collections} AS t SET ${versionBump(only, params)} WHERE t.id = ${id} AND t.version = ${version} RETURNING t.id)`,
    );
    source = "g";
  } else if (plan.guards.length > 1) {
    const pairs = plan.guards.map(
      (guard) => `(${params.add(guard.id, "text")}, ${params.add(guard.version, "bigint")})`,
    );
    ctes.push(
      `chk AS (SELECT t.id FROM ${collections} AS t WHERE (t.id, t.version) IN (${pairs.join(", ")}) FOR UPDATE)`,
      `ok AS (SELECT 1 AS ok FROM (SELECT count(*) AS n FROM chk) AS c WHERE c.n = ${plan.guards.length})`,
    );
    source = "ok";
    plan.guards.forEach((guard, index) => {
      const id = params.add(guard.id, "text");
      ctes.push(
        guard.change.kind === "delete"
          ? `g${index} AS (DELETE FROM ${collections} AS t USING ok WHERE t.id = ${id})`
          : `g${index} AS (UPDATE ${collections} AS t SET ${versionBump(guard, params)} FROM ok WHERE t.id = ${id})`,
      );
    });
  }
  // Inserts into one table go in one multi-row INSERT: one plan node however many rows
  // (a commit's outbox events, say), instead of one CTE each.
  const inserts = new Map<string, Extract<RowWritePlan, { kind: "insert" }>[]>();
  const others: RowWritePlan[] = [];
  for (const write of plan.writes) {
    if (write.kind !== "insert") {
      others.push(write);
      continue;
    }
    const group = inserts.get(write.table);
    if (group) group.push(write);
    else inserts.set(write.table, [write]);
  }
  let index = 0;
  for (const group of inserts.values()) {
    ctes.push(`w${index++} AS (${insertRows(names, group, source, params)})`);
  }
  for (const write of others) {
    ctes.push(`w${index++} AS (${rowWrite(names, write, source, params)})`);
  }
  const result = source ? `SELECT count(*)::int AS ok FROM ${source}` : "SELECT 1 AS ok";
  return {
    text: `WITH ${ctes.join(",\n")}\n${result}`,
    params: params.values,
    guarded: source !== undefined,
  };
}

function versionBump(guard: GuardPlan, params: SqlParams): string {
  const values = guard.change.kind === "update" ? guard.change.values : [];
  return ["version = t.version + 1", ...assignments(values, params)].join(", ");
}

function assignments(values: ColumnValue[], params: SqlParams): string[] {
  return values.map((value) => `"${value.column}" = ${params.add(value.value, value.type)}`);
}

/** One INSERT of every row in `group` (rows of one table, all with the table's columns). */
function insertRows(
  names: SqlNames,
  group: ReadonlyArray<Extract<RowWritePlan, { kind: "insert" }>>,
  source: string | undefined,
  params: SqlParams,
): string {
  const [first] = group;
  if (!first) throw new Error("insertRows needs at least one row.");
  const table = names.table(first.table);
  const columns = first.values.map((value) => `"${value.column}"`).join(", ");
  const rows = group.map(
    (write) => `(${write.values.map((value) => params.add(value.value, value.type)).join(", ")})`,
  );
  if (!source) return `INSERT INTO ${table} (${columns}) VALUES ${rows.join(", ")}`;
  return `INSERT INTO ${table} (${columns}) SELECT v.* FROM ${source} CROSS JOIN (VALUES ${rows.join(", ")}) AS v (${columns})`;
}

function rowWrite(
  names: SqlNames,
  write: RowWritePlan,
  source: string | undefined,
  params: SqlParams,
): string {
  const table = names.table(write.table);
  switch (write.kind) {
    case "insert": {
      const columns = write.values.map((value) => `"${value.column}"`).join(", ");
      const values = write.values.map((value) => params.add(value.value, value.type)).join(", ");
      return source
        ? `INSERT INTO ${table} (${columns}) SELECT ${values} FROM ${source}`
        : `INSERT INTO ${table} (${columns}) VALUES (${values})`;
    }
    case "update": {
      const set = assignments(write.values, params).join(", ");
      return `UPDATE ${table} AS t SET ${set}${source ? ` FROM ${source}` : ""} WHERE t.id = ${params.add(write.id, "text")}`;
    }
    case "delete":
      return `DELETE FROM ${table} AS t${source ? ` USING ${source}` : ""} WHERE t.id = ${params.add(write.id, "text")}`;
  }
}
