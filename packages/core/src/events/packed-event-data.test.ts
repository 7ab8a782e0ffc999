import { describe, expect, it } from "vitest";
import {
  createPaymentModuleService,
  isFromNewerVersion,
  type TenderEvent,
  toTenderEvent,
} from "../index";
import type { OutboxEvent } from "../records/records";
import {
  authorizeAfterAction,
  openSession,
  recordEvents,
  requiresMoreOnce,
} from "../service/test-support";
import type { TableName } from "../store/payment-store";
import { TABLES } from "../store/tables";
import { scriptedProvider, seededRandom } from "../testing/index";
import {
  PACKED_EVENT_DATA_FORMAT,
  PACKED_RECORD_TABLES,
  packEventData,
  unpackEventData,
} from "./packed-event-data";

/** What a store that keeps JSON does to a payload: pack, write as JSON, read, unpack. */
function throughJson(data: object): Record<string, unknown> {
  return unpackEventData(JSON.parse(JSON.stringify(packEventData(data))));
}

function asRow(event: TenderEvent, data: Record<string, unknown>): OutboxEvent {
  return {
    id: event.id,
    created_at: event.occurred_at,
    updated_at: event.occurred_at,
    name: event.name,
    aggregate_id: "paycol_1",
    sequence: 0,
    data,
    attempts: 0,
    available_at: event.occurred_at,
    claimed_until: null,
    parked_at: null,
    last_error: null,
  };
}

/**
 * The fields of format 1, in their packed order. Rows written in format 1
 * outlive upgrades (parked and undelivered events), so a later version must
 * read them: a table's fields may be appended to, never reordered or removed.
 */
const FORMAT_1_FIELDS: Record<string, readonly string[]> = {
  collection: [
    "id",
    "created_at",
    "updated_at",
    "currency_code",
    "amount",
    "region_id",
    "status",
    "authorized_amount",
    "captured_amount",
    "refunded_amount",
    "disputed_amount",
    "completed_at",
    "metadata",
  ],
  session: [
    "id",
    "created_at",
    "updated_at",
    "payment_collection_id",
    "provider_id",
    "currency_code",
    "amount",
    "status",
    "raw_status",
    "data",
    "context",
    "next_action",
    "error",
    "authorized_at",
    "authorized_amount",
    "payment_id",
    "authorization_attempt",
    "authorization_started_at",
    "provider_call",
    "provider_call_started_at",
    "claimed_until",
    "metadata",
  ],
  payment: [
    "id",
    "created_at",
    "updated_at",
    "payment_collection_id",
    "payment_session_id",
    "provider_id",
    "currency_code",
    "amount",
    "captured_amount",
    "refunded_amount",
    "released_amount",
    "disputed_amount",
    "status",
    "data",
    "capture_before",
    "captured_at",
    "canceled_at",
    "cancel_started_at",
    "cancel_attempt",
    "increment_amount",
    "increment_started_at",
    "increment_attempt",
    "claimed_until",
    "expired_at",
    "expiry_warned_at",
    "surplus_at",
    "surplus_returning_at",
    "risk_signals",
    "metadata",
  ],
  capture: [
    "id",
    "created_at",
    "updated_at",
    "payment_id",
    "amount",
    "status",
    "created_by",
    "idempotency_key",
    "error",
    "data",
    "claimed_until",
  ],
  refund: [
    "id",
    "created_at",
    "updated_at",
    "payment_id",
    "amount",
    "status",
    "created_by",
    "refund_reason_id",
    "note",
    "idempotency_key",
    "error",
    "data",
    "claimed_until",
  ],
  dispute: [
    "id",
    "created_at",
    "updated_at",
    "payment_id",
    "payment_collection_id",
    "provider_id",
    "provider_dispute_id",
    "amount",
    "currency_code",
    "reason",
    "status",
    "raw_status",
    "evidence_due_by",
    "closed_at",
    "data",
  ],
};

/** A record of `table` with every field drawn from `next`: nulls, times, ISO-looking text. */
function randomRecord(table: TableName, next: () => number): Record<string, unknown> {
  const kinds: Readonly<Record<string, string>> = TABLES[table].fields;
  const record: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(kinds)) {
    const empty = field !== "id" && next() < 0.3;
    const ms = Math.floor(next() * 4_000_000_000_000);
    record[field] = empty
      ? null
      : kind === "timestamp"
        ? new Date(ms)
        : kind === "text"
          ? next() < 0.5
            ? new Date(ms).toISOString()
            : `t${Math.floor(next() * 1e9)}`
          : kind === "json"
            ? { nested: { list: [1, "two", null], at: new Date(ms).toISOString() } }
            : Math.floor(next() * Number.MAX_SAFE_INTEGER);
  }
  return record;
}

