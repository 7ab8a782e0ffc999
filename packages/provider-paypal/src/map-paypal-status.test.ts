import { describe, expect, it } from "vitest";
import { mapPayPalOrder, toProviderResult } from "./map-paypal-status";
import { viewOrder } from "./paypal-objects";

/** An order as PayPal writes it, with what a test is about on top. */
function order(overrides: Record<string, unknown>, payments?: Record<string, unknown>) {
  const view = viewOrder({
    id: "5O190127TN364715T",
    intent: "AUTHORIZE",
    status: "COMPLETED",
    purchase_units: [
      {
        custom_id: "payses_1",
        amount: { currency_code: "USD", value: "50.00" },
        ...(payments ? { payments } : {}),
      },
    ],
    links: [{ href: "https://www.sandbox.paypal.com/checkoutnow?token=X", rel: "payer-action" }],
    ...overrides,
  });
  if (view === undefined) throw new Error("not an order");
  return view;
}

const authorization = (status: string) => ({
  id: "AUTH1",
  status,
  amount: { currency_code: "USD", value: "50.00" },
  create_time: "2030-01-01T00:00:00Z",
  expiration_time: "2030-01-30T00:00:00Z",
});
const capture = (status: string, value = "20.00") => ({
  id: `CAP-${value}`,
  status,
  amount: { currency_code: "USD", value },
  invoice_id: "capt_1",
});

describe("mapPayPalOrder", () => {
  it.each([
    ["CREATED", "requires_more"],
    ["PAYER_ACTION_REQUIRED", "requires_more"],
    ["APPROVED", "pending"],
    ["VOIDED", "canceled"],
  ])("reads an order %s as %s", (status, expected) => {
    expect(mapPayPalOrder(order({ status }))).toEqual({ status: expected, raw_status: status });
  });

  it.each([
    ["CREATED", [], "authorized"],
    ["PARTIALLY_CAPTURED", [capture("COMPLETED")], "authorized"],
    ["CAPTURED", [capture("COMPLETED", "50.00")], "captured"],
    ["VOIDED", [], "canceled"],
    ["VOIDED", [capture("PARTIALLY_REFUNDED")], "captured"],
    ["EXPIRED", [], "canceled"],
    ["PENDING", [], "processing"],
    ["DENIED", [], "error"],
  ])(
    "reads a completed AUTHORIZE order whose authorization is %s as %s",
    (status, captures, expected) => {
      const read = order({}, { authorizations: [authorization(status)], captures });
      expect(mapPayPalOrder(read)).toEqual({ status: expected, raw_status: status });
    },
  );

  it.each([
    ["COMPLETED", "captured"],
    ["REFUNDED", "captured"],
    ["PENDING", "processing"],
    ["DECLINED", "error"],
  ])("reads a completed CAPTURE order whose capture is %s as %s", (status, expected) => {
    const read = order({ intent: "CAPTURE" }, { captures: [capture(status, "50.00")] });
    expect(mapPayPalOrder(read)).toEqual({ status: expected, raw_status: status });
  });

  it("refuses to read an order in a status PayPal does not document", () => {
    expect(
      viewOrder({ id: "X", intent: "AUTHORIZE", status: "LOST", purchase_units: [] }),
    ).toBeUndefined();
  });
});

describe("toProviderResult", () => {
  it("asks for the buyer's approval with PayPal's link while the order is not approved", () => {
    const result = toProviderResult(order({ status: "PAYER_ACTION_REQUIRED" }), {
      return_url: "https://shop.example/return",
    });
    expect(result).toMatchObject({
      status: "requires_more",
      next_action: {
        type: "redirect_to_url",
        redirect_url: "https://www.sandbox.paypal.com/checkoutnow?token=X",
        paypal_order_id: "5O190127TN364715T",
        return_url: "https://shop.example/return",
      },
      data: { order_id: "5O190127TN364715T", return_url: "https://shop.example/return" },
    });
  });

  it("answers an authorization with PayPal's deadline, what it captured, and the id chain", () => {
    const result = toProviderResult(
      order(
        {},
        { authorizations: [authorization("PARTIALLY_CAPTURED")], captures: [capture("COMPLETED")] },
      ),
      {},
    );
    expect(result).toMatchObject({
      status: "authorized",
      capture_before: new Date("2030-01-30T00:00:00Z"),
      captured_amount: 2000,
      data: {
        authorization_id: "AUTH1",
        authorization_ids: ["AUTH1"],
        captures: [{ id: "CAP-20.00", capture_id: "capt_1", amount: 2000, status: "COMPLETED" }],
      },
    });
  });
});
