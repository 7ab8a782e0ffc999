import { describe, expect, it } from "vitest";
import { createPaymentModuleService } from "../index";
import { scriptedProvider } from "../testing/index";
import { capturedPayment } from "./test-support";

function setup() {
  const provider = scriptedProvider({ id: "card" });
  const service = createPaymentModuleService({ providers: [provider] });
  return { provider, service };
}

describe("refund reasons", () => {
  it("creates one reason from one object and returns the record", async () => {
    const { service } = setup();
    const reason = await service.createRefundReasons({
      label: "Damaged in transit",
      code: "damaged",
      description: "The parcel arrived broken.",
    });
    expect(reason).toMatchObject({
      label: "Damaged in transit",
      code: "damaged",
      description: "The parcel arrived broken.",
      metadata: null,
    });
    expect(reason.id).toMatch(/^refr_/);
    expect(await service.listRefundReasons()).toEqual([reason]);
  });

  it("creates one reason per item of an array", async () => {
    const { service } = setup();
    const reasons = await service.createRefundReasons([
      { label: "Damaged", code: "damaged" },
      { label: "Not as described", code: "not_as_described" },
    ]);
    expect(reasons.map((reason) => reason.code)).toEqual(["damaged", "not_as_described"]);
    expect(await service.listRefundReasons()).toHaveLength(2);
  });

  it("refuses a code that exists already and creates nothing", async () => {
    const { service } = setup();
    const first = await service.createRefundReasons({ label: "Damaged", code: "damaged" });
    await expect(
      service.createRefundReasons({ label: "Broken", code: "damaged" }),
    ).rejects.toMatchObject({
      code: "duplicate",
      message: expect.stringMatching(/codes are unique/),
    });
    expect(await service.listRefundReasons()).toEqual([first]);
  });

  it("refuses a batch that repeats a code and creates none of it", async () => {
    const { service } = setup();
    await expect(
      service.createRefundReasons([
        { label: "Damaged", code: "damaged" },
        { label: "Broken", code: "damaged" },
      ]),
    ).rejects.toMatchObject({ code: "duplicate" });
    expect(await service.listRefundReasons()).toEqual([]);
  });

  it("refuses a reason without a label", async () => {
    const { service } = setup();
    await expect(service.createRefundReasons({ label: "  ", code: "blank" })).rejects.toMatchObject(
      {
        code: "invalid_argument",
      },
    );
    expect(await service.listRefundReasons()).toEqual([]);
  });

  it("updates the label and description of a reason, keeping its code", async () => {
    const { service } = setup();
    const reason = await service.createRefundReasons({ label: "Damaged", code: "damaged" });
    const updated = await service.updateRefundReasons({
      id: reason.id,
      label: "Damaged in transit",
      description: "Carrier's fault.",
    });
    expect(updated).toMatchObject({
      id: reason.id,
      code: "damaged",
      label: "Damaged in transit",
      description: "Carrier's fault.",
    });
    expect(await service.listRefundReasons({ id: [reason.id] })).toEqual([updated]);
  });

  it("refuses to change a reason's code", async () => {
    const { service } = setup();
    const reason = await service.createRefundReasons({ label: "Damaged", code: "damaged" });
    await expect(
      service.updateRefundReasons({ id: reason.id, code: "broken" }),
    ).rejects.toMatchObject({ code: "invalid_argument" });
    expect(await service.listRefundReasons()).toEqual([reason]);
  });

  it("refuses to update a reason that does not exist", async () => {
    const { service } = setup();
    await expect(
      service.updateRefundReasons({ id: "refr_missing", label: "Anything" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("deletes reasons by one id or a list of ids", async () => {
    const { service } = setup();
    const [damaged, late, other] = await service.createRefundReasons([
      { label: "Damaged", code: "damaged" },
      { label: "Late", code: "late" },
      { label: "Other", code: "other" },
    ]);
    if (!damaged || !late || !other) throw new Error("three reasons should be created");
    await service.deleteRefundReasons(damaged.id);
    expect((await service.listRefundReasons()).map((reason) => reason.code).sort()).toEqual([
      "late",
      "other",
    ]);
    await service.deleteRefundReasons([late.id, other.id]);
    expect(await service.listRefundReasons()).toEqual([]);
  });

  it("refuses to delete a reason that does not exist", async () => {
    const { service } = setup();
    await expect(service.deleteRefundReasons("refr_missing")).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("lists reasons filtered by code", async () => {
    const { service } = setup();
    await service.createRefundReasons([
      { label: "Damaged", code: "damaged" },
      { label: "Late", code: "late" },
    ]);
    const found = await service.listRefundReasons({ code: "late" });
    expect(found).toMatchObject([{ label: "Late", code: "late" }]);
  });

  it("stores the reason on a refund and sends its code to the provider", async () => {
    const { service, provider, payment } = await capturedPayment(5000);
    const reason = await service.createRefundReasons({ label: "Damaged", code: "damaged" });
    await service.refundPayment({
      payment_id: payment.id,
      amount: 1500,
      refund_reason_id: reason.id,
      note: "Box crushed",
    });
    expect(await service.listRefunds({ refund_reason_id: reason.id })).toMatchObject([
      { payment_id: payment.id, amount: 1500, refund_reason_id: reason.id, note: "Box crushed" },
    ]);
    expect(provider.callsTo("refundPayment")[0]?.input).toMatchObject({
      reason: "damaged",
      note: "Box crushed",
    });
  });

  it("refuses a refund with a reason that does not exist, and refunds nothing", async () => {
    const { service, provider, payment } = await capturedPayment(5000);
    await expect(
      service.refundPayment({
        payment_id: payment.id,
        amount: 1500,
        refund_reason_id: "refr_missing",
      }),
    ).rejects.toMatchObject({ code: "not_found", message: expect.stringMatching(/refr_missing/) });
    expect(await service.listRefunds()).toEqual([]);
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      refunded_amount: 0,
      status: "captured",
    });
    expect(provider.callsTo("refundPayment")).toEqual([]);
  });

  it("refuses to delete a reason that a refund uses", async () => {
    const { service, payment } = await capturedPayment(5000);
    const reason = await service.createRefundReasons({ label: "Damaged", code: "damaged" });
    await service.refundPayment({
      payment_id: payment.id,
      amount: 100,
      refund_reason_id: reason.id,
    });
    await expect(service.deleteRefundReasons(reason.id)).rejects.toMatchObject({
      code: "invalid_state_transition",
    });
    expect(await service.listRefundReasons()).toEqual([reason]);
  });
});
