import type { Migration } from "./migration";

/**
 * Surplus payments: money a provider holds or took for a collection that was
 * paid already is recorded as a payment marked surplus, returned (refunded or
 * canceled) and retried by the reconcile sweep until it is.
 */
export const surplusPayments: Migration = {
  version: 4,
  name: "surplus_payments",
  sql: (s) => `
ALTER TABLE ${s}.payments ADD COLUMN surplus_at timestamptz(3);
ALTER TABLE ${s}.payments ADD COLUMN surplus_returning_at timestamptz(3);
CREATE INDEX payments_surplus_returning_at_idx ON ${s}.payments (surplus_returning_at) WHERE surplus_returning_at IS NOT NULL;
`,
};
