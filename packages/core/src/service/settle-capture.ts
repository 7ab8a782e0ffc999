import { releasedAfterCapture } from "../money/ledger";
import type { CapturePaymentResult } from "../provider/payment-provider";
import type { Capture, Payment } from "../records/records";
import { derivePaymentStatus, isCaptureClosed } from "../state/payment-transitions";
import { nextAttemptKey } from "./attempt-key";
import { errorSummary } from "./error-summary";
import { outcomeUnknown } from "./outcome-unknown";
import type { ProviderStep } from "./provider-step";
import {
  getProvider,
  lockCollection,
  mustGet,
  refreshCollection,
  type ServiceContext,
  type UnitOfWork,
} from "./service-context";

/** A capture reserved as a pending row: what the pipeline sends and books. */
export interface ReservedCapture {
  payment: Payment;
  capture: Capture;
  /** Whether this capture takes the rest of the authorization (nothing else in flight). */
  final: boolean;
}

/**
 * The capture step: the capture id is the idempotency key; a success moves
 * the payment's captured amount, a definite refusal marks the capture failed,
 * and an unknown outcome leaves it pending for reconcile, so it is never
 * captured twice nor marked failed on a guess.
 */
export const captureStep: ProviderStep<ReservedCapture, CapturePaymentResult, Payment> = {
  provider: (ctx, { payment }) => getProvider(ctx, payment.provider_id),
  call: (provider, { payment, capture, final }) =>
    provider.capturePayment(captureRequest(payment, capture, final)),
  async succeeded(ctx, uow, { payment, capture }, { data }) {
    return { returns: await applyCaptureSuccess(ctx, uow, payment, capture, data) };
  },
  async failed(ctx, { tx }, { payment, capture }, error) {
    await lockCollection(tx, payment.payment_collection_id);
    const current = await mustGet(tx, "captures", capture.id);
    if (current.status === "pending") {
      await tx.update("captures", capture.id, {
        status: "failed",
        error: errorSummary(error),
        updated_at: ctx.now(),
      });
    }
    return { throws: error };
  },
  async renew(ctx, { tx }, reserved) {
    const { payment, capture } = reserved;
    await lockCollection(tx, payment.payment_collection_id);
    const current = await mustGet(tx, "captures", capture.id);
    if (current.status !== "pending" || current.idempotency_key !== capture.idempotency_key) {
      return undefined;
    }
    const renewed = await tx.update("captures", capture.id, {
      idempotency_key: nextAttemptKey(capture.idempotency_key),
      updated_at: ctx.now(),
    });
    return { ...reserved, capture: renewed };
  },
  unknown: ({ payment, capture }, error) =>
    outcomeUnknown({
      providerId: payment.provider_id,
      what: `capture ${capture.id} of payment ${payment.id} (${capture.amount})`,
      reconcile: `call reconcilePayment("${payment.id}")`,
      details: { payment_id: payment.id, capture_id: capture.id },
      cause: error,
    }),
};

/**
 * Whether a pending capture was sent as final: recorded on the row when it was
 * reserved, so every attempt under its key sends the same parameters (a
 * provider refuses a key sent again with others). Rows from before it was
 * recorded fall back to `computed`.
 */
export function sentFinal(capture: Capture, computed: boolean): boolean {
  const recorded = capture.data.final;
  return typeof recorded === "boolean" ? recorded : computed;
}

/** The provider call for a capture: its amount, whether it is final, and the capture id as idempotency key. */
export function captureRequest(payment: Payment, capture: Capture, final: boolean) {
  return {
    payment_id: payment.id,
    session_id: payment.payment_session_id,
    capture_id: capture.id,
    amount: capture.amount,
    currency_code: payment.currency_code,
    final,
    data: payment.data,
    idempotency_key: capture.idempotency_key,
  };
}

/**
 * Books a capture the provider accepted, under the collection's lock: the
 * capture succeeds, the payment's captured amount moves, the session is
 * captured once the payment is, and payment.captured is emitted. A capture
 * already settled is left alone.
 */
export async function applyCaptureSuccess(
  ctx: ServiceContext,
  uow: UnitOfWork,
  payment: Payment,
  capture: Capture,
  data: Record<string, unknown>,
): Promise<Payment> {
  const { tx } = uow;
  const collection = await lockCollection(tx, payment.payment_collection_id);
  const current = await mustGet(tx, "captures", capture.id);
  const fresh = await mustGet(tx, "payments", payment.id);
  if (current.status !== "pending") return fresh;
  const now = ctx.now();
  const settled = await tx.update("captures", capture.id, {
    status: "succeeded",
    data,
    updated_at: now,
  });
  const captured_amount = fresh.captured_amount + capture.amount;
  // A provider that takes one capture per payment releases the rest with it.
  const released_amount = releasedAfterCapture(
    fresh,
    captured_amount,
    getProvider(ctx, payment.provider_id).capabilities.multipleCaptures,
  );
  const updated = await tx.update("payments", payment.id, {
    captured_amount,
    released_amount,
    captured_at: now,
    data,
    status: derivePaymentStatus({ ...fresh, captured_amount, released_amount }),
    updated_at: now,
  });
  if (isCaptureClosed(updated)) {
    await tx.update("payment_sessions", updated.payment_session_id, {
      status: "captured",
      updated_at: now,
    });
  }
  await refreshCollection(ctx, uow, collection);
  uow.emit("payment.captured", {
    payment: updated,
    capture: settled,
    released_amount: released_amount - fresh.released_amount,
  });
  return updated;
}
