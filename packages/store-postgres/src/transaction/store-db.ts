import type { SqlNames } from "../schema/sql-names";
import type { SqlDriver } from "../sql/sql-driver";
import type { AggregateCache } from "./aggregate-cache";
import type { CommitSender } from "./group-commit";

/** What a transaction talks to: a driver and the names of one schema's tables. */
export interface StoreDb {
  readonly driver: SqlDriver;
  readonly names: SqlNames;
  /** Sends commit statements: one by one, or several together (group commit). */
  readonly commits: CommitSender;
  /** Aggregates this process read or wrote last; see {@link AggregateCache}. */
  readonly cache?: AggregateCache;
}
