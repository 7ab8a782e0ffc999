import { TenderError } from "../errors/tender-error";
import { assertAmount } from "../money/assert-amount";
import { normalizeCurrencyCode } from "../money/currencies";
import type { PaymentCollection } from "../records/records";
import { heldAmount } from "./held-amount";
import {
  inTransaction,
  lockCollection,
  refreshCollection,
  type ServiceContext,
} from "./service-context";
import {
  fieldsOf,
  optionalMetadata,
  optionalString,
  rejectUnknownKeys,
  requireId,
  requireObject,
} from "./validate-input";

export interface UpdatePaymentCollectionInput {
  amount?: number;
  currency_code?: string;
  region_id?: string | null;
  metadata?: Record<string, unknown> | null;
}

const FIELDS = fieldsOf<UpdatePaymentCollectionInput>()([
  "amount",
  "currency_code",
  "region_id",
  "metadata",
]);

/**
 * Updates a collection. The amount may not drop below what its payments and
 * in-flight authorizations already hold; the currency may change only while
 * it has no sessions.
 */
export async function updatePaymentCollections(
  ctx: ServiceContext,
  idInput: unknown,
  input: unknown,
): Promise<PaymentCollection> {
  const id = requireId(idInput, "updatePaymentCollections(id)");
  const fields = requireObject(input, "updatePaymentCollections(id, data)");
  rejectUnknownKeys(fields, FIELDS, "updatePaymentCollections(id, data)");
  if (fields.amount !== undefined) assertAmount(fields.amount, { field: "amount", min: 1 });
  const amount = fields.amount;
  const currency =
    fields.currency_code === undefined ? undefined : normalizeCurrencyCode(fields.currency_code);
  const region = optionalString(fields.region_id, "region_id");
  const metadata = optionalMetadata(fields.metadata, "metadata");

  return inTransaction(ctx, async (uow) => {
    const collection = await lockCollection(uow.tx, id);
    if (amount !== undefined) {
      const held = await heldAmount(uow.tx, id, "");
      if (amount < held) {
        throw new TenderError({
          code: "invalid_amount",
          message: `Collection ${id} already holds ${held} in payments and authorizations; its amount cannot drop to ${amount}. Cancel payments first.`,
          details: { collection_id: id, held },
        });
      }
    }
    if (currency !== undefined && currency !== collection.currency_code) {
      const sessions = await uow.tx.list(
        "payment_sessions",
        { payment_collection_id: id },
        { take: 1 },
      );
      if (sessions.length > 0) {
        throw new TenderError({
          code: "currency_mismatch",
          message: `Collection ${id} has payment sessions in ${collection.currency_code}; its currency cannot change. Create a new collection.`,
          details: { collection_id: id },
        });
      }
    }
    const updated = await uow.tx.update("payment_collections", id, {
      ...(amount !== undefined ? { amount } : {}),
      ...(currency !== undefined ? { currency_code: currency } : {}),
      ...(region !== undefined ? { region_id: region } : {}),
      ...(metadata !== undefined ? { metadata } : {}),
      updated_at: ctx.now(),
    });
    return refreshCollection(ctx, uow, updated);
  });
}
