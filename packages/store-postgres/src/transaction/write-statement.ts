import type { ColumnType } from "../schema/columns";
import type { EncodedValue } from "../schema/encode-value";
import type { SqlNames } from "../schema/sql-names";
import type { ColumnValue, CommitPlan, GuardPlan, RowWritePlan } from "./plan-commit";
import { SqlParams } from "./sql-params";

export interface WriteStatement {
  text: string;
  params: SqlParams["values"];
  /** When true the statement's one row says `ok = 1` if every guard held, `ok = 0` if nothing was written. */
  guarded: boolean;
  /**
   * The aggregate whose version guards this commit, when there is exactly one;
   * undefined when none does (every write is unconditional).
   */
  guard: string | undefined;
  /** Whether commits of this shape can go together in one statement (one guard at most). */
  batchable: boolean;
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
  const [only] = plan.guards;
  const params = commitParams(plan);
  return {
    ...commitText(names, plan, params),
    params,
    guard: plan.guards.length === 1 ? only?.id : undefined,
    batchable: plan.guards.length <= 1,
  };
}

/** The statement texts of one store, by the shape of the commit they send. */
const texts = new WeakMap<SqlNames, Map<string, { text: string; guarded: boolean }>>();
/** Shapes remembered per store: a store sends a few dozen; past this the map starts over. */
const MAX_SHAPES = 1000;

/**
 * The text of a commit of `plan`'s shape, built once per shape: it depends
 * only on which rows are written how and which columns change, never on the
 * values, and building it was about a third of a commit's work in Node.
 * When a shape's text is built, the parameters its builder numbered are
 * checked against `values` (from {@link commitParams}, which lists them for
 * every later commit of the shape).
 */
function commitText(
  names: SqlNames,
  plan: CommitPlan,
  values: readonly EncodedValue[],
): { text: string; guarded: boolean } {
  let known = texts.get(names);
  if (!known) {
    known = new Map();
    texts.set(names, known);
  }
  const shape = shapeOf(plan);
  const cached = known.get(shape);
  if (cached) return cached;
  const params = new SqlParams();
  const { ctes, source } = commitCtes(names, plan, params, false);
  const built = {
    text: `WITH ${ctes.join(",\n")}\n${source ? `SELECT count(*)::int AS ok FROM ${source}` : "SELECT 1 AS ok"}`,
    guarded: source !== undefined,
  };
  if (values.length !== params.values.length || values.some((v, i) => v !== params.values[i])) {
    throw new Error("A commit's parameters are not in the order of its statement's placeholders.");
  }
  if (known.size >= MAX_SHAPES) known.clear();
  known.set(shape, built);
  return built;
}

/**
 * What a commit statement's text depends on: each guard's change and each
 * write's table, kind and columns, in the plan's order. Inserts always carry
 * every column of their table, so their table alone says which.
 */
function shapeOf(plan: CommitPlan): string {
  let shape = "";
  for (const guard of plan.guards) {
    shape +=
      guard.change.kind === "update"
        ? `g:${columnList(guard.change.values)};`
        : `g${guard.change.kind};`;
  }
  for (const write of plan.writes) {
    shape +=
      write.kind === "update"
        ? `u:${write.table}:${columnList(write.values)};`
        : `${write.kind === "insert" ? "i" : "d"}:${write.table};`;
  }
  return shape;
}

function columnList(values: readonly ColumnValue[]): string {
  let list = "";
  for (const value of values) list += `${value.column},`;
  return list;
}

/**
 * A commit's parameters, in the order its statement's placeholders number
 * them (see {@link commitCtes}): the guards' ids, versions and collection
 * changes; then the inserts, grouped by table in the order the tables first
 * appear; then the updates (values, then id) and deletes (id).
 */
function commitParams(plan: CommitPlan): EncodedValue[] {
  const params: EncodedValue[] = [];
  const push = (values: readonly ColumnValue[]) => {
    for (const value of values) params.push(value.value);
  };
  const [only] = plan.guards;
  if (plan.guards.length === 1 && only) {
    params.push(only.id, only.version);
    if (only.change.kind === "update") push(only.change.values);
  } else if (plan.guards.length > 1) {
    for (const guard of plan.guards) params.push(guard.id, guard.version);
    for (const guard of plan.guards) {
      params.push(guard.id);
      if (guard.change.kind === "update") push(guard.change.values);
    }
  }
  const { inserts, others } = groupWrites(plan.writes);
  for (const group of inserts.values()) for (const write of group) push(write.values);
  for (const write of others) {
    if (write.kind === "update") push(write.values);
    params.push(write.id);
  }
  return params;
}

