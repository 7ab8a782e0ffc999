import { TenderError } from "../errors/tender-error";
import { assertAmount } from "../money/assert-amount";
import { normalizeCurrencyCode } from "../money/currencies";
import type { PaymentSession } from "../records/records";
import { checkFits } from "./create-payment-session";
import {
  getProvider,
  inTransaction,
  lockCollection,
  mustGet,
  type ServiceContext,
} from "./service-context";
import {
  optionalMetadata,
  optionalObject,
  rejectUnknownKeys,
  requireId,
  requireObject,
} from "./validate-input";

export interface UpdatePaymentSessionInput {
  id: string;
  amount?: number;
  currency_code?: string;
  data?: Record<string, unknown>;
  context?: Record<string, unknown>;
  metadata?: Record<string, unknown> | null;
}

const FIELDS = ["id", "amount", "currency_code", "data", "context", "metadata"] as const;
const UPDATABLE = new Set<PaymentSession["status"]>(["pending", "requires_more", "error"]);

/**
 * Changes a session that is not authorized yet (another amount, another
 * payment method after a decline): the provider is told first, then the
 * session is saved. A session whose authorization is in flight is refused.
 */
export async function updatePaymentSession(
  ctx: ServiceContext,
  input: unknown,
): Promise<PaymentSession> {
  const fields = requireObject(input, "updatePaymentSession(input)");
  rejectUnknownKeys(fields, FIELDS, "updatePaymentSession(input)");
  const id = requireId(fields.id, "id");
  if (fields.amount !== undefined) assertAmount(fields.amount, { field: "amount", min: 1 });
  const amountInput = fields.amount;
  const currencyInput =
    fields.currency_code === undefined ? undefined : normalizeCurrencyCode(fields.currency_code);
  const dataInput = optionalObject(fields.data, "data");
  const contextInput = optionalObject(fields.context, "context");
  const metadata = optionalMetadata(fields.metadata, "metadata");

  const { session, collection } = await inTransaction(ctx, async ({ tx }) => {
    const current = await mustGet(tx, "payment_sessions", id);
    return {
      session: current,
      collection: await mustGet(tx, "payment_collections", current.payment_collection_id),
    };
  });
  assertUpdatable(session);
  const amount = amountInput ?? session.amount;
  const currency = currencyInput ?? session.currency_code;
  checkFits(collection, currency, amount);
  const data = dataInput ? { ...session.data, ...dataInput } : session.data;
  const context = contextInput ? { ...session.context, ...contextInput } : session.context;

  const provider = getProvider(ctx, session.provider_id);
  const answer = await provider.updatePayment({
    session_id: session.id,
    amount,
    currency_code: currency,
    data,
    context,
    idempotency_key: `${session.id}:update:${session.updated_at.getTime()}`,
  });

  return inTransaction(ctx, async ({ tx }) => {
    const locked = await lockCollection(tx, session.payment_collection_id);
    const fresh = await mustGet(tx, "payment_sessions", id);
    assertUpdatable(fresh);
    checkFits(locked, currency, amount);
    return tx.update("payment_sessions", id, {
      amount,
      currency_code: currency,
      data: answer.data,
      context,
      status: "pending",
      raw_status: answer.raw_status ?? answer.status,
      next_action: answer.next_action ?? null,
      error: null,
      ...(metadata !== undefined ? { metadata } : {}),
      updated_at: ctx.now(),
    });
  });
}

function assertUpdatable(session: PaymentSession): void {
  if (!UPDATABLE.has(session.status) || session.authorization_started_at !== null) {
    throw new TenderError({
      code: "invalid_state_transition",
      message: `Payment session ${session.id} is ${session.authorization_started_at ? "being authorized" : session.status}; only a pending, requires_more or error session can be updated. Create a new session instead.`,
      details: { session_id: session.id, status: session.status },
    });
  }
}
