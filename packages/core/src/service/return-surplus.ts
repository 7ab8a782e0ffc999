import { TenderError } from "../errors/tender-error";
import { refundable as refundableOf } from "../money/ledger";
import type { Payment } from "../records/records";
import { cancelPayment } from "./cancel-payment";
import { refundPayment } from "./refund-payment";
import { inTransaction, lockCollection, mustGet, type ServiceContext } from "./service-context";

/** Where a surplus payment's return stands after one pass. */
export type SurplusReturn = "returned" | "in_flight";

/**
 * The compensation for money that no longer fits its collection (a surplus
 * payment, see `Payment.surplus_at`), chosen for the state the money is in:
 * what was captured is refunded, what is only held is canceled. Each goes
 * through the ordinary refund or cancel step, so it is a pending row with its
 * own idempotency key first, and an unknown outcome is settled by reconcile.
 * Called after a webhook or an authorization found the surplus, and by the
 * reconcile sweep until the payment's `surplus_returning_at` is cleared; two
 * callers at once send one refund (the same derived key) and one cancel.
 *
 * Answers `returned` once nothing is left to return, `in_flight` while a
 * capture, refund or cancel of the payment is still pending; throws what the
 * provider answered when it refused (the next pass tries again).
 */
export async function returnSurplus(
  ctx: ServiceContext,
  paymentId: string,
): Promise<SurplusReturn> {
  const state = await readState(ctx, paymentId);
  if (state.kind !== "to_return") return state.kind;
  const { payment, refunds } = state;
  if (payment.captured_amount > 0) {
    // One key per attempt, derived from the payment and its refunds so far: a second caller
    // at the same moment replays the first one's refund instead of sending another.
    await refundPayment(ctx, {
      payment_id: payment.id,
      note: `Surplus: the collection ${payment.payment_collection_id} was paid already.`,
      idempotency_key: `${payment.id}:return-surplus:${refunds + 1}`,
    });
  } else {
    await cancelPayment(ctx, payment.id).catch((error: unknown) => {
      // Another caller's cancel is in flight: it settles, or reconcile does.
      if (TenderError.isInstance(error) && error.code === "operation_in_progress") return;
      throw error;
    });
  }
  const after = await readState(ctx, paymentId);
  return after.kind === "to_return" ? "in_flight" : after.kind;
}

type SurplusState =
  | { kind: "returned" }
  | { kind: "in_flight" }
  | { kind: "to_return"; payment: Payment; refunds: number };

/** Under the collection's lock: whether money is left to return, and clears the mark once none is. */
async function readState(ctx: ServiceContext, paymentId: string): Promise<SurplusState> {
  return inTransaction(ctx, async (uow) => {
    const { tx } = uow;
    const found = await mustGet(tx, "payments", paymentId);
    await lockCollection(tx, found.payment_collection_id);
    const payment = await mustGet(tx, "payments", paymentId);
    if (payment.surplus_at === null || payment.surplus_returning_at === null) {
      return { kind: "returned" };
    }
    const [captures, refunds] = await Promise.all([
      tx.list("captures", { payment_id: payment.id }),
      tx.list("refunds", { payment_id: payment.id }),
    ]);
    const pending =
      payment.cancel_started_at !== null ||
      captures.some((capture) => capture.status === "pending") ||
      refunds.some((refund) => refund.status === "pending");
    if (pending) return { kind: "in_flight" };
    const captured = payment.captured_amount > 0;
    const left = captured
      ? refundableOf(payment, refunds) > 0
      : payment.canceled_at === null && payment.expired_at === null;
    if (left) return { kind: "to_return", payment, refunds: refunds.length };
    const returned = await tx.update("payments", payment.id, {
      surplus_returning_at: null,
      updated_at: ctx.now(),
    });
    uow.emit("payment.surplus_returned", { payment: returned });
    return { kind: "returned" };
  });
}
