import { match, P } from "ts-pattern";
import type { TenderEvent } from "./tender-events";

/**
 * The collection an event is about: every Tender event names one, through
 * its record. One collection's events are delivered in commit order (its
 * outbox lane); an application following one checkout filters by it.
 *
 * @example
 * ```ts
 * service.on("*", (event) => {
 *   if (collectionIdOf(event) === cart.collection_id) refreshCheckout();
 * });
 * ```
 */
export function collectionIdOf(event: TenderEvent): string {
  return match(event)
    .with(
      { name: P.union("payment_collection.created", "payment_collection.completed") },
      (e) => e.data.collection.id,
    )
    .with(
      {
        name: P.union(
          "payment_session.created",
          "payment_session.requires_more",
          "payment_session.authorized",
          "payment.surplus",
        ),
      },
      (e) => e.data.session.payment_collection_id,
    )
    .with(
      {
        name: P.union(
          "payment.captured",
          "payment.refunded",
          "payment.refund_failed",
          "payment.canceled",
          "payment.authorization_incremented",
          "payment.dispute_opened",
          "payment.dispute_updated",
          "payment.dispute_closed",
          "payment.risk_signal",
          "payment.authorization_expiring",
          "payment.expired",
          "payment.surplus_returned",
        ),
      },
      (e) => e.data.payment.payment_collection_id,
    )
    .exhaustive();
}
