import type { SqlNames } from "../schema/sql-names";
import type { SqlDriver } from "../sql/sql-driver";
import type { AggregateCache } from "./aggregate-cache";

/** What a transaction talks to: a driver and the names of one schema's tables. */
export interface StoreDb {
  readonly driver: SqlDriver;
  readonly names: SqlNames;
  /** Aggregates this process read or wrote last; see {@link AggregateCache}. */
  readonly cache?: AggregateCache;
}