/**
 * The text of one statement that commits many transactions of `plan`'s shape
 * (the same text from {@link writeStatement}) at once. Each of its parameters
 * is an array holding that parameter of every transaction, in order (see
 * {@link batchParams}); the writes read their values from `unnest` and join
 * the guard on their aggregate's id, so a transaction whose version check
 * fails writes nothing while the others commit. It returns one row per guard
 * that held (`id`), or one `ok` row when the shape has no guard.
 */
export function batchStatementText(names: SqlNames, plan: CommitPlan): string {
  if (plan.guards.length > 1) throw new Error("A commit of several aggregates is never batched.");
  const { ctes, source } = commitCtes(names, plan, new SqlParams(), true);
  return `WITH ${ctes.join(",\n")}\n${source ? `SELECT t.id FROM ${source} AS t` : "SELECT 1 AS ok"}`;
}

/**
 * The parameters of a batch: parameter `i` of the batch statement is the
 * array of parameter `i` of every member, as a PostgreSQL array literal (so
 * every driver sends it as text and PostgreSQL parses it with the cast).
 */
export function batchParams(members: ReadonlyArray<readonly EncodedValue[]>): string[] {
  const [first] = members;
  if (!first) return [];
  return first.map((_, index) => arrayLiteral(members.map((params) => params[index] ?? null)));
}

/** `{"a","b\"c",NULL,3}`: every string quoted, so no text is ever read as NULL or split. */
export function arrayLiteral(values: readonly EncodedValue[]): string {
  let out = "{";
  for (const [index, value] of values.entries()) {
    if (index > 0) out += ",";
    if (value === null) out += "NULL";
    else if (typeof value === "number") out += String(value);
    else out += `"${value.replace(/[\\"]/g, "\\$&")}"`;
  }
  return `${out}}`;
}

/**
 * How a CTE refers to its values. For one transaction each value is a cast
 * parameter (`$3::bigint`); for many, each is an array parameter unnested
 * into a column of the CTE's own row source (`p.c2` of `unnest(..) AS p`),
 * added in the same order, so parameter `i` means the same in both.
 */
interface Values {
  /** A value of this row: its placeholder, or its column in the row source. */
  add(value: EncodedValue, type: ColumnType): string;
  /** A value already sent as parameter `placeholder` (the guard's id), joined into this row source. */
  reuse(placeholder: string): string;
  /** The row source `unnest(...) AS alias (...)` (many only). */
  source(): string;
}

function one(params: SqlParams): Values {
  return {
    add: (value, type) => params.add(value, type),
    reuse: (placeholder) => placeholder,
    source: () => {
      throw new Error("A single commit has no row source.");
    },
  };
}

function many(params: SqlParams, alias: string): Values {
  const arrays: string[] = [];
  const column = (placeholder: string) => {
    arrays.push(placeholder);
    return `${alias}.c${arrays.length - 1}`;
  };
  return {
    add: (value, type) => column(params.add(value, `${type}[]`)),
    reuse: (placeholder) => column(`${placeholder}[]`),
    source: () =>
      `unnest(${arrays.join(", ")}) AS ${alias} (${arrays.map((_, index) => `c${index}`).join(", ")})`,
  };
}

function commitCtes(
  names: SqlNames,
  plan: CommitPlan,
  params: SqlParams,
  batch: boolean,
): { ctes: string[]; source: string | undefined } {
  const collections = names.table("payment_collections");
  const ctes: string[] = [];
  let source: string | undefined;
  // The guard's id parameter: each write of a batch joins the guard on it.
  let guardId: string | undefined;
  const [only] = plan.guards;
  if (plan.guards.length === 1 && only) {
    const values = batch ? many(params, "p") : one(params);
    const id = values.add(only.id, "text");
    guardId = `$${params.values.length}::text`;
    const where = `t.id = ${id} AND t.version = ${values.add(only.version, "bigint")}`;
    if (only.change.kind === "delete") {
      const using = batch ? ` USING ${values.source()}` : "";
      ctes.push(`g AS (DELETE FROM ${collections} AS t${using} WHERE ${where} RETURNING t.id)`);
    } else {
      const set = versionBump(only, values);
      const from = batch ? ` FROM ${values.source()}` : "";
      ctes.push(
        `g AS (UPDATE ${collections} AS t SET ${set}${from} WHERE ${where} RETURNING t.id)`,
      );
    }
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
          : `g${index} AS (UPDATE ${collections} AS t SET ${versionBump(guard, one(params))} FROM ok WHERE t.id = ${id})`,
      );
    });
  }
  const { inserts, others } = groupWrites(plan.writes);
  const context: WriteContext = { names, params, batch, source, guardId };
  let index = 0;
  for (const group of inserts.values()) {
    ctes.push(`w${index++} AS (${insertRows(context, group)})`);
  }
  for (const write of others) {
    ctes.push(`w${index++} AS (${rowWrite(context, write)})`);
  }
  return { ctes, source };
}

