import { TenderError } from "../errors/tender-error";
import { collectionIdOf } from "../events/collection-id-of";
import type { EventBus } from "../events/event-bus";
import { toOutboxRecord } from "../events/outbox-event";
import type { ServiceDelivery } from "../events/service-delivery";
import type { TenderEvent, TenderEventMap, TenderEventName } from "../events/tender-events";
import type { PaymentProviderV1 } from "../provider/payment-provider";
import { generateId } from "../records/generate-id";
import type { PaymentCollection } from "../records/records";
import { collectionMoney } from "../state/derive-collection-status";
import type {
  PaymentStore,
  StoreTables,
  StoreTransaction,
  TableName,
  TransactionOptions,
} from "../store/payment-store";
import { totalsFromSessions } from "./session-statuses";

/** What every operation of the service shares. */
export interface ServiceContext {
  readonly store: PaymentStore;
  readonly providers: ReadonlyMap<string, PaymentProviderV1>;
  readonly bus: EventBus;
  /** Delivers committed events to the subscribers; undefined when another process relays the outbox. */
  readonly delivery: ServiceDelivery | undefined;
  now(): Date;
}

/** A transaction plus the events to emit once it commits. */
export interface UnitOfWork {
  readonly tx: StoreTransaction;
  emit<K extends TenderEventName>(name: K, data: TenderEventMap[K]): void;
}

/**
 * Runs `work` in one store transaction. Its events are written to the
 * outbox in the same commit (the transactional outbox: a change and the
 * news of it commit together or not at all), then delivered: a subscriber
 * never hears of a change that was rolled back, and a crash after the commit
 * loses nothing, since the next relay delivers what is in the outbox.
 */
export async function inTransaction<T>(
  ctx: ServiceContext,
  work: (uow: UnitOfWork) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> {
  let written: readonly TenderEvent[] = [];
  const result = await ctx.store.transaction(async (tx) => {
    const events: TenderEvent[] = [];
    const occurred_at = ctx.now();
    const result = await work({
      tx,
      emit(name, data) {
        // The mapped union cannot be rebuilt from a generic K without help.
        events.push({ name, data, id: generateId("evt"), occurred_at } as TenderEvent);
      },
    });
    // The service's own delivery writes what its subscribers hear; with `relay: false`
    // another process relays the outbox, and every event is written for it.
    written = ctx.delivery ? ctx.delivery.heard(events) : events;
    if (written.length > 0) await writeOutbox(ctx, tx, written, occurred_at);
    return result;
  }, options);
  if (written.length > 0) await ctx.delivery?.deliverCommitted(written);
  return result;
}

/**
 * Writes a commit's events to the outbox, in emit order, each in its
 * collection's lane; the store numbers them at commit, so a relay can deliver
 * one collection's events in commit order.
 */
async function writeOutbox(
  ctx: ServiceContext,
  tx: StoreTransaction,
  events: readonly TenderEvent[],
  occurredAt: Date,
): Promise<void> {
  // While the service delivers its own events, relays leave them alone for a grace period.
  const availableAt = new Date(occurredAt.getTime() + (ctx.delivery?.graceMs ?? 0));
  for (const [index, event] of events.entries()) {
    const lane = { aggregate_id: collectionIdOf(event), sequence: index };
    await tx.insert("outbox_events", toOutboxRecord(event, lane, availableAt));
  }
}

export function getProvider(ctx: ServiceContext, providerId: string): PaymentProviderV1 {
  const provider = ctx.providers.get(providerId);
  if (!provider) {
    const known = [...ctx.providers.keys()].join(", ") || "none";
    throw new TenderError({
      code: "not_found",
      message: `No payment provider "${providerId}" is registered (registered: ${known}). Pass it in createPaymentModuleService({ providers }).`,
      details: { provider_id: providerId },
    });
  }
  return provider;
}

const NOUNS: Record<TableName, string> = {
  payment_collections: "payment collection",
  payment_sessions: "payment session",
  payments: "payment",
  captures: "capture",
  refunds: "refund",
  disputes: "dispute",
  refund_reasons: "refund reason",
  account_holders: "account holder",
  idempotency_keys: "idempotency key",
  webhook_events: "webhook event",
  outbox_events: "outbox event",
};

export function notFound(table: TableName, id: string): TenderError {
  return new TenderError({
    code: "not_found",
    message: `No ${NOUNS[table]} with id "${id}". Check the id, or list the records to find it.`,
    details: { id },
  });
}

/** Reads a row or throws `not_found`. */
export async function mustGet<T extends TableName>(
  tx: StoreTransaction,
  table: T,
  id: string,
): Promise<StoreTables[T]> {
  const row = await tx.get(table, id);
  if (!row) throw notFound(table, id);
  return row;
}

/**
 * Takes the aggregate lock: every change to a collection, its sessions, its
 * payments, captures and refunds holds its collection's row lock, so two
 * changes to one collection never interleave.
 */
export async function lockCollection(
  tx: StoreTransaction,
  collectionId: string,
): Promise<PaymentCollection> {
  const collection = await tx.lock("payment_collections", collectionId);
  if (!collection) throw notFound("payment_collections", collectionId);
  return collection;
}

/** Re-derives and saves a collection's status and amounts; call before every commit that moves them. */
export async function refreshCollection(
  ctx: ServiceContext,
  uow: UnitOfWork,
  collection: PaymentCollection,
): Promise<PaymentCollection> {
  const payments = await uow.tx.list("payments", { payment_collection_id: collection.id });
  const money = collectionMoney(collection, payments);
  // The sessions count only while no money is held, taken or returned: then they are read.
  const totals =
    money.status === undefined
      ? await totalsFromSessions(uow.tx, collection.id, money)
      : money.totals(money.status);
  if (
    totals.status === collection.status &&
    totals.authorized_amount === collection.authorized_amount &&
    totals.captured_amount === collection.captured_amount &&
    totals.refunded_amount === collection.refunded_amount &&
    totals.disputed_amount === collection.disputed_amount
  ) {
    return collection;
  }
  return uow.tx.update("payment_collections", collection.id, { ...totals, updated_at: ctx.now() });
}
