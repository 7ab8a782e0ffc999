import { TenderError } from "../errors/tender-error";
import {
  TENDER_EVENT_NAMES,
  type TenderEvent,
  type TenderEventMap,
  type TenderEventName,
} from "./tender-events";

/**
 * A subscriber to the events named `K`: it gets each as its own type.
 *
 * @example
 * ```ts
 * const onCaptured: EventHandler<"payment.captured"> = (event) => console.log(event.data.capture.amount);
 * service.on("payment.captured", onCaptured);
 * ```
 */
export type EventHandler<K extends TenderEventName> = (
  event: Extract<TenderEvent, { name: K }>,
) => unknown;
type AnyHandler = (event: TenderEvent) => unknown;

/**
 * In-process subscribers. A subscriber that throws is reported to `onError`
 * and never undoes the committed change nor stops the other subscribers; the
 * outbox relay delivers the event again later (see {@link EventBus.dispatch}).
 */
export class EventBus {
  private readonly handlers = new Map<string, Set<AnyHandler>>();

  constructor(private readonly onError: (error: unknown, event: TenderEvent) => void) {}

  /**
   * Subscribes `handler` to the events named `name` (one of
   * `TENDER_EVENT_NAMES`) or to all of them (`"*"`); returns the unsubscribe.
   * An unknown name or a handler that is not a function is an
   * `invalid_argument` error: a misspelt name would otherwise never fire.
   */
  on<K extends TenderEventName>(name: K | "*", handler: EventHandler<K>): () => void {
    const names: readonly unknown[] = TENDER_EVENT_NAMES;
    if (name !== "*" && !names.includes(name)) {
      throw new TenderError({
        code: "invalid_argument",
        message: `on(name, handler): ${typeof name === "string" ? JSON.stringify(name.slice(0, 80)) : `a ${typeof name}`} is no event name; use "*" or one of ${TENDER_EVENT_NAMES.join(", ")}.`,
      });
    }
    if (typeof handler !== "function") {
      throw new TenderError({
        code: "invalid_argument",
        message: `on(${name}, handler): the handler must be a function that takes the event; got ${handler === null ? "null" : typeof handler}.`,
      });
    }
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
    }
    const wrapped: AnyHandler = (event) => (handler as AnyHandler)(event);
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  /** Whether any subscriber is there now. */
  subscribed(): boolean {
    for (const set of this.handlers.values()) if (set.size > 0) return true;
    return false;
  }

  /** Whether a subscriber of `name` or of `"*"` is there now. */
  hears(name: TenderEventName): boolean {
    return (this.handlers.get(name)?.size ?? 0) > 0 || (this.handlers.get("*")?.size ?? 0) > 0;
  }

  /**
   * Hands one event to every subscriber of its name and of `"*"`. Each one
   * runs even when another throws; the first error is thrown afterwards, so
   * the relay knows to deliver the event again.
   */
  async dispatch(event: TenderEvent): Promise<void> {
    const targets = [...(this.handlers.get(event.name) ?? []), ...(this.handlers.get("*") ?? [])];
    let failure: { error: unknown } | undefined;
    for (const handler of targets) {
      try {
        await handler(event);
      } catch (error) {
        this.onError(error, event);
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}

export type { TenderEventMap };
