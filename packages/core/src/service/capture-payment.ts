import { TenderError } from "../errors/tender-error";
import { assertAmount } from "../money/assert-amount";
import { heldBy, isFinalCapture, remainingToCapture } from "../money/ledger";
import { generateId } from "../records/generate-id";
import type { Capture, Payment } from "../records/records";

import {
  optionalIdempotencyKey,
  rememberIdempotent,
  replayedFailure,
  replayIdempotent,
} from "./caller-idempotency";
import { cancelInFlight } from "./cancel-payment";
import { incrementInFlightError } from "./increment-authorization";
import { type Reservation, runProviderStep } from "./provider-step";
import {
  getProvider,
  lockCollection,
  mustGet,
  type ServiceContext,
  type UnitOfWork,
} from "./service-context";
import { captureStep, type ReservedCapture, sentFinal } from "./settle-capture";
import {
  fieldsOf,
  optionalString,
  rejectUnknownKeys,
  requireId,
  requireObject,
} from "./validate-input";

export interface CapturePaymentInput {
  payment_id: string;
  /** Minor units. Without it, the rest of the authorization that is not captured yet. */
  amount?: number;
  captured_by?: string;
  /** Your key: the same key and input replays the first result instead of capturing again. */
  idempotency_key?: string;
}

const FIELDS = fieldsOf<CapturePaymentInput>()([
  "payment_id",
  "amount",
  "captured_by",
  "idempotency_key",
]);

/**
 * Captures an authorized payment, in full or in parts.
 *
 * Invariant: captured (succeeded + pending captures) <= authorized. The
 * capture is reserved as a pending row and committed before the provider is
 * called with the capture's id as idempotency key, then settled.
 */
