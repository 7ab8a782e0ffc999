import type { Migration } from "./migration";

/** An incremental authorization in flight on a payment: the total it asks for, when it was sent, its attempt. */
export const incrementalAuthorization: Migration = {
  version: 7,
  name: "incremental_authorization",
  sql: (s) => `
ALTER TABLE ${s}.payments
  ADD COLUMN increment_amount bigint,
  ADD COLUMN increment_started_at timestamptz,
  ADD COLUMN increment_attempt integer NOT NULL DEFAULT 0;
CREATE INDEX payments_increment_in_flight ON ${s}.payments (increment_started_at)
  WHERE increment_started_at IS NOT NULL;
`,
};
