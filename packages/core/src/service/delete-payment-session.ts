import { TenderError } from "../errors/tender-error";
import type { PaymentSession } from "../records/records";
import { isTerminalSession } from "../state/session-transitions";
import {
  getProvider,
  inTransaction,
  lockCollection,
  mustGet,
  refreshCollection,
  type ServiceContext,
} from "./service-context";
import { requireId } from "./validate-input";

/**
 * Deletes a session that has no payment; the provider forgets (or cancels) it
 * first. A session with a payment is refused: cancel the payment instead.
 */
export async function deletePaymentSession(ctx: ServiceContext, idInput: unknown): Promise<void> {
  const id = requireId(idInput, "deletePaymentSession(id)");
  const session = await inTransaction(ctx, ({ tx }) => mustGet(tx, "payment_sessions", id));
  if (session.payment_id !== null) {
    throw new TenderError({
      code: "invalid_state_transition",
      message: `Payment session ${id} has payment ${session.payment_id}; cancel the payment instead of deleting the session.`,
      details: { session_id: id },
    });
  }
  assertNothingInFlight(session);
  if (!isTerminalSession(session.status)) {
    await getProvider(ctx, session.provider_id).deletePayment({
      session_id: session.id,
      data: session.data,
      idempotency_key: `${id}:delete`,
    });
  }
  await inTransaction(ctx, async (uow) => {
    const collection = await lockCollection(uow.tx, session.payment_collection_id);
    const fresh = await uow.tx.get("payment_sessions", id);
    if (!fresh) return;
    assertNothingInFlight(fresh);
    if (fresh.payment_id !== null) {
      throw new TenderError({
        code: "invalid_state_transition",
        message: `Payment session ${id} was authorized while it was being deleted; it is kept. Cancel its payment instead.`,
        details: { session_id: id },
      });
    }
    await uow.tx.delete("payment_sessions", id);
    await refreshCollection(ctx, uow, collection);
  });
}

/**
 * A session whose provider call is in flight (an authorization, a create or
 * an update whose answer is not booked) may hold or take money the books do
 * not show yet: it is never deleted until reconcile knows.
 */
export function assertNothingInFlight(session: PaymentSession): void {
  if (session.authorization_started_at === null && session.provider_call === null) return;
  throw new TenderError({
    code: "operation_in_progress",
    message: `Payment session ${session.id} has a call in flight at provider ${session.provider_id} whose outcome is not known; it cannot be deleted until that is settled. Call reconcile() or try again shortly.`,
    details: { session_id: session.id },
    retryable: true,
  });
}
