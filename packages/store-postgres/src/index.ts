export type { Migration } from "./migrations/migration";
export { MIGRATIONS } from "./migrations/migrations";
export type { MigrationResult } from "./migrations/run-migrations";
export { type PostgresStoreOptions, postgresStore } from "./postgres-store";
export type { StoreStats } from "./sql/counting-driver";
export type { SqlDriver, SqlRow, SqlSession } from "./sql/sql-driver";
export {
  type PostgresStore,
  type SqlStoreOptions,
  type SqlStoreSettings,
  sqlStore,
} from "./sql-store";
