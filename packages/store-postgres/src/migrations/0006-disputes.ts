import type { Migration } from "./migration";

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(", ");

// Written out, not imported from core: a migration never changes once released.
const DISPUTE_STATUSES_V6 = [
  "warning_needs_response",
  "warning_under_review",
  "warning_closed",
  "needs_response",
  "under_review",
  "won",
  "lost",
] as const;

/**
 * Disputes as the provider reports them, one row per provider dispute, and
 * what they take back on payments and collections. The table stands alone
 * (no cascade): its payment is captured, and a captured payment is never deleted.
 */
export const disputes: Migration = {
  version: 6,
  name: "disputes",
  sql: (s) => `
ALTER TABLE ${s}.payments ADD COLUMN disputed_amount bigint NOT NULL DEFAULT 0 CHECK (disputed_amount >= 0);
ALTER TABLE ${s}.payment_collections ADD COLUMN disputed_amount bigint NOT NULL DEFAULT 0 CHECK (disputed_amount >= 0);

CREATE TABLE ${s}.disputes (
  id text COLLATE "C" PRIMARY KEY,
  created_at timestamptz(3) NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  payment_id text COLLATE "C" NOT NULL,
  payment_collection_id text COLLATE "C" NOT NULL,
  provider_id text NOT NULL,
  provider_dispute_id text NOT NULL,
  amount bigint NOT NULL CHECK (amount >= 0),
  currency_code text NOT NULL,
  reason text,
  status text NOT NULL CHECK (status IN (${list(DISPUTE_STATUSES_V6)})),
  raw_status text NOT NULL,
  evidence_due_by timestamptz(3),
  closed_at timestamptz(3),
  data jsonb NOT NULL,
  UNIQUE (provider_id, provider_dispute_id)
);
CREATE INDEX disputes_payment_id_idx ON ${s}.disputes (payment_id);
CREATE INDEX disputes_payment_collection_id_idx ON ${s}.disputes (payment_collection_id);
CREATE INDEX disputes_status_idx ON ${s}.disputes (status, created_at, id);
`,
};
