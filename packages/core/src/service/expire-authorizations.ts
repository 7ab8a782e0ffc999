import { releasedWhenClosed } from "../money/ledger";
import { OPEN_HOLD_STATUSES } from "../records/statuses";
import { derivePaymentStatus } from "../state/payment-transitions";
import {
  inTransaction,
  lockCollection,
  mustGet,
  refreshCollection,
  type ServiceContext,
} from "./service-context";
import { optionalObject, optionalWholeNumber, rejectUnknownKeys } from "./validate-input";

export interface ExpireAuthorizationsOptions {
  /** Milliseconds before `capture_before` to emit `payment.authorization_expiring`. Default one day. */
  warnBefore?: number;
  /** At most this many payments warned, and this many expired, per run. Default 100. */
  limit?: number;
}

export interface ExpireAuthorizationsResult {
  /** Payments that got `payment.authorization_expiring`. */
  warned: number;
  /** Payments whose authorization lapsed: `expired`, or closed with the rest released. */
  expired: number;
}

/**
 * The authorization-expiry sweep. A payment whose `capture_before` comes
 * within `warnBefore` gets `payment.authorization_expiring` (once), so the
 * application can capture in time; one whose `capture_before` has passed
 * lapses: with nothing captured it becomes `expired` (its collection
 * follows), and a partially captured one releases the rest and closes.
 * Both are idempotent: a payment is warned once and expired once.
 *
 * Run it on a timer (every few minutes): `setInterval(() => service.expireAuthorizations(), 300_000)`.
 */
export async function expireAuthorizations(
  ctx: ServiceContext,
  input: unknown = {},
): Promise<ExpireAuthorizationsResult> {
  const options = optionalObject(input, "expireAuthorizations(options)") ?? {};
  rejectUnknownKeys(options, ["warnBefore", "limit"], "expireAuthorizations(options)");
  const warnBefore = optionalWholeNumber(
    options.warnBefore,
    "expireAuthorizations(options).warnBefore (milliseconds)",
    { fallback: 86_400_000, min: 0 },
  );
  const limit = optionalWholeNumber(options.limit, "expireAuthorizations(options).limit", {
    fallback: 100,
    min: 1,
  });
  const now = ctx.now();
  const result: ExpireAuthorizationsResult = { warned: 0, expired: 0 };

  const [lapsing, lapsed] = await inTransaction(
    ctx,
    ({ tx }) =>
      Promise.all([
        tx.list(
          "payments",
          {
            status: [...OPEN_HOLD_STATUSES],
            expiry_warned_at: null,
            capture_before: { before: new Date(now.getTime() + warnBefore) },
          },
          { take: limit },
        ),
        tx.list(
          "payments",
          { status: [...OPEN_HOLD_STATUSES], expired_at: null, capture_before: { before: now } },
          { take: limit },
        ),
      ]),
    { precheck: true },
  );

  for (const found of lapsing) {
    const warned = await inTransaction(ctx, async (uow) => {
      await lockCollection(uow.tx, found.payment_collection_id);
      const payment = await mustGet(uow.tx, "payments", found.id);
      if (payment.expiry_warned_at !== null || payment.expired_at !== null) return false;
      if (payment.capture_before === null || payment.capture_before.getTime() <= now.getTime())
        return false;
      const updated = await uow.tx.update("payments", payment.id, {
        expiry_warned_at: now,
        updated_at: now,
      });
      uow.emit("payment.authorization_expiring", { payment: updated });
      return true;
    });
    if (warned) result.warned++;
  }

  for (const found of lapsed) {
    const expired = await inTransaction(ctx, async (uow) => {
      const collection = await lockCollection(uow.tx, found.payment_collection_id);
      const payment = await mustGet(uow.tx, "payments", found.id);
      if (payment.expired_at !== null || payment.canceled_at !== null) return false;
      // An increment in flight may have moved the deadline: reconcile settles it first.
      if (payment.increment_started_at !== null) return false;
      if (payment.capture_before === null || payment.capture_before.getTime() > now.getTime())
        return false;
      const pending = await uow.tx.list("captures", { payment_id: payment.id, status: "pending" });
      // A capture in flight may still have taken the money: reconcile settles it first.
      if (pending.length > 0) return false;
      const released_amount = releasedWhenClosed(payment, payment.captured_amount, 0);
      const facts = { ...payment, expired_at: now, released_amount };
      const updated = await uow.tx.update("payments", payment.id, {
        expired_at: now,
        released_amount,
        status: derivePaymentStatus(facts),
        updated_at: now,
      });
      await refreshCollection(ctx, uow, collection);
      uow.emit("payment.expired", { payment: updated });
      return true;
    });
    if (expired) result.expired++;
  }
  return result;
}
