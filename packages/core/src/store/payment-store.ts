import type {
  AccountHolder,
  Capture,
  IdempotencyRecord,
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
  refund_reasons: RefundReason;
  account_holders: AccountHolder;
  idempotency_keys: IdempotencyRecord;
  webhook_events: WebhookEventRecord;
}

export type TableName = keyof StoreTables;

/** Equality on a field, or membership when given an array. */
export type StoreFilter<TRecord> = {
  [K in keyof TRecord]?: TRecord[K] | ReadonlyArray<TRecord[K]>;
};

export interface StorePage {
  take?: number;
  skip?: number;
  /** Ascending by creation (the default), or descending. */
  order?: "asc" | "desc";
}

/**
 * One transaction. Reads see committed data and this transaction's own
 * writes; `lock` takes the row lock of an aggregate until the transaction
 * ends, so two transactions locking the same id run one after the other.
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
  /** Throws a `duplicate` TenderError when the id exists. */
  insert<T extends TableName>(table: T, record: StoreTables[T]): Promise<void>;
  /** Throws `not_found` when the id does not exist. */
  update<T extends TableName>(
    table: T,
    id: string,
    patch: Partial<StoreTables[T]>,
  ): Promise<StoreTables[T]>;
  delete<T extends TableName>(table: T, id: string): Promise<void>;
}

/**
 * Where Tender keeps its records: the one seam for persistence. The in-memory
 * store is the embedded default; `@tender/store-postgres` is for production.
 * `@tender/testkit` proves an implementation correct.
 */
export interface PaymentStore {
  readonly name: string;
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  close?(): Promise<void>;
}
