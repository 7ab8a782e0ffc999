import type { Payment } from "../records/records";
import { inTransaction, lockCollection, mustGet, type ServiceContext } from "./service-context";
import { optionalMetadata, rejectUnknownKeys, requireId, requireObject } from "./validate-input";

export interface UpdatePaymentInput {
  id: string;
  metadata?: Record<string, unknown> | null;
}

/** Updates what a caller owns on a payment (its metadata); money moves only through capture, refund and cancel. */
export async function updatePayment(ctx: ServiceContext, input: unknown): Promise<Payment> {
  const fields = requireObject(input, "updatePayment(input)");
  rejectUnknownKeys(fields, ["id", "metadata"], "updatePayment(input)");
  const id = requireId(fields.id, "id");
  const metadata = optionalMetadata(fields.metadata, "metadata");
  return inTransaction(ctx, async ({ tx }) => {
    const found = await mustGet(tx, "payments", id);
    await lockCollection(tx, found.payment_collection_id);
    if (metadata === undefined) return mustGet(tx, "payments", id);
    return tx.update("payments", id, { metadata, updated_at: ctx.now() });
  });
}
