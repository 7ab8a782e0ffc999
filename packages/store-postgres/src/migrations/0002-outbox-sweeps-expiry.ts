import type { Migration } from "./migration";

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(", ");

// Written out, not imported from core: a migration never changes once released.
export const COLLECTION_STATUSES_V2 = [
  "not_paid",
  "awaiting",
  "requires_more",
  "partially_authorized",
  "authorized",
  "partially_captured",
  "completed",
  "partially_refunded",
  "refunded",
  "canceled",
  "expired",
  "failed",
] as const;
export const PAYMENT_STATUSES_V2 = [
  "authorized",
  "partially_captured",
  "captured",
  "partially_refunded",
  "refunded",
  "canceled",
  "expired",
] as const;

/**
 * The transactional outbox, the marks the sweeps look for, and authorization
 * expiry: the `outbox_events` table (written in the same statement as the
 * change that caused each event, numbered in commit order per collection by
 * the collection's version; its payload is `json`, kept as written, since it
 * is written once and read whole), session provider calls in flight,
 * `expired` payments and collections, and partial indexes that let the
 * sweeps find old pending rows without scanning the tables.
 */
export const outboxSweepsExpiry: Migration = {
  version: 2,
  name: "outbox_sweeps_expiry",
  sql: (s) => `
ALTER TABLE ${s}.payment_collections DROP CONSTRAINT payment_collections_status_check;
ALTER TABLE ${s}.payment_collections ADD CONSTRAINT payment_collections_status_check
  CHECK (status IN (${list(COLLECTION_STATUSES_V2)}));

ALTER TABLE ${s}.payment_sessions ADD COLUMN provider_call jsonb;
ALTER TABLE ${s}.payment_sessions ADD COLUMN provider_call_started_at timestamptz(3);
CREATE INDEX payment_sessions_provider_call_started_at_idx ON ${s}.payment_sessions (provider_call_started_at)
  WHERE provider_call_started_at IS NOT NULL;
CREATE INDEX payment_sessions_authorization_started_at_idx ON ${s}.payment_sessions (authorization_started_at)
  WHERE authorization_started_at IS NOT NULL;

ALTER TABLE ${s}.payments ADD COLUMN expired_at timestamptz(3);
ALTER TABLE ${s}.payments ADD COLUMN expiry_warned_at timestamptz(3);
ALTER TABLE ${s}.payments DROP CONSTRAINT payments_status_check;
ALTER TABLE ${s}.payments ADD CONSTRAINT payments_status_check
  CHECK (status IN (${list(PAYMENT_STATUSES_V2)}));
CREATE INDEX payments_cancel_started_at_idx ON ${s}.payments (cancel_started_at)
  WHERE cancel_started_at IS NOT NULL;
CREATE INDEX payments_capture_before_idx ON ${s}.payments (capture_before)
  WHERE capture_before IS NOT NULL AND status IN ('authorized', 'partially_captured');

CREATE INDEX captures_pending_idx ON ${s}.captures (created_at, id) WHERE status = 'pending';
CREATE INDEX refunds_pending_idx ON ${s}.refunds (created_at, id) WHERE status = 'pending';

CREATE TABLE ${s}.outbox_events (
  id text COLLATE "C" PRIMARY KEY,
  created_at timestamptz(3) NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  name text NOT NULL,
  aggregate_id text COLLATE "C" NOT NULL,
  sequence bigint NOT NULL CHECK (sequence >= 0),
  data json NOT NULL,
  attempts integer NOT NULL CHECK (attempts >= 0),
  available_at timestamptz(3) NOT NULL,
  claimed_until timestamptz(3),
  parked_at timestamptz(3),
  last_error text
);
-- Each collection's lane, in order: the relay's claim reads the head of every lane from it.
CREATE UNIQUE INDEX outbox_events_aggregate_sequence_idx ON ${s}.outbox_events (aggregate_id, sequence);
CREATE INDEX outbox_events_parked_idx ON ${s}.outbox_events (parked_at, sequence) WHERE parked_at IS NOT NULL;
`,
};
