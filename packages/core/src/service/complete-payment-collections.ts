import { TenderError } from "../errors/tender-error";
import type { PaymentCollection } from "../records/records";
import { inTransaction, lockCollection, type ServiceContext } from "./service-context";
import { requireIds } from "./validate-input";

/**
 * Marks collections complete (the order may be fulfilled): each must be
 * authorized in full. Completing a completed collection is a no-op.
 */
export async function completePaymentCollections(
  ctx: ServiceContext,
  idsInput: unknown,
): Promise<PaymentCollection | PaymentCollection[]> {
  const ids = requireIds(idsInput, "completePaymentCollections(ids)");
  const completed = await inTransaction(ctx, async (uow) => {
    // Locks are taken in sorted order, so two calls never wait on each other.
    for (const id of [...new Set(ids)].sort()) await lockCollection(uow.tx, id);
    const out: PaymentCollection[] = [];
    for (const id of ids) {
      const collection = await lockCollection(uow.tx, id);
      if (collection.completed_at !== null) {
        out.push(collection);
        continue;
      }
      if (collection.authorized_amount < collection.amount) {
        throw new TenderError({
          code: "collection_not_authorized",
          message: `Collection ${id} is ${collection.status}: ${collection.authorized_amount} of ${collection.amount} is authorized. Authorize a session for the rest before completing it.`,
          details: { collection_id: id },
        });
      }
      const updated = await uow.tx.update("payment_collections", id, {
        completed_at: ctx.now(),
        updated_at: ctx.now(),
      });
      uow.emit("payment_collection.completed", { collection: updated });
      out.push(updated);
    }
    return out;
  });
  const [only] = completed;
  return Array.isArray(idsInput) || only === undefined ? completed : only;
}
