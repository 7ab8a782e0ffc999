/**
 * `@tender/store-postgres/pglite`: the same store on PGlite, PostgreSQL in
 * this process. An entry of its own so that an application on a PostgreSQL
 * server installs and type-checks nothing of PGlite (`@electric-sql/pglite`
 * is an optional peer dependency, needed only by this entry).
 *
 * @module
 */
export { type PgliteStoreOptions, pgliteStore } from "./pglite-store";
