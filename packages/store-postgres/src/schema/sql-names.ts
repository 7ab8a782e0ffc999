import { type TableName, TenderError } from "@tender/core";

/** Quoted, schema-qualified names for one store's tables. */
export interface SqlNames {
  readonly schema: string;
  /** `"schema"` */
  readonly quotedSchema: string;
  table(name: TableName): string;
  readonly migrations: string;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Validates a schema name once, so it can be spliced into SQL: identifiers
 * cannot be parameters. Only plain identifiers pass; each is quoted too.
 */
export function sqlNames(schema: string): SqlNames {
  if (!SCHEMA_NAME.test(schema)) {
    throw new TenderError({
      code: "invalid_argument",
      message: `The schema name ${JSON.stringify(schema)} is not a plain identifier; use letters, digits and underscores (at most 63), not starting with a digit.`,
    });
  }
  const quotedSchema = `"${schema}"`;
  return {
    schema,
    quotedSchema,
    table: (name) => `${quotedSchema}."${name}"`,
    migrations: `${quotedSchema}."tender_migrations"`,
  };
}
