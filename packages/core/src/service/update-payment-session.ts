import { TenderError } from "../errors/tender-error";
import { assertAmount } from "../money/assert-amount";
import { normalizeCurrencyCode } from "../money/currencies";
import type { PaymentSession } from "../records/records";
import { providerCallInFlight } from "./authorize-payment-session";
import { checkFits, updateStep } from "./create-payment-session";
import { type Reservation, runProviderStep } from "./provider-step";
import { lockCollection, mustGet, type ServiceContext } from "./service-context";
import {
  fieldsOf,
  mergeJsonObject,
  optionalJsonObject,
  optionalMetadata,
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

const FIELDS = fieldsOf<UpdatePaymentSessionInput>()([
  "id",
  "amount",
  "currency_code",
  "data",
  "context",
  "metadata",
]);
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
  const dataInput = optionalJsonObject(fields.data, "data");
  const contextInput = optionalJsonObject(fields.context, "context");
  const metadata = optionalMetadata(fields.metadata, "metadata");

  return runProviderStep(
    ctx,
    updateStep,
    async ({ tx }): Promise<Reservation<PaymentSession, PaymentSession>> => {
      const found = await mustGet(tx, "payment_sessions", id);
      const collection = await lockCollection(tx, found.payment_collection_id);
      const session = await mustGet(tx, "payment_sessions", id);
      assertUpdatable(session);
      const amount = amountInput ?? session.amount;
      const currency = currencyInput ?? session.currency_code;
      checkFits(collection, currency, amount);
      const data = dataInput ? mergeJsonObject(session.data, dataInput, "data") : session.data;
      const context = contextInput
        ? mergeJsonObject(session.context, contextInput, "context")
        : session.context;
      const now = ctx.now();
      const reserved = await tx.update("payment_sessions", id, {
        provider_call: {
          operation: "update",
          idempotency_key: `${session.id}:update:${session.updated_at.getTime()}`,
          request: {
            amount,
            currency_code: currency,
            data,
            context,
            ...(metadata !== undefined ? { metadata } : {}),
          },
        },
        provider_call_started_at: now,
        updated_at: now,
      });
      return { reserved };
    },
  );
}

function assertUpdatable(session: PaymentSession): void {
  if (session.provider_call !== null) throw providerCallInFlight(session);
  if (!UPDATABLE.has(session.status) || session.authorization_started_at !== null) {
    throw new TenderError({
      code: "invalid_state_transition",
      message: `Payment session ${session.id} is ${session.authorization_started_at ? "being authorized" : session.status}; only a pending, requires_more or error session can be updated. Create a new session instead.`,
      details: { session_id: session.id, status: session.status },
    });
  }
}