export async function capturePayment(ctx: ServiceContext, input: unknown): Promise<Payment> {
  const fields = requireObject(input, "capturePayment(input)");
  rejectUnknownKeys(fields, FIELDS, "capturePayment(input)");
  const paymentId = requireId(fields.payment_id, "payment_id");
  if (fields.amount !== undefined) assertAmount(fields.amount, { field: "amount", min: 1 });
  const amount = fields.amount;
  const createdBy = optionalString(fields.captured_by, "captured_by") ?? null;
  const key = optionalIdempotencyKey(fields.idempotency_key);
  const request = { payment_id: paymentId, amount };

  const reserve = async ({ tx }: UnitOfWork): Promise<Reservation<ReservedCapture, Payment>> => {
    const found = await mustGet(tx, "payments", paymentId);
    await lockCollection(tx, found.payment_collection_id);
    const replayed = await replayIdempotent(tx, "capture", key, request);
    const payment = await mustGet(tx, "payments", paymentId);
    if (replayed) {
      // The same request again: report the first call's outcome, finishing it if it is still pending.
      const capture = await mustGet(tx, "captures", replayed);
      if (capture.status === "failed") throw replayedFailure(capture);
      if (capture.status === "succeeded") return { done: payment };
      const others = await tx.list("captures", {
        payment_id: payment.id,
        status: ["pending", "succeeded"],
      });
      return {
        reserved: {
          payment,
          capture,
          final: sentFinal(capture, isFinalCapture(payment, capture, others)),
        },
      };
    }
    if (payment.canceled_at !== null) {
      throw new TenderError({
        code: "payment_canceled",
        message: `Payment ${payment.id} is canceled; nothing can be captured from it.`,
        details: { payment_id: payment.id },
      });
    }
    if (payment.cancel_started_at !== null) throw cancelInFlight(payment);
    if (payment.increment_started_at !== null) throw incrementInFlightError(payment);
    if (payment.surplus_at !== null) {
      throw new TenderError({
        code: "payment_surplus",
        message: `Payment ${payment.id} is surplus: its collection ${payment.payment_collection_id} was paid by another payment, so its money is being returned (canceled or refunded), never captured. Capture the collection's other payment.`,
        details: { payment_id: payment.id },
      });
    }
    const provider = getProvider(ctx, payment.provider_id);
    if (payment.capture_before && payment.capture_before.getTime() <= ctx.now().getTime()) {
      throw new TenderError({
        code: "capture_expired",
        message: `Payment ${payment.id}'s authorization expired at ${payment.capture_before.toISOString()}; authorize a new session to take the money.`,
        details: { payment_id: payment.id },
      });
    }
    const captures = await tx.list("captures", {
      payment_id: payment.id,
      status: ["pending", "succeeded"],
    });
    const held = heldBy(captures);
    const remaining = remainingToCapture(payment, captures);
    const inFlight = captures.some((capture) => capture.status === "pending");
    if (remaining === 0 && payment.released_amount > 0 && !inFlight) {
      throw captureWasFinal(payment, provider.capabilities.multipleCaptures);
    }
    if (amount === undefined && remaining === 0) {
      if (inFlight) throw inProgress(payment);
      return { done: payment };
    }
    const toCapture = amount ?? remaining;
    if (toCapture > remaining) {
      throw new TenderError({
        code: "capture_exceeds_authorized",
        message: `Cannot capture ${toCapture} of payment ${payment.id}: only ${remaining} of its ${payment.amount} is left to capture.`,
        details: { payment_id: payment.id, requested: toCapture, remaining },
      });
    }
    if (held > 0 && !provider.capabilities.multipleCaptures) {
      throw new TenderError({
        code: "capability_not_supported",
        message: `Provider ${provider.id} takes one capture per payment and payment ${payment.id} has one; refund or cancel instead.`,
        details: { payment_id: payment.id },
      });
    }
    if (toCapture < payment.amount && !provider.capabilities.partialCapture) {
      throw new TenderError({
        code: "capability_not_supported",
        message: `Provider ${provider.id} captures only the full amount (${payment.amount}); capture without an amount.`,
        details: { payment_id: payment.id },
      });
    }
    const now = ctx.now();
    const id = generateId("capt");
    const final = isFinalCapture(payment, { id, amount: toCapture, status: "pending" }, captures);
    const capture: Capture = {
      id,
      created_at: now,
      updated_at: now,
      payment_id: payment.id,
      amount: toCapture,
      status: "pending",
      created_by: createdBy,
      idempotency_key: id,
      error: null,
      // The request is sent again as it was first sent (a key's parameters never change).
      data: { final },
      claimed_until: null,
    };
    await tx.insert("captures", capture);
    await rememberIdempotent(tx, "capture", key, request, capture.id, now);
    return { reserved: { payment, capture, final } };
  };

  return runProviderStep(ctx, captureStep, reserve);
}

function inProgress(payment: Payment): TenderError {
  return new TenderError({
    code: "operation_in_progress",
    message: `Payment ${payment.id} has a capture in flight for the rest of its amount; call reconcilePayment("${payment.id}") or try again shortly.`,
    details: { payment_id: payment.id },
    retryable: true,
  });
}

/**
 * A capture after the payment's last one: the rest of its authorization was
 * released (a final partial capture, or the provider closed the payment), so
 * nothing more can be captured. Returning success here would let "capture the
 * rest" take nothing and say it did.
 */
function captureWasFinal(payment: Payment, multipleCaptures: boolean): TenderError {
  const inParts = multipleCaptures
    ? ""
    : " Its provider takes one capture per payment: to capture in parts, use one that takes several (capabilities.multipleCaptures; with Stripe, `stripe({ multicapture: true })` on cards that allow it).";
  return new TenderError({
    code: "payment_already_captured",
    message: `Payment ${payment.id}'s capture was final: it captured ${payment.captured_amount} of its ${payment.amount} and the other ${payment.released_amount} was released to the customer, so nothing more can be captured from it.${inParts}`,
    details: {
      payment_id: payment.id,
      captured_amount: payment.captured_amount,
      released_amount: payment.released_amount,
    },
  });
}
