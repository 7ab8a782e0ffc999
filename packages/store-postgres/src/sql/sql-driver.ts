/** A row as a driver returns it: untrusted until a decoder has checked it. */
export type SqlRow = Readonly<Record<string, unknown>>;

/** One connection inside one open transaction: used only to migrate. */
export interface SqlSession {
  query(text: string, params?: readonly unknown[]): Promise<SqlRow[]>;
  /** Several statements in one string and no parameters (a migration script). */
  script(text: string): Promise<void>;
}

/**
 * The seam between the store and a PostgreSQL client. Every data statement
 * goes through `query` and commits on its own: the store never opens a
 * transaction that outlives one statement. `exclusive` runs migrations on one
 * connection inside BEGIN/COMMIT.
 */
export interface SqlDriver {
  query(text: string, params: readonly unknown[]): Promise<SqlRow[]>;
  exclusive<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Ends what the driver opened itself; a pool or database passed in stays open. */
  close(): Promise<void>;
}
