import type { Migration } from "./migration";

/**
 * Until when a reconcile sweep holds a row it is settling, told apart from the
 * row's own "last sent" time, so a sweep that starts later in another process
 * leaves the row alone while the first one is still at the provider.
 */
export const sweepClaims: Migration = {
  version: 9,
  name: "sweep_claims",
  sql: (s) => `
ALTER TABLE ${s}.payment_sessions ADD COLUMN claimed_until timestamptz(3);
ALTER TABLE ${s}.payments ADD COLUMN claimed_until timestamptz(3);
ALTER TABLE ${s}.captures ADD COLUMN claimed_until timestamptz(3);
ALTER TABLE ${s}.refunds ADD COLUMN claimed_until timestamptz(3);
`,
};
