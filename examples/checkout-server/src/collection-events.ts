import { collectionIdOf, type TenderEvent } from "@tender/core";

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
