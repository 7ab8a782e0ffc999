import { TenderError } from "../errors/tender-error";
import { assertAmount } from "../money/assert-amount";
import { heldBy, refundable as refundableOf } from "../money/ledger";
import { generateId } from "../records/generate-id";
import type { Payment, Refund } from "../records/records";
import {
  optionalIdempotencyKey,
  rememberIdempotent,
  replayedFailure,
  replayIdempotent,
} from "./caller-idempotency";
import { type Reservation, runProviderStep } from "./provider-step";
import {
  getProvider,
  lockCollection,
  mustGet,
  type ServiceContext,
  type UnitOfWork,
} from "./service-context";
import { type ReservedRefund, refundStep } from "./settle-refund";
import {
  fieldsOf,
  optionalId,
  optionalString,
  rejectUnknownKeys,
  requireId,
  requireObject,
} from "./validate-input";

export interface RefundPaymentInput {
  payment_id: string;
  /** Minor units. Without it, everything captured and not refunded yet. */
  amount?: number;
  refund_reason_id?: string;
  note?: string;
  created_by?: string;
  idempotency_key?: string;
}

const FIELDS = fieldsOf<RefundPaymentInput>()([
  "payment_id",
  "amount",
  "refund_reason_id",
  "note",
  "created_by",
  "idempotency_key",
]);

/**
 * Refunds captured money, in full or in parts.
 *
 * Invariant: refunded (succeeded + pending refunds) <= captured (succeeded).
 */
export async function refundPayment(ctx: ServiceContext, input: unknown): Promise<Payment> {
  const fields = requireObject(input, "refundPayment(input)");
  rejectUnknownKeys(fields, FIELDS, "refundPayment(input)");
  const paymentId = requireId(fields.payment_id, "payment_id");
  if (fields.amount !== undefined) assertAmount(fields.amount, { field: "amount", min: 1 });
  const amount = fields.amount;
  const reasonId = optionalId(fields.refund_reason_id, "refund_reason_id") ?? null;
  const note = optionalString(fields.note, "note") ?? null;
  const createdBy = optionalString(fields.created_by, "created_by") ?? null;
  const key = optionalIdempotencyKey(fields.idempotency_key);
  const request = { payment_id: paymentId, amount, refund_reason_id: reasonId, note };

  const reserve = async ({ tx }: UnitOfWork): Promise<Reservation<ReservedRefund, Payment>> => {
    const found = await mustGet(tx, "payments", paymentId);
    await lockCollection(tx, found.payment_collection_id);
    const replayed = await replayIdempotent(tx, "refund", key, request);
    const payment = await mustGet(tx, "payments", paymentId);
    if (replayed) {
      // The same request again: report the first call's outcome, finishing it if it is still pending.
      const refund = await mustGet(tx, "refunds", replayed);
      if (refund.status === "failed") throw replayedFailure(refund);
      if (refund.status === "succeeded") return { done: payment };
      const reason = refund.refund_reason_id
        ? await tx.get("refund_reasons", refund.refund_reason_id)
        : undefined;
      return { reserved: { payment, refund, reasonCode: reason?.code ?? null } };
    }
    const reason = reasonId === null ? null : await mustGet(tx, "refund_reasons", reasonId);
    const provider = getProvider(ctx, payment.provider_id);
    const refunds = await tx.list("refunds", {
      payment_id: payment.id,
      status: ["pending", "succeeded"],
    });
    const held = heldBy(refunds);
    const refundable = refundableOf(payment, refunds);
    // A disputed amount was taken back by the customer's bank: refunding it too would pay twice.
    const disputed =
      payment.disputed_amount > 0
        ? `, taken back by disputes ${payment.disputed_amount} (a disputed amount cannot also be refunded; answer the dispute at the provider)`
        : "";
    if (refundable <= 0) {
      throw new TenderError({
        code: "nothing_to_refund",
        message: `Payment ${payment.id} has nothing left to refund (captured ${payment.captured_amount}, refunded or refunding ${held}${disputed}).${disputed ? "" : " Capture first."}`,
        details: { payment_id: payment.id, disputed_amount: payment.disputed_amount },
      });
    }
    const toRefund = amount ?? refundable;
    if (toRefund > refundable) {
      throw new TenderError({
        code: "refund_exceeds_captured",
        message: `Cannot refund ${toRefund} of payment ${payment.id}: only ${refundable} of what was captured is left to refund${disputed}.`,
        details: {
          payment_id: payment.id,
          requested: toRefund,
          refundable,
          disputed_amount: payment.disputed_amount,
        },
      });
    }
    if (toRefund < payment.captured_amount && !provider.capabilities.partialRefund) {
      throw new TenderError({
        code: "capability_not_supported",
        message: `Provider ${provider.id} refunds only in full (${payment.captured_amount}); refund without an amount.`,
        details: { payment_id: payment.id },
      });
    }
    const now = ctx.now();
    const id = generateId("ref");
    const refund: Refund = {
      id,
      created_at: now,
      updated_at: now,
      payment_id: payment.id,
      amount: toRefund,
      status: "pending",
      created_by: createdBy,
      refund_reason_id: reasonId,
      note,
      idempotency_key: id,
      error: null,
      data: {},
      claimed_until: null,
    };
    await tx.insert("refunds", refund);
    await rememberIdempotent(tx, "refund", key, request, refund.id, now);
    return { reserved: { payment, refund, reasonCode: reason?.code ?? null } };
  };

  return runProviderStep(ctx, refundStep, reserve);
}
