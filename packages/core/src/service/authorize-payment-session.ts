import { match } from "ts-pattern";
import { ProviderError } from "../errors/provider-error";
import { TenderError } from "../errors/tender-error";
import type { ProviderPaymentResult } from "../provider/payment-provider";
import type { Payment, PaymentSession } from "../records/records";
import { isAuthorizable } from "../state/session-transitions";
import { type AppliedSessionResult, applySessionResult } from "./apply-session-result";
import { errorSummary } from "./error-summary";
import { heldAmount } from "./held-amount";
import { outcomeUnknown } from "./outcome-unknown";
import { type ProviderStep, type Reservation, runProviderStep } from "./provider-step";
import { returnSurplus } from "./return-surplus";
import {
  getProvider,
  lockCollection,
  mustGet,
  notFound,
  type ServiceContext,
  type UnitOfWork,
} from "./service-context";
import { mergeJsonObject, optionalJsonObject, requireId } from "./validate-input";

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
  const extraContext =
    optionalJsonObject(contextInput, "context", "authorizePaymentSession(id, context)") ?? {};

  const booked = await runProviderStep(
    ctx,
    authorizeStep,
    async ({ tx }): Promise<Reservation<PaymentSession, BookedAuthorization>> => {
      const found = await mustGet(tx, "payment_sessions", sessionId);
      const collection = await lockCollection(tx, found.payment_collection_id);
      const session = await mustGet(tx, "payment_sessions", sessionId);
      if (session.payment_id) {
        const payment = await mustGet(tx, "payments", session.payment_id);
        const applied = { session, collection, payment, outcome: "same" as const };
        return { done: { applied, result: { status: "authorized", data: session.data } } };
      }
      if (session.provider_call !== null) throw providerCallInFlight(session);
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
        context:
          Object.keys(extraContext).length > 0
            ? mergeJsonObject(session.context, extraContext, "context")
            : session.context,
        updated_at: ctx.now(),
      });
      return { reserved };
    },
  );
  return settleAuthorization(ctx, booked.applied, booked.result);
}

/** A provider's answer to an authorization, as booked on its session. */
export interface BookedAuthorization {
  applied: AppliedSessionResult;
  result: ProviderPaymentResult;
}

/**
 * The authorize step: the key is `<session id>:authorize:<attempt>`, the same
 * until an answer ends the attempt. A refusal is an answer about the session
 * (it becomes `error`); an unknown outcome keeps the hold and the attempt, so
 * authorizing again, or reconcile, sends the same request again.
 */
export const authorizeStep: ProviderStep<
  PaymentSession,
  ProviderPaymentResult,
  BookedAuthorization
> = {
  provider: (ctx, session) => getProvider(ctx, session.provider_id),
  call: (provider, session) =>
    provider.authorizePayment({
      session_id: session.id,
      amount: session.amount,
      currency_code: session.currency_code,
      data: session.data,
      context: session.context,
      idempotency_key: `${session.id}:authorize:${session.authorization_attempt}`,
    }),
  // Nothing moved under this attempt's key, which the provider will not take again: the
  // next attempt keeps the hold and goes under the next key.
  async renew(ctx, { tx }, session) {
    await lockCollection(tx, session.payment_collection_id);
    const current = await mustGet(tx, "payment_sessions", session.id);
    const inFlight = current.authorization_started_at !== null && current.payment_id === null;
    if (!inFlight || current.authorization_attempt !== session.authorization_attempt) {
      return undefined;
    }
    return tx.update("payment_sessions", session.id, {
      authorization_attempt: current.authorization_attempt + 1,
      updated_at: ctx.now(),
    });
  },
  async succeeded(ctx, uow, session, result) {
    return { returns: await bookAuthorization(ctx, uow, session, result) };
  },
  async failed(ctx, uow, session, error) {
    return { returns: await bookAuthorization(ctx, uow, session, failureResult(error, session)) };
  },
  unknown: (session, error) =>
    outcomeUnknown({
      providerId: session.provider_id,
      what: `the authorization of payment session ${session.id} (${session.amount})`,
      reconcile: `authorize the session again (the same request is sent) or call reconcile()`,
      details: { session_id: session.id },
      cause: error,
    }),
};

async function bookAuthorization(
  ctx: ServiceContext,
  uow: UnitOfWork,
  session: PaymentSession,
  result: ProviderPaymentResult,
): Promise<BookedAuthorization> {
  const collection = await lockCollection(uow.tx, session.payment_collection_id);
  const current = await uow.tx.get("payment_sessions", session.id);
  if (!current) throw notFound("payment_sessions", session.id);
  const applied = await applySessionResult(ctx, uow, collection, current, result, {
    endsAttempt: true,
  });
  return { applied, result };
}

export function providerCallInFlight(session: PaymentSession): TenderError {
  const operation = session.provider_call?.operation === "update" ? "updated" : "created";
  return new TenderError({
    code: "operation_in_progress",
    message: `Payment session ${session.id} is being ${operation} at provider ${session.provider_id} and its answer is not known yet; call reconcile() or try again shortly.`,
    details: { session_id: session.id },
    retryable: true,
  });
}

/** Turns an applied provider answer into the caller's payment or a thrown error. */
export async function settleAuthorization(
  ctx: ServiceContext,
  applied: AppliedSessionResult,
  result: ProviderPaymentResult,
): Promise<Payment> {
  const { session } = applied;
  if (applied.outcome === "over_collection" && applied.payment) {
    // The provider holds or took money the collection has no room for: it goes back now, or,
    // when the provider will not take that yet, on the reconcile sweep's next run.
    const surplus = applied.payment;
    const returned = await returnSurplus(ctx, surplus.id).catch((refused: unknown) => {
      if (TenderError.isInstance(refused)) return "in_flight" as const;
      throw refused;
    });
    const error = alreadyAuthorized(
      session,
      applied.collection.authorized_amount,
      applied.collection.amount,
    );
    throw new TenderError({
      code: error.code,
      message: `${error.message} The provider authorized it all the same: its money is recorded as surplus payment ${surplus.id} and ${returned === "returned" ? "was returned" : "is being returned"}.`,
      details: { ...error.details, surplus_payment_id: surplus.id },
    });
  }
  if (applied.payment) return applied.payment;
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
