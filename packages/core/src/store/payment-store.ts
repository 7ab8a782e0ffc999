import type {
  AccountHolder,
  Capture,
  Dispute,
  IdempotencyRecord,
  OutboxEvent,
  Payment,
  PaymentCollection,
  PaymentSession,
  Refund,
  RefundReason,
  WebhookEventRecord,
} from "../records/records";

/** Every table a store keeps, and the record each holds. */
export interface StoreTables {
  payment_collections: PaymentCollection;
  payment_sessions: PaymentSession;
  payments: Payment;
  captures: Capture;
  refunds: Refund;
  disputes: Dispute;
  refund_reasons: RefundReason;
  account_holders: AccountHolder;
  idempotency_keys: IdempotencyRecord;
  webhook_events: WebhookEventRecord;
  outbox_events: OutboxEvent;
}

export type TableName = keyof StoreTables;

/** A condition on a time field: set (not null) and earlier than `before`. */
export interface BeforeCondition {
  before: Date;
}

/**
 * Equality on a field, or membership when given an array; on a time field,
 * `{ before: date }` matches rows whose time is set and earlier.
 */
export type StoreFilter<TRecord> = {
  [K in keyof TRecord]?:
    | TRecord[K]
    | ReadonlyArray<TRecord[K]>
    | (Extract<TRecord[K], Date> extends never ? never : BeforeCondition);
};

export interface StorePage {
  take?: number;
  skip?: number;
  /** Ascending by creation (the default), or descending. */
  order?: "asc" | "desc";
}

/**
 * One transaction. Reads see committed data and this transaction's own
 * writes. `lock` claims an aggregate (a collection with its sessions,
 * payments, captures and refunds) for the rest of the transaction: two
 * transactions that lock the same id are serializable, by a row lock (the
 * memory store) or by optimistic versioning and retry (the PostgreSQL store).
 * A transaction whose callback throws changes nothing.
 */
export interface StoreTransaction {
  get<T extends TableName>(table: T, id: string): Promise<StoreTables[T] | undefined>;
  lock<T extends TableName>(table: T, id: string): Promise<StoreTables[T] | undefined>;
  list<T extends TableName>(
    table: T,
    filter?: StoreFilter<StoreTables[T]>,
    page?: StorePage,
  ): Promise<StoreTables[T][]>;
  /** A `duplicate` TenderError when the id exists: thrown here, or by `transaction` at commit. */
  insert<T extends TableName>(table: T, record: StoreTables[T]): Promise<void>;
  /** Throws `not_found` when the id does not exist. */
  update<T extends TableName>(
    table: T,
    id: string,
    patch: Partial<StoreTables[T]>,
  ): Promise<StoreTables[T]>;
  delete<T extends TableName>(table: T, id: string): Promise<void>;
}

export interface TransactionOptions {
  /**
   * The work only reads, to check what a later transaction checks again
   * under its lock: a store that caches may answer it from its cache without
   * asking the database whether the cache is current.
   */
  precheck?: boolean;
}

/**
 * Where Tender keeps its records: the one seam for persistence. The in-memory
 * store is the embedded default; `@tender/store-postgres` is for production.
 * `@tender/testkit` proves an implementation correct.
 */
export interface PaymentStore {
  readonly name: string;
  /**
   * Runs `work` in one transaction. A store may run `work` more than once
   * (an optimistic store retries on conflict), so `work` must have no effect
   * outside the transaction.
   */
  transaction<T>(
    work: (tx: StoreTransaction) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T>;
  /** The event outbox, as a relay reads and acknowledges it. */
  readonly outbox: OutboxStore;
  close?(): Promise<void>;
}

/**
 * What a relay asks of the outbox. Events are written by `transaction`, as
 * `outbox_events` rows; the store numbers each commit's events (`sequence`)
 * so that one collection's events sort in commit order.
 */
export interface OutboxStore {
  /**
   * Takes up to `limit` events to deliver: of each collection, only its
   * earliest event not yet delivered or parked, and only once it is
   * available and no other relay holds it. Taken events are held until
   * `claimUntil`, so relays in several processes never deliver one at once.
   * A row written by a newer version that this one cannot read (a payload
   * format it does not know) is held but not returned: once its claim runs
   * out, a relay that reads it takes it.
   */
  claim(input: { now: Date; claimUntil: Date; limit: number }): Promise<OutboxEvent[]>;
  /** Delivered: the events leave the outbox. */
  ack(ids: readonly string[]): Promise<void>;
  /** A delivery failed: try again from `available_at`, or park it (`parked_at`). */
  release(
    id: string,
    outcome: { attempts: number; available_at: Date; parked_at: Date | null; last_error: string },
  ): Promise<void>;
  /** Events waiting for delivery (`pending`) or parked after too many failures (`parked`), oldest first. */
  list(input: { state: "pending" | "parked"; limit?: number }): Promise<OutboxEvent[]>;
  /** Unparks events so they are delivered again now, their attempts reset; returns how many. */
  replay(ids: readonly string[], now: Date): Promise<number>;
}
