import { TenderError } from "../errors/tender-error";
import { isTerminalSession } from "../state/session-transitions";
import { assertNothingInFlight } from "./delete-payment-session";
import { getProvider, inTransaction, lockCollection, type ServiceContext } from "./service-context";
import { requireIds } from "./validate-input";

/**
 * Deletes collections with their sessions. A collection with a live
 * (uncanceled) payment is refused: cancel or settle its payments first.
 * Open sessions are deleted at their providers too.
 */
export async function deletePaymentCollections(
  ctx: ServiceContext,
  idsInput: unknown,
): Promise<void> {
  // Sorted: locks are always taken in one order, so two calls never wait on each other.
  const ids = [...new Set(requireIds(idsInput, "deletePaymentCollections(ids)"))].sort();
  const sessions = await inTransaction(ctx, async ({ tx }) => {
    const open = [];
    for (const id of ids) {
      await lockCollection(tx, id);
      const payments = await tx.list("payments", { payment_collection_id: id });
      if (payments.some((payment) => payment.canceled_at === null)) {
        throw new TenderError({
          code: "collection_has_payments",
          message: `Collection ${id} has a live payment; cancel or refund it before deleting the collection.`,
          details: { collection_id: id },
        });
      }
      const sessions = await tx.list("payment_sessions", { payment_collection_id: id });
      for (const session of sessions) assertNothingInFlight(session);
      open.push(...sessions);
    }
    return open;
  });
  for (const session of sessions) {
    if (!isTerminalSession(session.status) && session.payment_id === null) {
      await getProvider(ctx, session.provider_id).deletePayment({
        session_id: session.id,
        data: session.data,
        idempotency_key: `${session.id}:delete`,
      });
    }
  }
  await inTransaction(ctx, async ({ tx }) => {
    for (const id of ids) {
      await lockCollection(tx, id);
      const payments = await tx.list("payments", { payment_collection_id: id });
      if (payments.some((payment) => payment.canceled_at === null)) {
        throw new TenderError({
          code: "collection_has_payments",
          message: `Collection ${id} was paid while it was being deleted; it is kept.`,
          details: { collection_id: id },
        });
      }
      const sessions = await tx.list("payment_sessions", { payment_collection_id: id });
      for (const session of sessions) assertNothingInFlight(session);
      // The collection's sessions, payments, captures and refunds go with it, on every store.
      await tx.delete("payment_collections", id);
    }
  });
}
