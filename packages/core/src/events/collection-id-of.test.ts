import { describe, expect, it } from "vitest";
import { TenderError } from "../errors/tender-error";
import { collectionIdOf } from "./collection-id-of";
import { TENDER_EVENT_NAMES, type TenderEvent } from "./tender-events";

const COLLECTION = "paycol_01TEST";
// Each event's payload names its collection through one record: the collection itself, a
// session or a payment. Every record here points at COLLECTION, the others at nothing.
const data = {
  collection: { id: COLLECTION },
  session: { id: "payses_01TEST", payment_collection_id: COLLECTION },
  payment: { id: "pay_01TEST", payment_collection_id: COLLECTION },
};

describe("collectionIdOf", () => {
  it.each(TENDER_EVENT_NAMES)("names the collection of %s", (name) => {
    const event = asReceived({ name, id: "evt_01TEST", data });
    expect(collectionIdOf(event)).toBe(COLLECTION);
  });

  it("reads the record the event is about, not any record in the payload", () => {
    const event = asReceived({
      name: "payment.captured",
      id: "evt_01TEST",
      data: {
        session: { payment_collection_id: "paycol_other" },
        payment: { payment_collection_id: COLLECTION },
      },
    });
    expect(collectionIdOf(event)).toBe(COLLECTION);
  });

  it("refuses an event name it does not know instead of guessing a lane", () => {
    const event = asReceived({ name: "payment.teleported", id: "evt_01TEST", data });
    expect(() => collectionIdOf(event)).toThrow(TenderError);
    expect(() => collectionIdOf(event)).toThrow(/"payment\.teleported" is not one/);
  });
});

/** An event as it arrives from elsewhere (a broker, another version's outbox): unchecked JSON. */
function asReceived(value: object): TenderEvent {
  return JSON.parse(JSON.stringify(value));
}