type InsertPlan = Extract<RowWritePlan, { kind: "insert" }>;

/**
 * A commit's writes in statement order: inserts into one table go in one
 * multi-row INSERT (one plan node however many rows, a commit's outbox
 * events say), grouped in the order their tables first appear; then the
 * updates and deletes, in plan order.
 */
function groupWrites(writes: readonly RowWritePlan[]): {
  inserts: Map<string, InsertPlan[]>;
  others: Exclude<RowWritePlan, { kind: "insert" }>[];
} {
  const inserts = new Map<string, InsertPlan[]>();
  const others: Exclude<RowWritePlan, { kind: "insert" }>[] = [];
  for (const write of writes) {
    if (write.kind !== "insert") {
      others.push(write);
      continue;
    }
    const group = inserts.get(write.table);
    if (group) group.push(write);
    else inserts.set(write.table, [write]);
  }
  return { inserts, others };
}

interface WriteContext {
  names: SqlNames;
  params: SqlParams;
  /** Whether this is a batch's statement (values unnested from array parameters). */
  batch: boolean;
  /** The CTE every write selects from (the guard), if any. */
  source: string | undefined;
  /** The guard's id parameter, joined by every write of a batch. */
  guardId: string | undefined;
}

function versionBump(guard: GuardPlan, values: Values): string {
  const changed = guard.change.kind === "update" ? guard.change.values : [];
  return ["version = t.version + 1", ...assignments(changed, values)].join(", ");
}

function assignments(changed: ColumnValue[], values: Values): string[] {
  return changed.map((value) => `"${value.column}" = ${values.add(value.value, value.type)}`);
}

/**
 * A batch's row source for one CTE: its unnested values, joined to the guard
 * on the aggregate's id (so a member whose guard failed contributes no row).
 */
function batchSource(context: WriteContext, values: Values): string {
  if (context.guardId === undefined) return values.source();
  const guard = values.reuse(context.guardId);
  return `${values.source()} JOIN ${context.source} ON ${context.source}.id = ${guard}`;
}

/** One INSERT of every row in `group` (rows of one table, all with the table's columns). */
function insertRows(context: WriteContext, group: readonly InsertPlan[]): string {
  const [first] = group;
  if (!first) throw new Error("insertRows needs at least one row.");
  const table = context.names.table(first.table);
  const columns = first.values.map((value) => `"${value.column}"`).join(", ");
  if (context.batch) {
    // One SELECT per row of the shape, each unnesting that row's values of every member.
    const selects = group.map((write, row) => {
      const alias = `p${row}`;
      const values = many(context.params, alias);
      const list = write.values.map((value) => values.add(value.value, value.type)).join(", ");
      return `SELECT ${list} FROM ${batchSource(context, values)}`;
    });
    return `INSERT INTO ${table} (${columns}) ${selects.join(" UNION ALL ")}`;
  }
  const { params, source } = context;
  const rows = group.map(
    (write) => `(${write.values.map((value) => params.add(value.value, value.type)).join(", ")})`,
  );
  if (!source) return `INSERT INTO ${table} (${columns}) VALUES ${rows.join(", ")}`;
  return `INSERT INTO ${table} (${columns}) SELECT v.* FROM ${source} CROSS JOIN (VALUES ${rows.join(", ")}) AS v (${columns})`;
}

function rowWrite(context: WriteContext, write: Exclude<RowWritePlan, { kind: "insert" }>): string {
  const table = context.names.table(write.table);
  const { source } = context;
  if (context.batch) {
    const values = many(context.params, "p");
    if (write.kind === "update") {
      const set = assignments(write.values, values).join(", ");
      const id = values.add(write.id, "text");
      return `UPDATE ${table} AS t SET ${set} FROM ${batchSource(context, values)} WHERE t.id = ${id}`;
    }
    const id = values.add(write.id, "text");
    return `DELETE FROM ${table} AS t USING ${batchSource(context, values)} WHERE t.id = ${id}`;
  }
  const values = one(context.params);
  if (write.kind === "update") {
    const set = assignments(write.values, values).join(", ");
    return `UPDATE ${table} AS t SET ${set}${source ? ` FROM ${source}` : ""} WHERE t.id = ${values.add(write.id, "text")}`;
  }
  return `DELETE FROM ${table} AS t${source ? ` USING ${source}` : ""} WHERE t.id = ${values.add(write.id, "text")}`;
}
