import { Client } from "pg";

export interface PostgresTarget {
  url: string;
  /** Whether PostgreSQL answered. */
  available: boolean;
  /** Skip the PostgreSQL suites: none answered, none was asked for, and this is not CI. */
  skip: boolean;
  /** Why it is skipped or failing, for the test output. */
  message: string;
}

/**
 * Finds the PostgreSQL the tests run against: DATABASE_URL, or the local
 * server on 127.0.0.1:5432. When DATABASE_URL is set or CI=true, a missing
 * server fails the suites (in their setup) instead of skipping them.
 */
export async function postgresTarget(
  options: { env?: Record<string, string | undefined>; localUrl?: string } = {},
): Promise<PostgresTarget> {
  const env = options.env ?? process.env;
  const asked = env.DATABASE_URL;
  const url = asked ?? options.localUrl ?? "postgres://postgres@127.0.0.1:5432/test";
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on("error", () => undefined);
  let failure: string | undefined;
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
  const where = asked ? "DATABASE_URL" : "127.0.0.1:5432 (user postgres, database test)";
  if (failure === undefined) return { url, available: true, skip: false, message: "" };
  const required = asked !== undefined || env.CI === "true";
  const message = required
    ? `PostgreSQL at ${where} is required here (${asked ? "DATABASE_URL is set" : "CI=true"}) but did not answer: ${failure}`
    : `Skipping the PostgreSQL suites: nothing answered at ${where} (${failure}). Start PostgreSQL or set DATABASE_URL to run them.`;
  if (!required) console.warn(message);
  return { url, available: false, skip: !required, message };
}
