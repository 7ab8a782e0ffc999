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

/**
 * Whether PostgreSQL answered with an error, so the statement rolled back:
 * anything with a SQLSTATE but a connection failure (class 08) or a server
 * shutting down (57P). After those, and after an error with no SQLSTATE at
 * all (a reset socket, a timeout), a commit may or may not have happened.
 */
export function refusedByPostgres(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && !state.startsWith("08") && !state.startsWith("57P");
}

function field(error: unknown, key: string): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const value: unknown = Reflect.get(error, key);
  return typeof value === "string" ? value : undefined;
}

/**
 * A driver error as a TenderError: a unique violation is `duplicate` (the
 * store contract), anything else `store_error` with the driver's error as
 * cause. Messages name tables and constraints, never connection settings,
 * and say whether the outcome is known (`details.outcome_known`): after a
 * lost connection a commit may have happened, and the caller must not be
 * told it did not.
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
  // Only an answer from PostgreSQL says the statement rolled back; a lost connection says nothing.
  const outcomeKnown = refusedByPostgres(error);
  const outcome = outcomeKnown
    ? "Nothing of it was written."
    : "No answer came back, so whether a write committed is not known: read the rows again before acting on them (a pending provider step is settled by reconcile).";
  return new TenderError({
    code: "store_error",
    message: `PostgreSQL failed while ${doing}${state ? ` (SQLSTATE ${state}${constraint ? `, ${constraint}` : ""})` : ""}: ${reason}. ${outcome}`,
    details: { sqlstate: state, table, constraint, outcome_known: outcomeKnown },
    retryable: state !== undefined && (state.startsWith("08") || state.startsWith("57P")),
    cause: error,
  });
}
