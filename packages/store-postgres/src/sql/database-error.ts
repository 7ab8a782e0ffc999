import { TenderError } from "@tender/core";

/** The SQLSTATE of a driver error (node-postgres and PGlite both put it on `code`). */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code: unknown = Reflect.get(error, "code");
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Serialization failure or deadlock: the statement wrote nothing and may simply run again. */
export function isTransientConflict(error: unknown): boolean {
  const state = sqlState(error);
  return state === "40001" || state === "40P01";
}

function field(error: unknown, key: string): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const value: unknown = Reflect.get(error, key);
  return typeof value === "string" ? value : undefined;
}

/**
 * A driver error as a TenderError: a unique violation is `duplicate` (the
 * store contract), anything else `store_error` with the driver's error as
 * cause. Messages name tables and constraints, never connection settings.
 */
export function toTenderError(error: unknown, doing: string): TenderError {
  if (TenderError.isInstance(error)) return error;
  const state = sqlState(error);
  const table = field(error, "table");
  const constraint = field(error, "constraint");
  if (state === "23505") {
    return new TenderError({
      code: "duplicate",
      message: `A ${table ?? "row"} with the same ${constraint?.endsWith("_pkey") ? "id" : `key (${constraint ?? "unique constraint"})`} exists already; nothing was written.`,
      details: { table, constraint },
      cause: error,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new TenderError({
    code: "store_error",
    message: `PostgreSQL failed while ${doing}${state ? ` (SQLSTATE ${state}${constraint ? `, ${constraint}` : ""})` : ""}: ${reason}. Nothing of this transaction was written.`,
    details: { sqlstate: state, table, constraint },
    retryable: state !== undefined && (state.startsWith("08") || state.startsWith("57P")),
    cause: error,
  });
}
