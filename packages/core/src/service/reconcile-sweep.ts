import { redact } from "../errors/redact";
import { TenderError } from "../errors/tender-error";
import type { PaymentSession } from "../records/records";
import type { StoreTransaction } from "../store/payment-store";
import { authorizeStep, settleAuthorization } from "./authorize-payment-session";
import { initiateStep, updateStep } from "./create-payment-session";
import { settleReserved } from "./provider-step";
import {
  reconcileCancel,
  reconcileCapture,
  reconcileIncrement,
  reconcileRefund,
} from "./reconcile-payment";
import { returnSurplus } from "./return-surplus";
import { inTransaction, lockCollection, mustGet, type ServiceContext } from "./service-context";
import { optionalObject, optionalWholeNumber, rejectUnknownKeys } from "./validate-input";

export interface ReconcileOptions {
  /** Milliseconds a row must have been pending (since it was last sent) to be settled. Default 60 000. */
  olderThan?: number;
  /** At most this many rows of each kind per run. Default 100. */
  limit?: number;
  /**
   * Milliseconds a run holds each row it takes while it settles it (default
   * 300 000): sweeps in other processes leave the row alone until this run is
   * done with it, or until then if this run dies. Make it longer than a
   * provider call can take.
   */
  holdFor?: number;
}

export interface ReconcileResult {
  /** Rows whose provider call was sent again and whose answer was booked. */
  settled: number;
  /** Rows the provider still gave no definite answer for: they stay pending for the next run. */
  unknown: number;
  /** Rows another process took first, or that settled meanwhile. */
  skipped: number;
  /** What went wrong with the rows that did not settle, by row id. */
  errors: Array<{ id: string; code: string; message: string }>;
}

type Claimable =
  | "captures"
  | "refunds"
  | "cancels"
  | "increments"
  | "authorizations"
  | "session_calls"
  | "surplus";

/**
 * The reconcile sweep: every pending session call, authorization, capture,
 * refund, increment and cancel, and every surplus payment whose money is still to be
 * returned (see `returnSurplus`), older than `olderThan`, across the store, settled from
 * the provider by sending its request again with its original idempotency
 * key. Safe to run from several processes at once: a row is taken under its
 * collection's lock by moving its "last sent" time to now, so another sweep
 * that reads it later sees it as young and leaves it alone.
 *
 * Run it on a timer (every minute, say): `setInterval(() => service.reconcile(), 60_000)`.
 */
export async function reconcileSweep(
  ctx: ServiceContext,
  input: unknown = {},
): Promise<ReconcileResult> {
  const options = optionalObject(input, "reconcile(options)") ?? {};
  rejectUnknownKeys(options, ["olderThan", "limit", "holdFor"], "reconcile(options)");
  const olderThan = optionalWholeNumber(
    options.olderThan,
    "reconcile(options).olderThan (milliseconds)",
    { fallback: 60_000, min: 0 },
  );
  const limit = optionalWholeNumber(options.limit, "reconcile(options).limit", {
    fallback: 100,
    min: 1,
  });
  const holdFor = optionalWholeNumber(
    options.holdFor,
    "reconcile(options).holdFor (milliseconds)",
    {
      fallback: 300_000,
      min: 1,
    },
  );
  const cutoff = new Date(ctx.now().getTime() - olderThan);
  const result: ReconcileResult = { settled: 0, unknown: 0, skipped: 0, errors: [] };

  const found = await inTransaction(
    ctx,
    async ({ tx }) => {
      const page = { take: limit };
      const [captures, refunds, cancels, increments, authorizations, sessionCalls, surplus] =
        await Promise.all([
          tx.list("captures", { status: "pending", updated_at: { before: cutoff } }, page),
          tx.list("refunds", { status: "pending", updated_at: { before: cutoff } }, page),
          tx.list("payments", { cancel_started_at: { before: cutoff } }, page),
          tx.list("payments", { increment_started_at: { before: cutoff } }, page),
          tx.list("payment_sessions", { authorization_started_at: { before: cutoff } }, page),
          tx.list("payment_sessions", { provider_call_started_at: { before: cutoff } }, page),
          tx.list("payments", { surplus_returning_at: { before: cutoff } }, page),
        ]);
      return { captures, refunds, cancels, increments, authorizations, sessionCalls, surplus };
    },
    { precheck: true },
  );

  const attempt = async (kind: Claimable, id: string, settle: () => Promise<void>) => {
    const hold = await claim(ctx, kind, id, cutoff, holdFor);
    if (!hold) {
      result.skipped++;
      return;
    }
    try {
      await settle();
      result.settled++;
    } catch (error) {
      if (TenderError.isInstance(error) && error.code === "outcome_unknown") result.unknown++;
      // A definite refusal is booked (the row failed); it was settled all the same.
      else if (TenderError.isInstance(error) && error.code !== "store_error") result.settled++;
      else {
        result.errors.push({
          id,
          code: TenderError.isInstance(error) ? error.code : "provider_error",
          message: redact(error instanceof Error ? error.message : String(error)),
        });
      }
    } finally {
      await release(ctx, kind, id, hold).catch(() => {
        // Not released: the hold lapses by itself at its end.
      });
    }
  };

  for (const capture of found.captures) {
    await attempt("captures", capture.id, () =>
      reconcileCapture(ctx, capture.payment_id, capture.id),
    );
  }
  for (const refund of found.refunds) {
    await attempt("refunds", refund.id, () => reconcileRefund(ctx, refund.payment_id, refund.id));
  }
  // Increments before cancels: a cancel waits for the increment to settle.
  for (const payment of found.increments) {
    await attempt("increments", payment.id, () => reconcileIncrement(ctx, payment.id));
  }
  for (const payment of found.cancels) {
    await attempt("cancels", payment.id, () => reconcileCancel(ctx, payment.id));
  }
  for (const session of found.authorizations) {
    if (session.payment_id !== null) continue;
    await attempt("authorizations", session.id, () => reconcileAuthorization(ctx, session.id));
  }
  for (const session of found.sessionCalls) {
    await attempt("session_calls", session.id, () => reconcileSessionCall(ctx, session.id));
  }
  // Surplus money last: a refund or cancel settled above may have finished its return.
  for (const payment of found.surplus) {
    await attempt("surplus", payment.id, async () => {
      if ((await returnSurplus(ctx, payment.id)) === "in_flight") {
        throw outcomeStillUnknown(payment.id);
      }
    });
  }
  return result;
}

