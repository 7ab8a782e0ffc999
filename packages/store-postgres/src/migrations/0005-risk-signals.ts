import type { Migration } from "./migration";

/** Fraud warnings and reviews a provider attached to a payment, kept on the payment. */
export const riskSignals: Migration = {
  version: 5,
  name: "risk_signals",
  sql: (s) => `
ALTER TABLE ${s}.payments ADD COLUMN risk_signals jsonb NOT NULL DEFAULT '[]'::jsonb;
`,
};
