import type { Migration } from "./migration";

/**
 * The relay's claim finds due events through an index on when they are due,
 * instead of reading the head of every lane. The outbox is a queue table:
 * between two vacuums its dead rows pile up, and a claim that walked every
 * lane read them all, once a second, growing with the churn.
 */
export const outboxDueIndex: Migration = {
  version: 10,
  name: "outbox_due_index",
  sql: (s) => `
CREATE INDEX outbox_events_due_idx ON ${s}.outbox_events (available_at, id) WHERE parked_at IS NULL;
`,
};
