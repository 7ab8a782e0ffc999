import { describe, expect, it } from "vitest";
import { decodeRecord } from "./decode-record";

const capture = {
  id: "capt_1",
  created_at: "2025-03-04T05:06:07.891+00:00",
  updated_at: "2025-03-04T06:06:07.891+01:00",
  payment_id: "pay_1",
  amount: 9_007_199_254_740_991,
  status: "pending",
  created_by: null,
  idempotency_key: "capt_1",
  error: { code: "card_declined", message: "Declined" },
  data: { id: "ch_1" },
  claimed_until: "2025-03-04T06:10:00.000+00:00",
};

describe("decodeRecord", () => {
  it("turns a row's JSON into a record with Dates and numbers", () => {
    expect(decodeRecord.captures(capture)).toEqual({
      ...capture,
      created_at: new Date("2025-03-04T05:06:07.891Z"),
      updated_at: new Date("2025-03-04T05:06:07.891Z"),
      claimed_until: new Date("2025-03-04T06:10:00.000Z"),
    });
    expect(decodeRecord.captures(JSON.stringify(capture)).amount).toBe(9_007_199_254_740_991);
  });

  it("refuses a row whose fields are not what the record says, naming the table and column", () => {
    const broken = [
      { ...capture, status: "lost" },
      { ...capture, amount: "12.5" },
      { ...capture, amount: 2 ** 60 },
      { ...capture, created_at: "yesterday" },
      { ...capture, data: [1] },
      { ...capture, error: { code: 1 } },
      { ...capture, payment_id: undefined },
    ];
    for (const row of broken) {
      expect(() => decodeRecord.captures(row)).toThrow(
        expect.objectContaining({
          code: "store_error",
          details: expect.objectContaining({ table: "captures" }),
        }),
      );
    }
    expect(() => decodeRecord.captures(null)).toThrow(
      expect.objectContaining({ code: "store_error" }),
    );
  });
});
