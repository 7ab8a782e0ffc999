import type { PaymentSession } from "../records/records";
import {
  getProvider,
  inTransaction,
  lockCollection,
  refreshCollection,
  type ServiceContext,
} from "./service-context";

/**
 * The compensating step: a provider authorized a session that no longer fits
 * its collection (another session was paid meanwhile), so the authorization
 * is released at the provider and the session canceled.
 */
export async function cancelOverCollection(
  ctx: ServiceContext,
  session: PaymentSession,
): Promise<void> {
  const provider = getProvider(ctx, session.provider_id);
  const released = await provider.cancelPayment({
    data: session.data,
    idempotency_key: `${session.id}:cancel`,
  });
  await inTransaction(ctx, async (uow) => {
    const collection = await lockCollection(uow.tx, session.payment_collection_id);
    await uow.tx.update("payment_sessions", session.id, {
      status: "canceled",
      raw_status: "canceled",
      data: released.data,
      authorization_started_at: null,
      updated_at: ctx.now(),
    });
    await refreshCollection(ctx, uow, collection);
  });
}
