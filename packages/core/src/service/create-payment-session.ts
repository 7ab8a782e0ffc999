import { TenderError } from "../errors/tender-error";
import { assertAmount } from "../money/assert-amount";
import { normalizeCurrencyCode } from "../money/currencies";
import type { ProviderPaymentResult } from "../provider/payment-provider";
import { generateId } from "../records/generate-id";
import type { PaymentCollection, PaymentSession, SessionProviderCall } from "../records/records";
import { nextAttemptKey } from "./attempt-key";
import { outcomeUnknown } from "./outcome-unknown";
import { type ProviderStep, type Reservation, runProviderStep } from "./provider-step";
import {
  getProvider,
  lockCollection,
  mustGet,
  refreshCollection,
  type ServiceContext,
  type UnitOfWork,
} from "./service-context";
import {
  fieldsOf,
  optionalJsonObject,
  optionalMetadata,
  rejectUnknownKeys,
  requireId,
  requireObject,
} from "./validate-input";

export interface CreatePaymentSessionInput {
  provider_id: string;
  currency_code: string;
  amount: number;
  /** Provider-specific input (a payment method id, say). */
  data?: Record<string, unknown>;
  /** Facts about the customer for the provider. */
  context?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

const FIELDS = fieldsOf<CreatePaymentSessionInput>()([
  "provider_id",
  "currency_code",
  "amount",
  "data",
  "context",
  "metadata",
]);

/**
 * Opens a payment session on a collection with one provider. Its currency must
 * be the collection's and its amount at most the collection's. The session is
 * reserved first (saved with the provider call it is about to make), then the
 * provider is called with `<session id>:initiate` as idempotency key and its
 * answer saved. A definite refusal removes the reserved session; an unknown
 * outcome keeps it, marked, until reconcile sends the same request again.
 */
export async function createPaymentSession(
  ctx: ServiceContext,
  collectionIdInput: unknown,
  input: unknown,
): Promise<PaymentSession> {
  const collectionId = requireId(collectionIdInput, "createPaymentSession(collectionId)");
  const fields = requireObject(input, "createPaymentSession(collectionId, input)");
  rejectUnknownKeys(fields, FIELDS, "createPaymentSession(collectionId, input)");
  const providerId = requireId(fields.provider_id, "provider_id");
  const currency = normalizeCurrencyCode(fields.currency_code);
  assertAmount(fields.amount, { field: "amount", min: 1 });
  const amount = fields.amount;
  const data = optionalJsonObject(fields.data, "data") ?? {};
  const context = optionalJsonObject(fields.context, "context") ?? {};
  const metadata = optionalMetadata(fields.metadata, "metadata") ?? null;
  getProvider(ctx, providerId);

  return runProviderStep(
    ctx,
    initiateStep,
    async (uow): Promise<Reservation<PaymentSession, PaymentSession>> => {
      const collection = await lockCollection(uow.tx, collectionId);
      checkFits(collection, currency, amount);
      const now = ctx.now();
      const id = generateId("payses");
      const session: PaymentSession = {
        id,
        created_at: now,
        updated_at: now,
        payment_collection_id: collectionId,
        provider_id: providerId,
        currency_code: currency,
        amount,
        status: "pending",
        raw_status: null,
        data,
        context,
        next_action: null,
        error: null,
        authorized_at: null,
        authorized_amount: null,
        payment_id: null,
        authorization_attempt: 0,
        authorization_started_at: null,
        provider_call: {
          operation: "initiate",
          idempotency_key: `${id}:initiate`,
          request: { amount, currency_code: currency, data, context },
        },
        provider_call_started_at: now,
        claimed_until: null,
        metadata,
      };
      await uow.tx.insert("payment_sessions", session);
      return { reserved: session };
    },
  );
}

/** The provider request a session's reserved call sends. */
function callRequest(session: PaymentSession, call: SessionProviderCall) {
  return {
    session_id: session.id,
    amount: call.request.amount,
    currency_code: call.request.currency_code,
    data: call.request.data,
    context: call.request.context,
    idempotency_key: call.idempotency_key,
  };
}

/**
 * Records the next attempt's key on a session's reserved call when the
 * provider said nothing moved under the current one and will not take it
 * again; undefined when that call is no longer in flight.
 */
async function renewProviderCall(
  ctx: ServiceContext,
  { tx }: UnitOfWork,
  session: PaymentSession,
): Promise<PaymentSession | undefined> {
  await lockCollection(tx, session.payment_collection_id);
  const current = await tx.get("payment_sessions", session.id);
  const call = current?.provider_call;
  if (!call || call.idempotency_key !== session.provider_call?.idempotency_key) return undefined;
  return tx.update("payment_sessions", session.id, {
    provider_call: { ...call, idempotency_key: nextAttemptKey(call.idempotency_key) },
    updated_at: ctx.now(),
  });
}

/** A session's reserved call, or the error for a session that has none (it was settled already). */
function reservedCall(session: PaymentSession): SessionProviderCall {
  if (session.provider_call === null) {
    throw new TenderError({
      code: "invalid_state_transition",
      message: `Payment session ${session.id} has no provider call in flight.`,
      details: { session_id: session.id },
    });
  }
  return session.provider_call;
}

/**
 * The step that creates a reserved session at its provider. A success saves
 * the provider's data and emits payment_session.created; a definite refusal
 * deletes the session it reserved (nothing exists at the provider).
 */
export const initiateStep: ProviderStep<PaymentSession, ProviderPaymentResult, PaymentSession> = {
  provider: (ctx, session) => getProvider(ctx, session.provider_id),
  call: (provider, session) =>
    provider.initiatePayment(callRequest(session, reservedCall(session))),
  async succeeded(ctx, uow, session, initiated) {
    const collection = await lockCollection(uow.tx, session.payment_collection_id);
    const current = await mustGet(uow.tx, "payment_sessions", session.id);
    if (current.provider_call?.operation !== "initiate") return { returns: current };
    const created = await uow.tx.update("payment_sessions", session.id, {
      raw_status: initiated.raw_status ?? initiated.status,
      data: initiated.data,
      next_action: initiated.next_action ?? null,
      provider_call: null,
      provider_call_started_at: null,
      updated_at: ctx.now(),
    });
    await refreshCollection(ctx, uow, collection);
    uow.emit("payment_session.created", { session: created });
    return { returns: created };
  },
  async failed(ctx, uow, session, error) {
    const collection = await lockCollection(uow.tx, session.payment_collection_id);
    const current = await uow.tx.get("payment_sessions", session.id);
    if (current?.provider_call?.operation === "initiate") {
      await uow.tx.delete("payment_sessions", session.id);
      await refreshCollection(ctx, uow, collection);
    }
    return { throws: error };
  },
  renew: renewProviderCall,
  unknown: (session, error) =>
    outcomeUnknown({
      providerId: session.provider_id,
      what: `the creation of payment session ${session.id}`,
      reconcile: "call reconcile()",
      details: { session_id: session.id },
      cause: error,
    }),
};

/**
 * The step that updates a session at its provider with the request reserved
 * on it; a success saves the new amount, data and context, a definite
 * refusal clears the reservation and keeps the session as it was.
 */
export const updateStep: ProviderStep<PaymentSession, ProviderPaymentResult, PaymentSession> = {
  provider: (ctx, session) => getProvider(ctx, session.provider_id),
  call: (provider, session) => provider.updatePayment(callRequest(session, reservedCall(session))),
  async succeeded(ctx, uow, session, answer) {
    const collection = await lockCollection(uow.tx, session.payment_collection_id);
    const current = await mustGet(uow.tx, "payment_sessions", session.id);
    const call = current.provider_call;
    if (call?.operation !== "update") return { returns: current };
    const updated = await uow.tx.update("payment_sessions", session.id, {
      amount: call.request.amount,
      currency_code: call.request.currency_code,
      data: answer.data,
      context: call.request.context,
      status: "pending",
      raw_status: answer.raw_status ?? answer.status,
      next_action: answer.next_action ?? null,
      error: null,
      ...(call.request.metadata !== undefined ? { metadata: call.request.metadata } : {}),
      provider_call: null,
      provider_call_started_at: null,
      updated_at: ctx.now(),
    });
    await refreshCollection(ctx, uow, collection);
    return { returns: updated };
  },
  async failed(ctx, { tx }, session, error) {
    await lockCollection(tx, session.payment_collection_id);
    const current = await tx.get("payment_sessions", session.id);
    if (current?.provider_call?.operation === "update") {
      await tx.update("payment_sessions", session.id, {
        provider_call: null,
        provider_call_started_at: null,
        updated_at: ctx.now(),
      });
    }
    return { throws: error };
  },
  renew: renewProviderCall,
  unknown: (session, error) =>
    outcomeUnknown({
      providerId: session.provider_id,
      what: `the update of payment session ${session.id}`,
      reconcile: "call reconcile()",
      details: { session_id: session.id },
      cause: error,
    }),
};

export function checkFits(collection: PaymentCollection, currency: string, amount: number): void {
  if (currency !== collection.currency_code) {
    throw new TenderError({
      code: "currency_mismatch",
      message: `The session is in ${currency} but collection ${collection.id} is in ${collection.currency_code}; a session must use its collection's currency.`,
      details: { collection_id: collection.id },
    });
  }
  if (amount > collection.amount) {
    throw new TenderError({
      code: "amount_exceeds_collection",
      message: `The session's amount ${amount} is more than collection ${collection.id}'s ${collection.amount}; a session may pay at most what is owed.`,
      details: { collection_id: collection.id },
    });
  }
}
