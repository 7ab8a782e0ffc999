import { describe, expect, it } from "vitest";
import { cloneRecord } from "./clone-record";

describe("cloneRecord", () => {
  it("copies a record deeply: changing the copy's times, JSON fields and lists leaves the original", () => {
    const original = {
      id: "pay_1",
      amount: 500,
      created_at: new Date("2026-01-01T00:00:00Z"),
      captured_at: null,
      data: { intent: { id: "pi_1", charges: [{ id: "ch_1", at: new Date(0) }] } },
      risk_signals: [{ kind: "cvc", outcome: "pass" }],
    };
    const copy = cloneRecord(original);
    expect(copy).toEqual(original);

    copy.created_at.setTime(0);
    copy.data.intent.id = "pi_changed";
    copy.data.intent.charges[0]?.at.setTime(1);
    copy.risk_signals.push({ kind: "avs", outcome: "fail" });

    expect(original.created_at.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(original.data.intent.id).toBe("pi_1");
    expect(original.data.intent.charges[0]?.at.getTime()).toBe(0);
    expect(original.risk_signals).toHaveLength(1);
  });

  it('keeps an own "__proto__" key of parsed JSON as a field, never as the copy\'s prototype', () => {
    const metadata = JSON.parse('{"__proto__": {"admin": true}, "plain": "__proto__"}');
    const copy = cloneRecord({ id: "paycol_1", metadata });

    expect(Object.getPrototypeOf(copy.metadata)).toBe(Object.prototype);
    expect(Object.keys(copy.metadata)).toEqual(["__proto__", "plain"]);
    expect(Object.getOwnPropertyDescriptor(copy.metadata, "__proto__")?.value).toEqual({
      admin: true,
    });
    expect(Reflect.get(copy.metadata, "admin")).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(copy.metadata, "__proto__")?.value).not.toBe(
      Object.getOwnPropertyDescriptor(metadata, "__proto__")?.value,
    );
  });

  it("copies an object of another kind (a Map in metadata) with structuredClone", () => {
    const tags = new Map([["a", 1]]);
    const copy = cloneRecord({ id: "x", metadata: { tags } });
    expect(copy.metadata.tags).toBeInstanceOf(Map);
    expect(copy.metadata.tags).not.toBe(tags);
    expect([...copy.metadata.tags]).toEqual([["a", 1]]);
  });
});
