import type { Migration } from "./migration";

/**
 * The expiry sweep's index on payments no longer names `status`. Its
 * predicate did (`status IN ('authorized', 'partially_captured')`), and a
 * column in an index predicate keeps PostgreSQL from updating a row in place
 * (a HOT update): every capture and refund, which change a payment's status,
 * wrote new entries into all of the payments' indexes, and left the old ones
 * for vacuum. Now a generated column holds `capture_before` while the hold is
 * open (NULL otherwise), and the index is on it: a payment's index entries
 * change only when its hold opens or closes. Adding the column rewrites the
 * payments table once.
 */
export const paymentsOpenHold: Migration = {
  version: 11,
  name: "payments_open_hold",
  sql: (s) => `
ALTER TABLE ${s}.payments ADD COLUMN open_capture_before timestamptz(3)
  GENERATED ALWAYS AS (CASE WHEN status IN ('authorized', 'partially_captured') THEN capture_before END) STORED;
DROP INDEX ${s}.payments_capture_before_idx;
CREATE INDEX payments_open_capture_before_idx ON ${s}.payments (open_capture_before)
  WHERE open_capture_before IS NOT NULL;
`,
};
