import { redact } from "../errors/redact";
import { TenderError } from "../errors/tender-error";
import type { PaymentSession } from "../records/records";
import type { TableName } from "../store/payment-store";
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
  rejectUnknownKeys(options, ["olderThan", "limit"], "reconcile(options)");
  const olderThan = optionalWholeNumber(
    options.olderThan,
    "reconcile(options).olderThan (milliseconds)",
    { fallback: 60_000, min: 0 },
  );
  const limit = optionalWholeNumber(options.limit, "reconcile(options).limit", {
    fallback: 100,
    min: 1,
  });
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
    const claimed = await claim(ctx, kind, id, cutoff);
    if (!claimed) {
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

const MARKS: Record<Claimable, { table: TableName; field: string }> = {
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
 * than the cutoff gets its mark moved to now; a row another sweep took (its
 * mark is young now) or that settled is not taken.
 */
async function claim(
  ctx: ServiceContext,
  kind: Claimable,
  id: string,
  cutoff: Date,
): Promise<boolean> {
  const { table, field } = MARKS[kind];
  return inTransaction(ctx, async ({ tx }) => {
    const row = await tx.get(table, id);
    if (!row) return false;
    let collectionId: unknown = Reflect.get(row, "payment_collection_id");
    const paymentId: unknown = Reflect.get(row, "payment_id");
    if (collectionId === undefined && typeof paymentId === "string") {
      collectionId = (await mustGet(tx, "payments", paymentId)).payment_collection_id;
    }
    if (typeof collectionId !== "string") return false;
    await lockCollection(tx, collectionId);
    const current = await tx.get(table, id);
    if (!current) return false;
    const mark: unknown = Reflect.get(current, field);
    if (!(mark instanceof Date) || mark.getTime() >= cutoff.getTime()) return false;
    if (
      Reflect.get(current, "status") === "succeeded" ||
      Reflect.get(current, "status") === "failed"
    ) {
      return false;
    }
    await tx.update(table, id, { [field]: ctx.now() });
    return true;
  });
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
