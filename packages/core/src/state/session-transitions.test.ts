import { describe, expect, it } from "vitest";
import { PAYMENT_SESSION_STATUSES, type PaymentSessionStatus } from "../records/statuses";
import {
  isAuthorizable,
  isTerminalSession,
  judgeSessionTransition,
  SESSION_TRANSITIONS,
} from "./session-transitions";

const TERMINAL: readonly PaymentSessionStatus[] = ["captured", "canceled"];

describe("SESSION_TRANSITIONS", () => {
  it("has every session status as a key and nothing else", () => {
    expect(Object.keys(SESSION_TRANSITIONS).sort()).toEqual([...PAYMENT_SESSION_STATUSES].sort());
  });

  it("only moves to known statuses, never to the state it is in", () => {
    for (const from of PAYMENT_SESSION_STATUSES) {
      for (const to of SESSION_TRANSITIONS[from]) {
        expect(PAYMENT_SESSION_STATUSES).toContain(to);
        expect(to).not.toBe(from);
      }
    }
  });
});

describe("judgeSessionTransition", () => {
  it.each(
    TERMINAL.flatMap((from) =>
      PAYMENT_SESSION_STATUSES.filter((to) => to !== from).map((to) => ({ from, to })),
    ),
  )("refuses to leave the terminal state $from for $to", ({ from, to }) => {
    expect(judgeSessionTransition(from, to)).toBe("refused");
  });

  it.each(PAYMENT_SESSION_STATUSES)("treats a repeated move to %s as the same state", (status) => {
    expect(judgeSessionTransition(status, status)).toBe("same");
  });

  it.each(["pending", "requires_more"] as const)(
    "refuses a stale %s event once the session is processing",
    (stale) => {
      expect(judgeSessionTransition("processing", stale)).toBe("refused");
    },
  );

  it.each(["authorized", "captured", "error", "canceled"] as const)(
    "lets a processing session settle as %s",
    (to) => {
      expect(judgeSessionTransition("processing", to)).toBe("move");
    },
  );

  it.each([
    "pending",
    "requires_more",
    "processing",
    "authorized",
    "captured",
    "canceled",
  ] as const)("lets a session in error be retried into %s", (to) => {
    expect(judgeSessionTransition("error", to)).toBe("move");
  });

  it.each(["pending", "requires_more", "processing", "error"] as const)(
    "refuses to take an authorized session back to %s",
    (to) => {
      expect(judgeSessionTransition("authorized", to)).toBe("refused");
    },
  );

  it("moves an authorized session to captured or canceled", () => {
    expect(judgeSessionTransition("authorized", "captured")).toBe("move");
    expect(judgeSessionTransition("authorized", "canceled")).toBe("move");
  });

  it("agrees with the table for every pair of distinct statuses", () => {
    for (const from of PAYMENT_SESSION_STATUSES) {
      for (const to of PAYMENT_SESSION_STATUSES) {
        if (from === to) continue;
        const expected = SESSION_TRANSITIONS[from].includes(to) ? "move" : "refused";
        expect(judgeSessionTransition(from, to), `${from} -> ${to}`).toBe(expected);
      }
    }
  });
});

describe("isAuthorizable", () => {
  const authorizable: Record<PaymentSessionStatus, boolean> = {
    pending: true,
    requires_more: true,
    processing: true,
    error: true,
    authorized: false,
    captured: false,
    canceled: false,
  };

  it.each(PAYMENT_SESSION_STATUSES)("answers whether a %s session may be authorized", (status) => {
    expect(isAuthorizable(status)).toBe(authorizable[status]);
  });
});

describe("isTerminalSession", () => {
  it.each(PAYMENT_SESSION_STATUSES)("answers whether a %s session is over", (status) => {
    expect(isTerminalSession(status)).toBe(TERMINAL.includes(status));
  });
});
