import { match } from "ts-pattern";
import { ProviderError } from "../errors/provider-error";
import { heldBy, releasedWhenClosed, unbookedCapture as unbookedCaptureOf } from "../money/ledger";
import type { ProviderPaymentResult } from "../provider/payment-provider";
import { generateId } from "../records/generate-id";
import type { Payment, PaymentCollection, PaymentSession } from "../records/records";
import { derivePaymentStatus } from "../state/payment-transitions";
import { judgeSessionTransition } from "../state/session-transitions";
import { heldAmount } from "./held-amount";
import { refreshCollection, type ServiceContext, type UnitOfWork } from "./service-context";

export interface AppliedSessionResult {
  session: PaymentSession;
  collection: PaymentCollection;
  /** The session's payment, when it has one (new or existing). */
  payment: Payment | null;
  /**
   * `stale`: the answer would move the session backwards, or out of a terminal state; it was ignored.
   * `over_collection`: the provider took or holds money the collection no longer had room for (it was
   * paid meanwhile): the payment is recorded as surplus (`payment.surplus_at`), to be returned by
   * {@link returnSurplus}.
   */
  outcome: "moved" | "same" | "stale" | "over_collection";
}

/**
 * Applies a provider's answer about a session, under the collection's lock:
 * saves the status, provider data, next action and error, and on
 * authorization creates the payment (with a succeeded capture when the
 * provider captured at once). The one path for direct calls, webhooks and
 * offline confirmations alike.
 */
export async function applySessionResult(
  ctx: ServiceContext,
  uow: UnitOfWork,
  collection: PaymentCollection,
  session: PaymentSession,
  result: ProviderPaymentResult,
  options: {
    /** The answer ends an authorization attempt: release its hold and use a new key next time. */
    endsAttempt: boolean;
  },
): Promise<AppliedSessionResult> {
  const { tx } = uow;
  const now = ctx.now();
  const existingPayment = session.payment_id
    ? await tx.get("payments", session.payment_id)
    : undefined;
  const verdict = judgeSessionTransition(session.status, result.status);
  const attemptPatch: Partial<PaymentSession> = options.endsAttempt
    ? { authorization_started_at: null, authorization_attempt: session.authorization_attempt + 1 }
    : {};

  if (verdict === "refused" || (verdict === "same" && existingPayment)) {
    const updated = options.endsAttempt
      ? await tx.update("payment_sessions", session.id, { ...attemptPatch, updated_at: now })
      : session;
    return {
      session: updated,
      collection,
      payment: existingPayment ?? null,
      outcome: verdict === "same" ? "same" : "stale",
    };
  }

  const becomesPaid = result.status === "authorized" || result.status === "captured";
  // A provider may authorize less than asked (a gift card's balance), never more.
  const authorizedAmount = becomesPaid ? authorizedOf(session, result) : null;
  // Invariant: a collection is never authorized for more than it is owed. Money the provider
  // took or holds beyond it is still money: it is recorded, as a surplus payment, and returned.
  const surplus =
    authorizedAmount !== null &&
    !existingPayment &&
    (await heldAmount(tx, collection.id, session.id)) + authorizedAmount > collection.amount;

  let payment = existingPayment ?? null;
  if (becomesPaid && !payment) {
    payment = {
      id: generateId("pay"),
      created_at: now,
      updated_at: now,
      payment_collection_id: collection.id,
      payment_session_id: session.id,
      provider_id: session.provider_id,
      currency_code: session.currency_code,
      amount: authorizedAmount ?? session.amount,
      captured_amount: 0,
      refunded_amount: 0,
      disputed_amount: 0,
      released_amount: 0,
      status: "authorized",
      data: result.data,
      capture_before: result.capture_before ?? null,
      captured_at: null,
      canceled_at: null,
      cancel_started_at: null,
      cancel_attempt: 0,
      increment_amount: null,
      increment_started_at: null,
      increment_attempt: 0,
      expired_at: null,
      expiry_warned_at: null,
      surplus_at: surplus ? now : null,
      risk_signals: [],
      surplus_returning_at: surplus ? now : null,
      claimed_until: null,
      metadata: null,
    };
    await tx.insert("payments", payment);
  }
  const updated = await tx.update("payment_sessions", session.id, {
    ...attemptPatch,
    status: result.status,
    raw_status: result.raw_status ?? result.status,
    data: result.data,
    next_action: result.next_action ?? null,
    error: result.error ?? null,
    authorized_at: becomesPaid ? (session.authorized_at ?? now) : session.authorized_at,
    authorized_amount: payment?.amount ?? session.authorized_amount,
    payment_id: payment?.id ?? session.payment_id,
    updated_at: now,
  });

  // Events in the order things happened: authorized, then captured.
  await match(result.status)
    .with("authorized", "captured", async () => {
      if (payment && !existingPayment) {
        // A surplus payment is no sale: it gets its own event, never `payment_session.authorized`.
        if (surplus) uow.emit("payment.surplus", { session: updated, payment });
        else uow.emit("payment_session.authorized", { session: updated, payment });
      }
      if (result.status === "captured" && payment) {
        const unbooked = await unbookedCapture(
          uow,
          payment,
          result.captured_amount ?? payment.amount,
        );
        if (unbooked > 0) payment = await recordProviderCapture(ctx, uow, payment, unbooked);
      }
    })
    .with("requires_more", async () => {
      uow.emit("payment_session.requires_more", {
        session: updated,
        next_action: updated.next_action,
      });
    })
    .with("canceled", async () => {
      // The provider released the authorization: an uncaptured payment is canceled with it.
      if (payment) payment = await cancelUncapturedPayment(ctx, uow, payment);
    })
    .with("pending", "processing", "error", async () => undefined)
    .exhaustive();
  const refreshed = await refreshCollection(ctx, uow, collection);

  return {
    session: updated,
    collection: refreshed,
    payment,
    outcome: surplus ? "over_collection" : verdict === "same" ? "same" : "moved",
  };
}

