import { describe, expect, it } from "vitest";
import type { PaymentSessionStatus } from "../records/statuses";
import { deriveCollectionStatus } from "./derive-collection-status";

const collection = { amount: 1000 };

interface PaymentFacts {
  amount: number;
  captured_amount: number;
  refunded_amount: number;
  canceled_at: Date | null;
}

function sessions(...statuses: PaymentSessionStatus[]): { status: PaymentSessionStatus }[] {
  return statuses.map((status) => ({ status }));
}

function payment(overrides: Partial<PaymentFacts> = {}): PaymentFacts {
  return { amount: 1000, captured_amount: 0, refunded_amount: 0, canceled_at: null, ...overrides };
}

const canceledAt = new Date(0);

describe("deriveCollectionStatus", () => {
  it("reports a collection with no sessions and no payments as not_paid", () => {
    expect(deriveCollectionStatus(collection, [], [])).toEqual({
      status: "not_paid",
      authorized_amount: 0,
      captured_amount: 0,
      refunded_amount: 0,
      disputed_amount: 0,
    });
  });

  it.each(["pending", "processing"] as const)(
    "reports a collection whose session is %s as awaiting",
    (status) => {
      expect(deriveCollectionStatus(collection, sessions(status), []).status).toBe("awaiting");
    },
  );

  it("reports a collection waiting on the customer as requires_more, even beside a pending session", () => {
    expect(deriveCollectionStatus(collection, sessions("requires_more"), []).status).toBe(
      "requires_more",
    );
    expect(
      deriveCollectionStatus(collection, sessions("pending", "requires_more"), []).status,
    ).toBe("requires_more");
  });

  it("reports a collection authorized for less than its amount as partially_authorized", () => {
    const totals = deriveCollectionStatus(collection, sessions("authorized"), [
      payment({ amount: 400 }),
    ]);
    expect(totals.status).toBe("partially_authorized");
    expect(totals.authorized_amount).toBe(400);
  });

  it("reports a collection authorized for its amount as authorized", () => {
    const totals = deriveCollectionStatus(collection, sessions("authorized"), [payment()]);
    expect(totals).toEqual({
      status: "authorized",
      authorized_amount: 1000,
      captured_amount: 0,
      refunded_amount: 0,
      disputed_amount: 0,
    });
  });

  it("reports a collection captured in part as partially_captured", () => {
    const totals = deriveCollectionStatus(collection, sessions("authorized"), [
      payment({ captured_amount: 400 }),
    ]);
    expect(totals.status).toBe("partially_captured");
    expect(totals.captured_amount).toBe(400);
  });

  it("reports a collection captured in full as completed", () => {
    const totals = deriveCollectionStatus(collection, sessions("captured"), [
      payment({ captured_amount: 1000 }),
    ]);
    expect(totals.status).toBe("completed");
    expect(totals.captured_amount).toBe(1000);
  });

  it("reports a collection with part of its captured money refunded as partially_refunded", () => {
    const totals = deriveCollectionStatus(collection, sessions("captured"), [
      payment({ captured_amount: 1000, refunded_amount: 300 }),
    ]);
    expect(totals.status).toBe("partially_refunded");
    expect(totals.refunded_amount).toBe(300);
  });

  it("reports a collection whose captured money is all refunded as refunded", () => {
    const totals = deriveCollectionStatus(collection, sessions("captured"), [
      payment({ captured_amount: 1000, refunded_amount: 1000 }),
    ]);
    expect(totals.status).toBe("refunded");
    expect(totals.refunded_amount).toBe(1000);
  });

  it("reports a collection as canceled when every payment is canceled", () => {
    const payments = [
      payment({ amount: 600, canceled_at: canceledAt }),
      payment({ amount: 400, canceled_at: canceledAt }),
    ];
    expect(
      deriveCollectionStatus(collection, sessions("authorized", "authorized"), payments),
    ).toEqual({
      status: "canceled",
      authorized_amount: 0,
      captured_amount: 0,
      refunded_amount: 0,
      disputed_amount: 0,
    });
    expect(deriveCollectionStatus(collection, [], payments).status).toBe("canceled");
  });

  it("reports a collection as canceled when every session is canceled", () => {
    expect(deriveCollectionStatus(collection, sessions("canceled", "canceled"), []).status).toBe(
      "canceled",
    );
  });

  it("reports a collection whose sessions errored as failed", () => {
    expect(deriveCollectionStatus(collection, sessions("error"), []).status).toBe("failed");
    expect(deriveCollectionStatus(collection, sessions("error", "canceled"), []).status).toBe(
      "failed",
    );
  });

  it("reports a collection as awaiting while the customer retries after an error", () => {
    expect(deriveCollectionStatus(collection, sessions("error", "pending"), []).status).toBe(
      "awaiting",
    );
  });

  it("reports money states over session states", () => {
    const totals = deriveCollectionStatus(collection, sessions("requires_more", "authorized"), [
      payment({ amount: 400, captured_amount: 400 }),
    ]);
    expect(totals.status).toBe("partially_captured");
  });

  it("sums the amounts over every payment", () => {
    const totals = deriveCollectionStatus({ amount: 1500 }, sessions("captured", "captured"), [
      payment({ amount: 1000, captured_amount: 1000, refunded_amount: 250 }),
      payment({ amount: 500, captured_amount: 300, refunded_amount: 100 }),
    ]);
    expect(totals).toEqual({
      status: "partially_refunded",
      authorized_amount: 1500,
      captured_amount: 1300,
      refunded_amount: 350,
      disputed_amount: 0,
    });
  });

  it("does not count a canceled payment in the authorized amount", () => {
    const totals = deriveCollectionStatus(collection, sessions("authorized", "authorized"), [
      payment({ amount: 600, canceled_at: canceledAt }),
      payment({ amount: 400 }),
    ]);
    expect(totals.authorized_amount).toBe(400);
    expect(totals.status).toBe("partially_authorized");
  });

  it("reports a split tender whose payments add up to the amount as authorized", () => {
    const totals = deriveCollectionStatus(collection, sessions("authorized", "authorized"), [
      payment({ amount: 600 }),
      payment({ amount: 400 }),
    ]);
    expect(totals.status).toBe("authorized");
    expect(totals.authorized_amount).toBe(1000);
  });

  it("reports a split tender with only one payment authorized so far as partially_authorized", () => {
    const totals = deriveCollectionStatus(collection, sessions("authorized", "pending"), [
      payment({ amount: 600 }),
    ]);
    expect(totals.status).toBe("partially_authorized");
    expect(totals.authorized_amount).toBe(600);
  });

  it("reports a split tender captured across both payments as completed", () => {
    const totals = deriveCollectionStatus(collection, sessions("captured", "captured"), [
      payment({ amount: 600, captured_amount: 600 }),
      payment({ amount: 400, captured_amount: 400 }),
    ]);
    expect(totals.status).toBe("completed");
    expect(totals.captured_amount).toBe(1000);
  });
});
