import { describe, expect, it } from "vitest";
import { PAYMENT_STATUSES, type PaymentStatus } from "../records/statuses";
import { seededRandom } from "../testing/index";
import {
  derivePaymentStatus,
  PAYMENT_TRANSITIONS,
  type PaymentAmounts,
} from "./payment-transitions";

function payment(overrides: Partial<PaymentAmounts>): PaymentAmounts {
  return { amount: 1000, captured_amount: 0, refunded_amount: 0, canceled_at: null, ...overrides };
}

/** An integer in [min, max]. */
function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/**
 * The statuses a payment passes through: authorized, then a few partial
 * captures (never more than the amount), then a few partial refunds (never
 * more than was captured); a payment nothing was captured from may be canceled.
 */
function statusesAlongRandomLifecycle(seed: number): PaymentStatus[] {
  const random = seededRandom(seed);
  const state = payment({ amount: between(random, 1, 10_000) });
  const statuses = [derivePaymentStatus(state)];

  const captures = between(random, 0, 4);
  for (let i = 0; i < captures && state.captured_amount < state.amount; i++) {
    const remaining = state.amount - state.captured_amount;
    // A quarter of the time a capture takes everything that is left.
    const capture = random() < 0.25 ? remaining : between(random, 1, remaining);
    state.captured_amount += capture;
    statuses.push(derivePaymentStatus(state));
  }

  if (state.captured_amount === 0) {
    if (random() < 0.5) {
      state.canceled_at = new Date(0);
      statuses.push(derivePaymentStatus(state));
    }
    return statuses;
  }

  const refunds = between(random, 0, 4);
  for (let i = 0; i < refunds && state.refunded_amount < state.captured_amount; i++) {
    const remaining = state.captured_amount - state.refunded_amount;
    const refund = random() < 0.25 ? remaining : between(random, 1, remaining);
    state.refunded_amount += refund;
    statuses.push(derivePaymentStatus(state));
  }
  return statuses;
}

describe("PAYMENT_TRANSITIONS", () => {
  it("has every payment status as a key and only moves to known statuses", () => {
    expect(Object.keys(PAYMENT_TRANSITIONS).sort()).toEqual([...PAYMENT_STATUSES].sort());
    for (const from of PAYMENT_STATUSES) {
      for (const to of PAYMENT_TRANSITIONS[from]) {
        expect(PAYMENT_STATUSES).toContain(to);
      }
    }
  });

  it("leaves canceled payments nowhere to go, and refunded ones only back, by a reversed refund", () => {
    expect(PAYMENT_TRANSITIONS.canceled).toEqual([]);
    expect(PAYMENT_TRANSITIONS.expired).toEqual([]);
    // A refund the provider reverses gives the money back to the payment.
    expect(PAYMENT_TRANSITIONS.refunded).toEqual(["partially_refunded", "captured"]);
    expect(derivePaymentStatus(payment({ captured_amount: 1000, refunded_amount: 0 }))).toBe(
      "captured",
    );
  });
});

describe("derivePaymentStatus", () => {
  it("reports a payment nothing was captured from as authorized", () => {
    expect(derivePaymentStatus(payment({}))).toBe("authorized");
  });

  it("reports a payment captured in part as partially_captured", () => {
    expect(derivePaymentStatus(payment({ captured_amount: 400 }))).toBe("partially_captured");
  });

  it("reports a payment captured in full as captured", () => {
    expect(derivePaymentStatus(payment({ captured_amount: 1000 }))).toBe("captured");
  });

  it("reports a payment with part of its captured money refunded as partially_refunded", () => {
    expect(derivePaymentStatus(payment({ captured_amount: 1000, refunded_amount: 300 }))).toBe(
      "partially_refunded",
    );
  });

  it("reports a payment whose captured money is all refunded as refunded", () => {
    expect(derivePaymentStatus(payment({ captured_amount: 1000, refunded_amount: 1000 }))).toBe(
      "refunded",
    );
  });

  it("keeps a partially captured payment refunded in full partially_refunded, since the rest may still be captured", () => {
    expect(derivePaymentStatus(payment({ captured_amount: 400, refunded_amount: 400 }))).toBe(
      "partially_refunded",
    );
  });

  it("never leaves refunded when the rest of a partial capture is captured after a refund", () => {
    const steps = [
      payment({ captured_amount: 400, refunded_amount: 0 }),
      payment({ captured_amount: 400, refunded_amount: 400 }),
      payment({ captured_amount: 1000, refunded_amount: 400 }),
      payment({ captured_amount: 1000, refunded_amount: 1000 }),
    ].map(derivePaymentStatus);
    for (let i = 1; i < steps.length; i++) {
      const [from, to] = [steps[i - 1], steps[i]];
      if (from === undefined || to === undefined || from === to) continue;
      expect(PAYMENT_TRANSITIONS[from]).toContain(to);
    }
    expect(steps.at(-1)).toBe("refunded");
  });

  it("reports a canceled payment as canceled", () => {
    expect(derivePaymentStatus(payment({ canceled_at: new Date(0) }))).toBe("canceled");
  });

  it("only makes moves the transition table allows along any capture-then-refund lifecycle", () => {
    let pairs = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const statuses = statusesAlongRandomLifecycle(seed);
      expect(statuses[0]).toBe("authorized");
      for (let i = 1; i < statuses.length; i++) {
        const from = statuses[i - 1];
        const to = statuses[i];
        if (from === undefined || to === undefined) throw new Error("unreachable");
        if (from === to) continue;
        pairs++;
        expect(PAYMENT_TRANSITIONS[from], `seed ${seed}: ${statuses.join(" -> ")}`).toContain(to);
      }
    }
    // The sequences do exercise the table, not only stay put.
    expect(pairs).toBeGreaterThan(500);
  });
});
