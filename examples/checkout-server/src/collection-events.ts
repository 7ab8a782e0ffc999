import type { TenderEvent } from "@tender/core";
import { match, P } from "ts-pattern";

/** The collection an event is about: every Tender event names one, through its record. */
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

export type CollectionListener = (event: TenderEvent) => void;

/**
 * Fans Tender's events out to whoever follows one collection (the event
 * streams of open checkout pages). Delivery is at least once, so a listener
 * may hear an event twice; the pages re-read the status on each, which a
 * repeat does not change.
 */
export class CollectionEvents {
  private readonly listeners = new Map<string, Set<CollectionListener>>();

  publish(event: TenderEvent): void {
    for (const listener of this.listeners.get(collectionIdOf(event)) ?? []) listener(event);
  }

  /** Returns the unsubscribe function. */
  subscribe(collectionId: string, listener: CollectionListener): () => void {
    const set = this.listeners.get(collectionId) ?? new Set();
    set.add(listener);
    this.listeners.set(collectionId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(collectionId);
    };
  }
}
