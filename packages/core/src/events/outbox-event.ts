import { TenderError } from "../errors/tender-error";
import type { OutboxEvent } from "../records/records";
import { TENDER_EVENT_NAMES, type TenderEvent, type TenderEventName } from "./tender-events";

/** An event as the outbox keeps it. */
export function toOutboxRecord(
  event: TenderEvent,
  lane: { aggregate_id: string; sequence: number },
  availableAt: Date,
): OutboxEvent {
  return {
    id: event.id,
    created_at: event.occurred_at,
    updated_at: event.occurred_at,
    name: event.name,
    aggregate_id: lane.aggregate_id,
    sequence: lane.sequence,
    data: { ...event.data },
    attempts: 0,
    available_at: availableAt,
    claimed_until: null,
    parked_at: null,
    last_error: null,
  };
}

/**
 * Whether `error` says an outbox row was written by a newer version of
 * Tender (an event name or a payload format this one does not know). A relay
 * leaves such a row, held until its claim runs out, to a relay that reads
 * it, instead of counting a failed delivery: during a rolling upgrade the
 * new version's events are not parked by the old version's relays.
 */
export function isFromNewerVersion(error: unknown): boolean {
  return error instanceof TenderError && error.details.written_by_newer_version === true;
}

/**
 * An outbox row as subscribers receive it: the event it was written from.
 * A store that keeps JSON gives times back as ISO strings; they become Dates
 * again (every record time field ends in `_at`, or is `capture_before`).
 */
export function toTenderEvent(row: OutboxEvent): TenderEvent {
  const name = TENDER_EVENT_NAMES.find((known) => known === row.name);
  if (name === undefined) {
    throw new TenderError({
      code: "store_error",
      message: `The outbox holds an event named "${row.name}", which this version of Tender does not know; upgrade @tender/core or replay it with a relay that does.`,
      details: { event_id: row.id, written_by_newer_version: true },
    });
  }
  return build(name, row);
}

function build<K extends TenderEventName>(name: K, row: OutboxEvent): TenderEvent {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row.data)) data[key] = reviveDates(value);
  // The payload was written from an event of this name: its shape is that event's.
  return { name, id: row.id, occurred_at: row.created_at, data } as TenderEvent;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function reviveDates(value: unknown): unknown {
  if (typeof value !== "object" || value === null || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(reviveDates);
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const isTime = key.endsWith("_at") || key === "capture_before";
    out[key] =
      isTime && typeof field === "string" && ISO_TIME.test(field)
        ? new Date(field)
        : reviveDates(field);
  }
  return out;
}
