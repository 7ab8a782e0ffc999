import { match } from "ts-pattern";
import { ProviderError } from "../errors/provider-error";
import { TenderError } from "../errors/tender-error";
import type { ProviderPaymentResult } from "../provider/payment-provider";
import type { Payment, PaymentSession } from "../records/records";
import { isAuthorizable } from "../state/session-transitions";
import { type AppliedSessionResult, applySessionResult } from "./apply-session-result";
import { cancelOverCollection } from "./cancel-over-collection";
import { errorSummary } from "./error-summary";
import { heldAmount } from "./held-amount";
import {
  getProvider,
  inTransaction,
  lockCollection,
  mustGet,
  notFound,
  type ServiceContext,
  type UnitOfWork,
} from "./service-context";
import { optionalObject, requireId } from "./validate-input";

/**
 * Authorizes a session with its provider and returns its payment.
 *
 * An authorized session returns its payment without calling the provider
 * again. When the provider needs more from the customer (3DS) the session is
 * saved as `requires_more` with the provider's next action, then a
 * `payment_requires_more` error is thrown; authorize again once the customer
 * has acted. A refusal saves the session as `error` and throws
 * `payment_authorization_failed`.
 */
export async function authorizePaymentSession(
  ctx: ServiceContext,
  sessionIdInput: unknown,
  contextInput: unknown = {},
): Promise<Payment> {
  const sessionId = requireId(sessionIdInput, "authorizePaymentSession(id)");
  const extraContext = optionalObject(contextInput, "authorizePaymentSession(id, context)") ?? {};

  const reserve = async ({ tx }: UnitOfWork) => {
    const found = await mustGet(tx, "payment_sessions", sessionId);
    const collection = await lockCollection(tx, found.payment_collection_id);
    const session = await mustGet(tx, "payment_sessions", sessionId);
    if (session.payment_id) {
      return { kind: "done" as const, payment: await mustGet(tx, "payments", session.payment_id) };
    }
    if (!isAuthorizable(session.status)) {
      throw new TenderError({
        code: "session_not_authorizable",
        message: `Payment session ${session.id} is ${session.status} and cannot be authorized; create a new session.`,
        details: { session_id: session.id, status: session.status },
      });
    }
    const held = await heldAmount(tx, collection.id, session.id);
    if (held + session.amount > collection.amount)
      throw alreadyAuthorized(session, held, collection.amount);
    // Reserve: the session's amount is held on the collection while the provider is called.
    const reserved = await tx.update("payment_sessions", session.id, {
      authorization_started_at: session.authorization_started_at ?? ctx.now(),
      context: { ...session.context, ...extraContext },
      updated_at: ctx.now(),
    });
    return { kind: "call" as const, session: reserved, collection };
  };
  const ask = async (session: PaymentSession): Promise<ProviderPaymentResult> => {
    try {
      return await getProvider(ctx, session.provider_id).authorizePayment({
        session_id: session.id,
        amount: session.amount,
        currency_code: session.currency_code,
        data: session.data,
        context: session.context,
        idempotency_key: `${session.id}:authorize:${session.authorization_attempt}`,
      });
    } catch (error) {
      // A retryable fault leaves the hold in place: the provider may have
      // authorized. Authorizing again reuses the same idempotency key.
      if (TenderError.isInstance(error) && error.retryable) throw error;
      return failureResult(error, session);
    }
  };

  const reservation = await inTransaction(ctx, async (uow) => {
    const step = await reserve(uow);
    if (step.kind === "done") return step;
    if (getProvider(ctx, step.session.provider_id).capabilities.local !== true) return step;
    // A local provider is bookkeeping in this process: ask it and apply its answer in one commit.
    const result = await ask(step.session);
    const applied = await applySessionResult(ctx, uow, step.collection, step.session, result, {
      endsAttempt: true,
    });
    return { kind: "applied" as const, applied, result };
  });
  if (reservation.kind === "done") return reservation.payment;
  if (reservation.kind === "applied")
    return settleAuthorization(ctx, reservation.applied, reservation.result);

  const session = reservation.session;
  const result = await ask(session);

  const applied = await inTransaction(ctx, async (uow) => {
    const collection = await lockCollection(uow.tx, session.payment_collection_id);
    const current = await uow.tx.get("payment_sessions", session.id);
    if (!current) throw notFound("payment_sessions", session.id);
    return applySessionResult(ctx, uow, collection, current, result, { endsAttempt: true });
  });
  return settleAuthorization(ctx, applied, result);
}

/** Turns an applied provider answer into the caller's payment or a thrown error. */
export async function settleAuthorization(
  ctx: ServiceContext,
  applied: AppliedSessionResult,
  result: ProviderPaymentResult,
): Promise<Payment> {
  const { session } = applied;
  if (applied.payment) return applied.payment;
  if (applied.outcome === "over_collection") {
    await cancelOverCollection(ctx, session);
    throw alreadyAuthorized(
      session,
      applied.collection.authorized_amount,
      applied.collection.amount,
    );
  }
  const details = {
    session_id: session.id,
    status: session.status,
    raw_status: session.raw_status,
    next_action: session.next_action,
    error: session.error,
  };
  throw match(session.status)
    .with(
      "requires_more",
      () =>
        new TenderError({
          code: "payment_requires_more",
          message: `Payment session ${session.id} needs the customer to act (${session.next_action?.type ?? "see next_action"}); once they have, authorize it again.`,
          details,
        }),
    )
    .with(
      "processing",
      () =>
        new TenderError({
          code: "payment_processing",
          message: `Payment session ${session.id} is processing at ${session.provider_id}; its payment is created when the provider confirms it (webhook or markPaymentSessionPaid).`,
          details,
        }),
    )
    .with(
      "pending",
      "error",
      "canceled",
      "authorized",
      "captured",
      () =>
        new TenderError({
          code: "payment_authorization_failed",
          message: `Payment session ${session.id} was not authorized (${session.error?.message ?? `the provider answered ${result.raw_status ?? result.status}`}). Ask the customer for another payment method, update the session, and authorize again.`,
          details,
          cause: result.error,
        }),
    )
    .exhaustive();
}

function failureResult(error: unknown, session: PaymentSession): ProviderPaymentResult {
  const raw = ProviderError.isProviderError(error) ? (error.providerCode ?? error.code) : undefined;
  return {
    status: "error",
    ...(raw ? { raw_status: raw } : {}),
    data: session.data,
    error: errorSummary(error),
  };
}

function alreadyAuthorized(session: PaymentSession, held: number, owed: number): TenderError {
  return new TenderError({
    code: "collection_already_authorized",
    message: `Payment session ${session.id} (${session.amount}) does not fit: ${held} of the collection's ${owed} is already authorized or in flight. Cancel a payment or lower this session's amount first.`,
    details: { session_id: session.id, held, amount: owed },
  });
}
