import type { Migration } from "./migration";

/**
 * Idempotency keys per attempt: a cancel's attempts are counted on its
 * payment, so a cancel sent again after the provider stored a failure for
 * its key (a 5xx) goes under the next attempt's key. Captures and refunds
 * record their current key in their `idempotency_key` already.
 */
export const attemptKeys: Migration = {
  version: 3,
  name: "attempt_keys",
  sql: (s) => `
ALTER TABLE ${s}.payments ADD COLUMN cancel_attempt integer NOT NULL DEFAULT 0 CHECK (cancel_attempt >= 0);
`,
};