function outcomeStillUnknown(paymentId: string): TenderError {
  return new TenderError({
    code: "outcome_unknown",
    message: `The return of surplus payment ${paymentId} is still in flight at its provider; the next run settles it.`,
    details: { payment_id: paymentId },
    retryable: true,
  });
}

type ClaimTable = "captures" | "refunds" | "payments" | "payment_sessions";

const MARKS: Record<Claimable, { table: ClaimTable; field: string }> = {
  captures: { table: "captures", field: "updated_at" },
  refunds: { table: "refunds", field: "updated_at" },
  cancels: { table: "payments", field: "cancel_started_at" },
  increments: { table: "payments", field: "increment_started_at" },
  authorizations: { table: "payment_sessions", field: "authorization_started_at" },
  session_calls: { table: "payment_sessions", field: "provider_call_started_at" },
  surplus: { table: "payments", field: "surplus_returning_at" },
};

/**
 * Takes a row for this sweep: under its collection's lock, a row still older
 * than the cutoff, not settled, and not held by another sweep gets its mark
 * moved to now (it is being sent again) and is held until `holdFor` from now.
 * Answers the hold's end, the token `release` gives back, or null when the
 * row is not taken. The hold is told apart from the row's age: a sweep that
 * starts after another took a row sees the hold and leaves the row alone,
 * whatever its own cutoff.
 */
async function claim(
  ctx: ServiceContext,
  kind: Claimable,
  id: string,
  cutoff: Date,
  holdFor: number,
): Promise<Date | null> {
  const { table, field } = MARKS[kind];
  return inTransaction(ctx, async ({ tx }) => {
    const current = await lockedRow(tx, table, id);
    if (!current) return null;
    const now = ctx.now();
    const mark: unknown = Reflect.get(current, field);
    if (!(mark instanceof Date) || mark.getTime() >= cutoff.getTime()) return null;
    const status: unknown = Reflect.get(current, "status");
    if (status === "succeeded" || status === "failed") return null;
    const heldUntil: unknown = Reflect.get(current, "claimed_until");
    if (heldUntil instanceof Date && heldUntil.getTime() > now.getTime()) return null;
    const hold = new Date(now.getTime() + holdFor);
    await tx.update(table, id, { [field]: now, claimed_until: hold });
    return hold;
  });
}

/** Lets go of a row this sweep holds (and only if it still holds it), so the next run, or this one's next kind, may take it. */
async function release(ctx: ServiceContext, kind: Claimable, id: string, hold: Date) {
  const { table } = MARKS[kind];
  await inTransaction(ctx, async ({ tx }) => {
    const current = await lockedRow(tx, table, id);
    const heldUntil: unknown = current ? Reflect.get(current, "claimed_until") : null;
    if (heldUntil instanceof Date && heldUntil.getTime() === hold.getTime()) {
      await tx.update(table, id, { claimed_until: null });
    }
  });
}

/** A claimable row read again under its collection's lock; undefined when it is gone. */
async function lockedRow(tx: StoreTransaction, table: ClaimTable, id: string) {
  const row = await tx.get(table, id);
  if (!row) return undefined;
  const collectionId =
    "payment_collection_id" in row
      ? row.payment_collection_id
      : (await mustGet(tx, "payments", row.payment_id)).payment_collection_id;
  await lockCollection(tx, collectionId);
  return tx.get(table, id);
}

/** Sends an authorization whose answer was never booked again, with the same key, and books it. */
async function reconcileAuthorization(ctx: ServiceContext, sessionId: string): Promise<void> {
  const session = await inTransaction(ctx, ({ tx }) => mustGet(tx, "payment_sessions", sessionId));
  if (session.authorization_started_at === null || session.payment_id !== null) return;
  const booked = await settleReserved(ctx, authorizeStep, session);
  // The customer's next step (3DS) or a decline is booked on the session; only compensation runs here.
  await settleAuthorization(ctx, booked.applied, booked.result).catch((error: unknown) => {
    if (!TenderError.isInstance(error)) throw error;
  });
}

/** Sends a session's create or update call again, with the same key, and books it. */
async function reconcileSessionCall(ctx: ServiceContext, sessionId: string): Promise<void> {
  const session: PaymentSession = await inTransaction(ctx, ({ tx }) =>
    mustGet(tx, "payment_sessions", sessionId),
  );
  const call = session.provider_call;
  if (call === null) return;
  await settleReserved(ctx, call.operation === "initiate" ? initiateStep : updateStep, session);
}