/**
 * Books money the provider already captured on its own (automatic capture, a
 * capture webhook): a succeeded capture, and no capture call to the provider.
 */
export async function recordProviderCapture(
  ctx: ServiceContext,
  uow: UnitOfWork,
  payment: Payment,
  amount: number,
): Promise<Payment> {
  const now = ctx.now();
  const captureId = generateId("capt");
  const capture = {
    id: captureId,
    created_at: now,
    updated_at: now,
    payment_id: payment.id,
    amount,
    status: "succeeded" as const,
    created_by: null,
    idempotency_key: `${payment.id}:provider-capture:${payment.captured_amount + amount}`,
    error: null,
    data: {},
    claimed_until: null,
  };
  await uow.tx.insert("captures", capture);
  const captured_amount = payment.captured_amount + amount;
  // The provider reports the payment captured: it is closed there, and what it
  // did not take (beside our own captures still in flight) is released.
  const inFlight = heldBy(
    await uow.tx.list("captures", { payment_id: payment.id, status: "pending" }),
  );
  const released_amount = releasedWhenClosed(payment, captured_amount, inFlight);
  const updated = await uow.tx.update("payments", payment.id, {
    captured_amount,
    released_amount,
    captured_at: now,
    status: derivePaymentStatus({ ...payment, captured_amount, released_amount }),
    updated_at: now,
  });
  // Surplus money captured is money to return, not a sale to fulfil.
  if (updated.surplus_at === null) {
    uow.emit("payment.captured", {
      payment: updated,
      capture,
      released_amount: released_amount - payment.released_amount,
    });
  }
  return updated;
}

/** What the provider captured that no capture row holds yet (see {@link unbookedCaptureOf}). */
async function unbookedCapture(
  uow: UnitOfWork,
  payment: Payment,
  providerTotal: number,
): Promise<number> {
  const captures = await uow.tx.list("captures", { payment_id: payment.id });
  return unbookedCaptureOf(payment, captures, providerTotal);
}

async function cancelUncapturedPayment(
  ctx: ServiceContext,
  uow: UnitOfWork,
  payment: Payment,
): Promise<Payment> {
  if (payment.canceled_at !== null) return payment;
  const captures = await uow.tx.list("captures", {
    payment_id: payment.id,
    status: ["pending", "succeeded"],
  });
  if (captures.length > 0) return payment;
  const now = ctx.now();
  const canceled = await uow.tx.update("payments", payment.id, {
    status: "canceled",
    canceled_at: now,
    cancel_started_at: null,
    updated_at: now,
  });
  uow.emit("payment.canceled", { payment: canceled });
  return canceled;
}

/**
 * What the provider authorized of the session: its `authorized_amount` when
 * it says (a partial authorization), else the session's amount. More than
 * asked breaks the provider contract: nothing is booked on it.
 */
function authorizedOf(session: PaymentSession, result: ProviderPaymentResult): number {
  const authorized = result.authorized_amount ?? session.amount;
  if (authorized > session.amount) {
    throw new ProviderError({
      providerId: session.provider_id,
      code: "provider_error",
      message: `Provider ${session.provider_id} answered authorized_amount ${authorized} for session ${session.id}, which asked for ${session.amount}: a provider may authorize less than asked, never more. Nothing was booked; fix the provider, then reconcile.`,
    });
  }
  return authorized;
}
