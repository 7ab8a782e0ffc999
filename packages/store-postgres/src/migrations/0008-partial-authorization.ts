import type { Migration } from "./migration";

/** What the provider authorized of a session, which may be less than it asked (partial authorization). */
export const partialAuthorization: Migration = {
  version: 8,
  name: "partial_authorization",
  sql: (s) => `
ALTER TABLE ${s}.payment_sessions ADD COLUMN authorized_amount bigint;
UPDATE ${s}.payment_sessions SET authorized_amount = amount WHERE payment_id IS NOT NULL;
`,
};
