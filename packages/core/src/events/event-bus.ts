import type { TenderEvent, TenderEventMap, TenderEventName } from "./tender-events";

type Handler<K extends TenderEventName> = (event: Extract<TenderEvent, { name: K }>) => unknown;
type AnyHandler = (event: TenderEvent) => unknown;

/**
 * In-process subscribers. A subscriber that throws is reported to `onError`
 * and never undoes the committed change nor stops the other subscribers.
 */
export class EventBus {
  private readonly handlers = new Map<string, Set<AnyHandler>>();

  constructor(private readonly onError: (error: unknown, event: TenderEvent) => void) {}

  on<K extends TenderEventName>(name: K | "*", handler: Handler<K>): () => void {
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
    }
    const wrapped: AnyHandler = (event) => (handler as AnyHandler)(event);
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  async emit(events: readonly TenderEvent[]): Promise<void> {
    for (const event of events) {
      const targets = [...(this.handlers.get(event.name) ?? []), ...(this.handlers.get("*") ?? [])];
      for (const handler of targets) {
        try {
          await handler(event);
        } catch (error) {
          this.onError(error, event);
        }
      }
    }
  }
}

export type { TenderEventMap };
