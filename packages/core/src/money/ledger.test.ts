import { describe, expect, it } from "vitest";
import type { OperationStatus } from "../records/statuses";
import {
  collectionHeld,
  heldBy,
  heldByPayment,
  isFinalCapture,
  type MovementAmount,
  netCaptured,
  type PaymentMoney,
  refundable,
  releasedAfterCapture,
  releasedWhenClosed,
  remainingToCapture,
  unbookedCapture,
} from "./ledger";

/** A seeded generator (a linear congruential one): a failing seed replays the same run. */
function seeded(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}

const STATUSES: readonly OperationStatus[] = ["pending", "succeeded", "failed"];

interface Model {
  payment: PaymentMoney;
  captures: MovementAmount[];
  refunds: MovementAmount[];
}

/**
 * Random histories of one payment, each step only what the service allows
 * (it asks the ledger how much is left), settled at random. Returns each
 * state along the way.
 */
function histories(seed: number, steps: number): Model[] {
  const random = seeded(seed);
  const multipleCaptures = random.chance(0.5);
  const amount = random.int(1, 100_000);
  const model: Model = {
    payment: {
      amount,
      captured_amount: 0,
      refunded_amount: 0,
      released_amount: 0,
      canceled_at: null,
    },
    captures: [],
    refunds: [],
  };
  const states: Model[] = [];
  const settle = (movement: MovementAmount, status: OperationStatus) => {
    movement.status = status;
    if (status !== "succeeded") return;
    if (model.captures.includes(movement)) {
      model.payment.captured_amount += movement.amount;
      model.payment.released_amount = releasedAfterCapture(
        model.payment,
        model.payment.captured_amount,
        multipleCaptures,
      );
    } else {
      model.payment.refunded_amount += movement.amount;
    }
  };
  for (let step = 0; step < steps; step++) {
    const left = remainingToCapture(model.payment, model.captures);
    const canRefund = refundable(model.payment, model.refunds);
    const pending = [...model.captures, ...model.refunds].filter((m) => m.status === "pending");
    const action = random.pick(["capture", "refund", "settle"] as const);
    if (action === "capture" && left > 0 && (multipleCaptures || heldBy(model.captures) === 0)) {
      const capture = { id: `c${step}`, amount: random.int(1, left), status: "pending" as const };
      model.captures.push({ ...capture });
      const added = model.captures.at(-1);
      if (added && random.chance(0.7)) settle(added, random.pick(STATUSES));
    } else if (action === "refund" && canRefund > 0) {
      model.refunds.push({ id: `r${step}`, amount: random.int(1, canRefund), status: "pending" });
      const added = model.refunds.at(-1);
      if (added && random.chance(0.7)) settle(added, random.pick(STATUSES));
    } else if (action === "settle" && pending.length > 0) {
      settle(random.pick(pending), random.pick(["succeeded", "failed"] as const));
    }
    states.push(structuredClone(model));
  }
  return states;
}

const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);

describe("the ledger (money arithmetic) over random histories", () => {
  it.each(SEEDS)("keeps captured + held + released within the authorization (seed %i)", (seed) => {
    for (const { payment, captures } of histories(seed, 40)) {
      expect(heldBy(captures) + payment.released_amount).toBeLessThanOrEqual(payment.amount);
      expect(remainingToCapture(payment, captures)).toBeGreaterThanOrEqual(0);
      expect(
        remainingToCapture(payment, captures) + heldBy(captures) + payment.released_amount,
      ).toBe(payment.amount);
    }
  });

  it.each(SEEDS)("never lets refunds hold more than was captured (seed %i)", (seed) => {
    for (const { payment, refunds } of histories(seed, 40)) {
      expect(heldBy(refunds)).toBeLessThanOrEqual(payment.captured_amount);
      expect(refundable(payment, refunds) + heldBy(refunds)).toBe(payment.captured_amount);
      expect(netCaptured(payment)).toBeGreaterThanOrEqual(0);
    }
  });

  it.each(SEEDS)(
    "calls a capture final exactly when it takes the rest with nothing else in flight (seed %i)",
    (seed) => {
      for (const { payment, captures } of histories(seed, 30)) {
        const probe: MovementAmount = {
          id: "probe",
          amount: remainingToCapture(payment, captures),
          status: "pending",
        };
        const othersInFlight = captures.some((c) => c.status === "pending");
        expect(isFinalCapture(payment, probe, [...captures, probe])).toBe(!othersInFlight);
        if (probe.amount > 1) {
          expect(isFinalCapture(payment, { ...probe, amount: probe.amount - 1 }, captures)).toBe(
            false,
          );
        }
      }
    },
  );

  it.each(SEEDS)(
    "books only what the provider reports beyond what captures already hold (seed %i)",
    (seed) => {
      const random = seeded(seed * 31);
      for (const { payment, captures } of histories(seed, 20)) {
        const reported = random.int(0, payment.amount * 2);
        const unbooked = unbookedCapture(payment, captures, reported);
        expect(unbooked).toBeGreaterThanOrEqual(0);
        expect(heldBy(captures) + unbooked).toBeLessThanOrEqual(
          Math.max(heldBy(captures), payment.amount),
        );
        // Reporting again what is now booked books nothing more.
        const booked = [...captures, { id: "b", amount: unbooked, status: "succeeded" as const }];
        expect(unbookedCapture(payment, booked, reported)).toBe(0);
      }
    },
  );
});

describe("the ledger's single rules", () => {
  const payment: PaymentMoney = {
    amount: 1000,
    captured_amount: 400,
    refunded_amount: 100,
    released_amount: 0,
    canceled_at: null,
  };

  it("releases the rest of a single-capture authorization with its capture, and keeps it with several", () => {
    expect(releasedAfterCapture(payment, 400, false)).toBe(600);
    expect(releasedAfterCapture(payment, 400, true)).toBe(0);
  });

  it("releases, when the provider closes a payment, what is neither captured nor in flight", () => {
    expect(releasedWhenClosed(payment, 400, 100)).toBe(500);
    expect(releasedWhenClosed(payment, 1000, 100)).toBe(0);
  });

  it("counts a live payment's unreleased authorization, and nothing for a canceled or lapsed one", () => {
    expect(heldByPayment({ ...payment, released_amount: 200 })).toBe(800);
    expect(heldByPayment({ ...payment, canceled_at: new Date(0) })).toBe(0);
    expect(heldByPayment({ ...payment, captured_amount: 0, expired_at: new Date(0) })).toBe(0);
  });

  it("holds a collection's live payments and in-flight sessions, but not the session asking", () => {
    const at = new Date(0);
    const held = collectionHeld(
      [
        {
          id: "s1",
          amount: 300,
          status: "pending",
          payment_id: null,
          authorization_started_at: at,
        },
        {
          id: "s2",
          amount: 200,
          status: "processing",
          payment_id: null,
          authorization_started_at: null,
        },
        {
          id: "s3",
          amount: 900,
          status: "pending",
          payment_id: null,
          authorization_started_at: null,
        },
        {
          id: "me",
          amount: 999,
          status: "pending",
          payment_id: null,
          authorization_started_at: at,
        },
      ],
      [{ ...payment, payment_session_id: "s0", released_amount: 100 }],
      "me",
    );
    expect(held).toBe(300 + 200 + 900);
  });
});
