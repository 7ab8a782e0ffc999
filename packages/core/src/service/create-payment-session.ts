import { TenderError } from "../errors/tender-error";
import { assertAmount } from "../money/assert-amount";
import { normalizeCurrencyCode } from "../money/currencies";
import { generateId } from "../records/generate-id";
import type { PaymentCollection, PaymentSession } from "../records/records";
import {
  getProvider,
  inTransaction,
  lockCollection,
  mustGet,
  refreshCollection,
  type ServiceContext,
} from "./service-context";
import {
  optionalMetadata,
  optionalObject,
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

const FIELDS = ["provider_id", "currency_code", "amount", "data", "context", "metadata"] as const;

/**
 * Opens a payment session on a collection with one provider. Its currency must
 * be the collection's and its amount at most the collection's. The provider
 * is called first (with the new session's id as idempotency key); the session
 * is saved only once the provider has answered.
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
  const data = optionalObject(fields.data, "data") ?? {};
  const context = optionalObject(fields.context, "context") ?? {};
  const metadata = optionalMetadata(fields.metadata, "metadata") ?? null;
  const provider = getProvider(ctx, providerId);

  // A pre-check before the provider call; checkFits runs again under the lock.
  const collection = await inTransaction(
    ctx,
    ({ tx }) => mustGet(tx, "payment_collections", collectionId),
    { precheck: true },
  );
  checkFits(collection, currency, amount);

  const id = generateId("payses");
  const initiated = await provider.initiatePayment({
    session_id: id,
    amount,
    currency_code: currency,
    data,
    context,
    idempotency_key: `${id}:initiate`,
  });
  const now = ctx.now();
  const session: PaymentSession = {
    id,
    created_at: now,
    updated_at: now,
    payment_collection_id: collectionId,
    provider_id: providerId,
    currency_code: currency,
    amount,
    status: "pending",
    raw_status: initiated.raw_status ?? initiated.status,
    data: initiated.data,
    context,
    next_action: initiated.next_action ?? null,
    error: null,
    authorized_at: null,
    payment_id: null,
    authorization_attempt: 0,
    authorization_started_at: null,
    metadata,
  };
  try {
    await inTransaction(ctx, async (uow) => {
      const locked = await lockCollection(uow.tx, collectionId);
      checkFits(locked, currency, amount);
      await uow.tx.insert("payment_sessions", session);
      await refreshCollection(ctx, uow, locked);
      uow.emit("payment_session.created", { session });
    });
  } catch (error) {
    // Compensate: the provider opened a payment that no session will own.
    await provider
      .deletePayment({ data: session.data, idempotency_key: `${id}:delete` })
      .catch(() => undefined);
    throw error;
  }
  return session;
}

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
