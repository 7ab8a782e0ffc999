import { TenderError } from "../errors/tender-error";
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
  // A switch, not ts-pattern's match: this runs two or three times per event on the hot
  // path, and the switch is some 20 times cheaper. `never` keeps it exhaustive.
  switch (event.name) {
    case "payment_collection.created":
    case "payment_collection.completed":
      return event.data.collection.id;
    case "payment_session.created":
    case "payment_session.requires_more":
    case "payment_session.authorized":
    case "payment.surplus":
      return event.data.session.payment_collection_id;
    case "payment.captured":
    case "payment.refunded":
    case "payment.refund_failed":
    case "payment.canceled":
    case "payment.authorization_incremented":
    case "payment.dispute_opened":
    case "payment.dispute_updated":
    case "payment.dispute_closed":
    case "payment.risk_signal":
    case "payment.authorization_expiring":
    case "payment.expired":
    case "payment.surplus_returned":
      return event.data.payment.payment_collection_id;
    default:
      return unknownEvent(event);
  }
}

function unknownEvent(event: never): never {
  const name: unknown = Reflect.get(Object(event), "name");
  throw new TenderError({
    code: "invalid_argument",
    message: `collectionIdOf takes a Tender event; "${String(name)}" is not one this version of @tender/core knows (see TENDER_EVENT_NAMES).`,
    details: { name: String(name) },
  });
}
