import { describe, expect, it } from "vitest";
import type { PayPalCaptureView, PayPalOrderView, PayPalRefundView } from "./paypal-objects";
import { planRefund, refundableByCapture, refundStatusOf } from "./paypal-refunds";

const capture = (id: string, amount: number, status: PayPalCaptureView["status"] = "COMPLETED") =>
  ({
    id,
    status,
    status_reason: null,
    amount,
    currency: "USD",
    invoice_id: null,
    custom_id: null,
    final_capture: false,
    authorization_id: "AUTH",
    order_id: "ORDER",
    create_time: null,
  }) satisfies PayPalCaptureView;

const refund = (
  id: string,
  captureId: string,
  amount: number,
  status: PayPalRefundView["status"] = "COMPLETED",
) =>
  ({
    id,
    status,
    amount,
    currency: "USD",
    invoice_id: null,
    custom_id: null,
    capture_id: captureId,
    order_id: "ORDER",
    create_time: null,
  }) satisfies PayPalRefundView;

const order = (
  captures: PayPalCaptureView[],
  refunds: PayPalRefundView[] = [],
): PayPalOrderView => ({
  id: "ORDER",
  intent: "AUTHORIZE",
  status: "COMPLETED",
  custom_id: "payses_1",
  amount: 5000,
  currency: "USD",
  approve_url: null,
  authorizations: [],
  captures,
  refunds,
});

describe("planRefund", () => {
  it("takes from the newest capture first, and never more than a capture's rest", () => {
    const paid = order([capture("C1", 2000), capture("C2", 3000)], [refund("R1", "C2", 500)]);
    expect(planRefund(paid, 4000)).toEqual([
      { capture_id: "C2", amount: 2500 },
      { capture_id: "C1", amount: 1500 },
    ]);
  });

  it("counts failed refunds as given back to the capture, and skips captures that moved nothing", () => {
    const paid = order(
      [capture("C1", 2000), capture("C2", 3000, "DECLINED"), capture("C3", 1000, "PENDING")],
      [refund("R1", "C1", 2000, "FAILED")],
    );
    expect(refundableByCapture(paid)).toEqual(new Map([["C1", 2000]]));
    expect(planRefund(paid, 5000)).toEqual([{ capture_id: "C1", amount: 2000 }]);
  });
});

describe("refundStatusOf", () => {
  it("succeeds only once every part of the amount completed", () => {
    expect(refundStatusOf([refund("R1", "C1", 3000), refund("R2", "C2", 1000)], 4000)).toBe(
      "succeeded",
    );
    expect(refundStatusOf([refund("R1", "C1", 3000)], 4000)).toBe("pending");
    expect(refundStatusOf([refund("R1", "C1", 3000, "PENDING")], 3000)).toBe("pending");
    expect(refundStatusOf([refund("R1", "C1", 3000, "FAILED")], 3000)).toBe("failed");
  });
});
