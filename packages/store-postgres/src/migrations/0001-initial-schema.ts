import type { Migration } from "./migration";

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(", ");

// Written out, not imported from core: a migration never changes once released.
// A new status in core needs a new migration that replaces the constraint
// (migration-statuses.test.ts fails until it exists).
export const COLLECTION_STATUSES_V1 = [
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
  "failed",
] as const;
export const SESSION_STATUSES_V1 = [
  "pending",
  "requires_more",
  "processing",
  "authorized",
  "captured",
  "error",
  "canceled",
] as const;
export const PAYMENT_STATUSES_V1 = [
  "authorized",
  "partially_captured",
  "captured",
  "partially_refunded",
  "refunded",
  "canceled",
] as const;
export const OPERATION_STATUSES_V1 = ["pending", "succeeded", "failed"] as const;

/**
 * The tables of the store. Ids are text in the "C" collation (byte order, the
 * order JavaScript sorts them in), money is bigint, timestamps keep
 * milliseconds, provider data is jsonb. Aggregate members reference their
 * collection and payment and go with them.
 */
export const initialSchema: Migration = {
  version: 1,
  name: "initial_schema",
  sql: (s) => `
CREATE TABLE ${s}.payment_collections (
  id text COLLATE "C" PRIMARY KEY,
  version bigint NOT NULL DEFAULT 0,
  created_at timestamptz(3) NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  currency_code text NOT NULL CHECK (currency_code ~ '^[a-z]{3}$'),
  amount bigint NOT NULL CHECK (amount >= 0),
  region_id text,
  status text NOT NULL CHECK (status IN (${list(COLLECTION_STATUSES_V1)})),
  authorized_amount bigint NOT NULL CHECK (authorized_amount >= 0),
  captured_amount bigint NOT NULL CHECK (captured_amount >= 0),
  refunded_amount bigint NOT NULL CHECK (refunded_amount >= 0),
  completed_at timestamptz(3),
  metadata jsonb
) WITH (fillfactor = 70);
CREATE INDEX payment_collections_created_at_idx ON ${s}.payment_collections (created_at, id);

CREATE TABLE ${s}.payment_sessions (
  id text COLLATE "C" PRIMARY KEY,
  created_at timestamptz(3) NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  payment_collection_id text COLLATE "C" NOT NULL
    REFERENCES ${s}.payment_collections (id) ON DELETE CASCADE,
  provider_id text NOT NULL,
  currency_code text NOT NULL CHECK (currency_code ~ '^[a-z]{3}$'),
  amount bigint NOT NULL CHECK (amount >= 0),
  status text NOT NULL CHECK (status IN (${list(SESSION_STATUSES_V1)})),
  raw_status text,
  data jsonb NOT NULL,
  context jsonb NOT NULL,
  next_action jsonb,
  error jsonb,
  authorized_at timestamptz(3),
  payment_id text COLLATE "C",
  authorization_attempt integer NOT NULL CHECK (authorization_attempt >= 0),
  authorization_started_at timestamptz(3),
  metadata jsonb
) WITH (fillfactor = 70);
CREATE INDEX payment_sessions_payment_collection_id_idx ON ${s}.payment_sessions (payment_collection_id);
CREATE INDEX payment_sessions_created_at_idx ON ${s}.payment_sessions (created_at, id);

CREATE TABLE ${s}.payments (
  id text COLLATE "C" PRIMARY KEY,
  created_at timestamptz(3) NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  payment_collection_id text COLLATE "C" NOT NULL
    REFERENCES ${s}.payment_collections (id) ON DELETE CASCADE,
  payment_session_id text COLLATE "C" NOT NULL
    REFERENCES ${s}.payment_sessions (id) ON DELETE CASCADE,
  provider_id text NOT NULL,
  currency_code text NOT NULL CHECK (currency_code ~ '^[a-z]{3}$'),
  amount bigint NOT NULL CHECK (amount >= 0),
  captured_amount bigint NOT NULL CHECK (captured_amount >= 0),
  refunded_amount bigint NOT NULL CHECK (refunded_amount >= 0),
  released_amount bigint NOT NULL DEFAULT 0 CHECK (released_amount >= 0),
  status text NOT NULL CHECK (status IN (${list(PAYMENT_STATUSES_V1)})),
  data jsonb NOT NULL,
  capture_before timestamptz(3),
  captured_at timestamptz(3),
  canceled_at timestamptz(3),
  cancel_started_at timestamptz(3),
  metadata jsonb,
  CONSTRAINT payments_captured_within_amount CHECK (captured_amount + released_amount <= amount),
  CONSTRAINT payments_refunded_within_captured CHECK (refunded_amount <= captured_amount)
) WITH (fillfactor = 70);
CREATE INDEX payments_payment_collection_id_idx ON ${s}.payments (payment_collection_id);
CREATE UNIQUE INDEX payments_payment_session_id_idx ON ${s}.payments (payment_session_id);
CREATE INDEX payments_created_at_idx ON ${s}.payments (created_at, id);
ALTER TABLE ${s}.payment_sessions ADD CONSTRAINT payment_sessions_payment_id_fkey
  FOREIGN KEY (payment_id) REFERENCES ${s}.payments (id) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE ${s}.refund_reasons (
  id text COLLATE "C" PRIMARY KEY,
  created_at timestamptz(3) NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  label text NOT NULL,
  code text NOT NULL,
  description text,
  metadata jsonb
);
CREATE UNIQUE INDEX refund_reasons_code_idx ON ${s}.refund_reasons (code);
CREATE INDEX refund_reasons_created_at_idx ON ${s}.refund_reasons (created_at, id);

CREATE TABLE ${s}.captures (
  id text COLLATE "C" PRIMARY KEY,
  created_at timestamptz(3) NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  payment_id text COLLATE "C" NOT NULL REFERENCES ${s}.payments (id) ON DELETE CASCADE,
  amount bigint NOT NULL CHECK (amount >= 0),
  status text NOT NULL CHECK (status IN (${list(OPERATION_STATUSES_V1)})),
  created_by text,
  idempotency_key text NOT NULL,
  error jsonb,
  data jsonb NOT NULL
) WITH (fillfactor = 70);
CREATE INDEX captures_payment_id_idx ON ${s}.captures (payment_id);

CREATE TABLE ${s}.refunds (
  id text COLLATE "C" PRIMARY KEY,
  created_at timestamptz(3) NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  payment_id text COLLATE "C" NOT NULL REFERENCES ${s}.payments (id) ON DELETE CASCADE,
  amount bigint NOT NULL CHECK (amount >= 0),
  status text NOT NULL CHECK (status IN (${list(OPERATION_STATUSES_V1)})),
  created_by text,
  refund_reason_id text COLLATE "C" REFERENCES ${s}.refund_reasons (id),
  note text,
  idempotency_key text NOT NULL,
  error jsonb,
  data jsonb NOT NULL
) WITH (fillfactor = 70);
CREATE INDEX refunds_payment_id_idx ON ${s}.refunds (payment_id);
CREATE INDEX refunds_refund_reason_id_idx ON ${s}.refunds (refund_reason_id);

CREATE TABLE ${s}.account_holders (
  id text COLLATE "C" PRIMARY KEY,
  created_at timestamptz(3) NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  provider_id text NOT NULL,
  customer_id text NOT NULL,
  external_id text NOT NULL,
  email text,
  data jsonb NOT NULL,
  metadata jsonb
);
CREATE INDEX account_holders_provider_customer_idx ON ${s}.account_holders (provider_id, customer_id);

CREATE TABLE ${s}.idempotency_keys (
  id text COLLATE "C" PRIMARY KEY,
  created_at timestamptz(3) NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  operation text NOT NULL,
  request_hash text NOT NULL,
  result_id text NOT NULL
);

CREATE TABLE ${s}.webhook_events (
  id text COLLATE "C" PRIMARY KEY,
  created_at timestamptz(3) NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  provider_id text NOT NULL,
  event_id text NOT NULL,
  action text NOT NULL,
  session_id text
);
CREATE INDEX webhook_events_created_at_idx ON ${s}.webhook_events (created_at, id);
`,
};