describe("packed event payloads", () => {
  it("keeps format 1's fields in their order; a table's fields are only appended to", () => {
    expect(Object.keys(PACKED_RECORD_TABLES).sort()).toEqual(Object.keys(FORMAT_1_FIELDS).sort());
    for (const [key, table] of Object.entries(PACKED_RECORD_TABLES)) {
      const fields = FORMAT_1_FIELDS[key] ?? [];
      // A failure here means events packed in format 1 would be misread after the upgrade:
      // append the new field after the others in TABLES, or add a format that reads format 1.
      expect(Object.keys(TABLES[table].fields).slice(0, fields.length), key).toEqual(fields);
    }
  });

  it("gives back every event of the accept-payment flow as it was emitted", async () => {
    const card = scriptedProvider({
      id: "card",
      authorize: requiresMoreOnce({
        type: "redirect_to_url",
        redirect_url: "https://bank.example/3ds",
      }),
    });
    const service = createPaymentModuleService({ providers: [card] });
    const events = recordEvents(service);
    const { session } = await openSession(service);
    const payment = await authorizeAfterAction(service, session.id);
    await service.capturePayment({ payment_id: payment.id, amount: 400 });
    await service.refundPayment({ payment_id: payment.id, amount: 100 });

    expect(events.map((event) => event.name)).toEqual([
      "payment_collection.created",
      "payment_session.created",
      "payment_session.requires_more",
      "payment_session.authorized",
      "payment.captured",
      "payment.refunded",
    ]);
    for (const event of events) {
      const packed = JSON.stringify(packEventData(event.data));
      // Records are packed: their field names are not repeated in the payload.
      expect(packed).not.toContain('"created_at"');
      expect(toTenderEvent(asRow(event, throughJson(event.data)))).toEqual(event);
    }
  });

  it("round-trips records of every kind with times, nulls and ISO-looking text (seeded)", () => {
    for (const seed of [20261207, 1, 2, 3, 4, 5, 6, 7]) {
      const next = seededRandom(seed);
      for (const [key, table] of Object.entries(PACKED_RECORD_TABLES)) {
        const data = { [key]: randomRecord(table, next), amount_note: next() };
        expect(throughJson(data), `seed ${seed}, ${key}`).toEqual(data);
      }
    }
  });

  it("keeps a record whole when it does not have exactly its table's fields", () => {
    const payment = randomRecord("payments", seededRandom(9));
    const withExtra = { ...payment, extra_field: "kept" };
    const { status: _status, ...withoutStatus } = payment;
    const stringTime = { ...payment, captured_at: "2026-12-07T10:00:00.000Z" };
    for (const record of [withExtra, withoutStatus, stringTime]) {
      const packed = packEventData({ payment: record });
      expect(packed[2]).toBe(record);
      expect(JSON.parse(JSON.stringify(packed))[2]).toEqual(JSON.parse(JSON.stringify(record)));
    }
  });

  it("reads a payload written before packing, and one packed before a field was appended", () => {
    const legacy = { collection: { id: "paycol_1", created_at: "2026-12-01T00:00:00.000Z" } };
    expect(unpackEventData(legacy)).toEqual(legacy);

    const shorter = [PACKED_EVENT_DATA_FORMAT, "capture", ["capt_1", 1764547200000]];
    expect(unpackEventData(shorter)).toEqual({
      capture: { id: "capt_1", created_at: new Date(1764547200000) },
    });
  });

  it("refuses a payload it cannot read with a store_error that says what to do", () => {
    expect(() => unpackEventData([2, "payment", []])).toThrow(
      expect.objectContaining({ code: "store_error", message: expect.stringContaining("upgrade") }),
    );
    for (const bad of [null, "text", [PACKED_EVENT_DATA_FORMAT, "key"], [1, 7, "value"]]) {
      expect(() => unpackEventData(bad)).toThrow(expect.objectContaining({ code: "store_error" }));
    }
  });

  it("says which unreadable payloads a newer version wrote, so that a relay leaves them to one that reads them", () => {
    const thrown = (stored: unknown) => {
      try {
        unpackEventData(stored);
      } catch (error) {
        return error;
      }
      throw new Error("read");
    };
    expect(isFromNewerVersion(thrown([PACKED_EVENT_DATA_FORMAT + 1, "payment", []]))).toBe(true);
    for (const bad of [null, [0, "key", 1], [PACKED_EVENT_DATA_FORMAT, "key"], ["1", "key", 1]]) {
      expect(isFromNewerVersion(thrown(bad))).toBe(false);
    }
  });
});
