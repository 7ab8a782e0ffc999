import { match } from "ts-pattern";
import type { PaymentSessionStatus } from "../records/statuses";

/**
 * Every move a payment session may make, as data: the diagram in
 * docs/state-machines.md is generated from this table. `captured` and
 * `canceled` are terminal (invariant: a terminal state is never left). `error`
 * is not: the customer may try another card.
 */
export const SESSION_TRANSITIONS: Readonly<
  Record<PaymentSessionStatus, readonly PaymentSessionStatus[]>
> = {
  pending: ["requires_more", "processing", "authorized", "captured", "error", "canceled"],
  requires_more: ["pending", "processing", "authorized", "captured", "error", "canceled"],
  // An async method never goes back to asking the customer: a late
  // requires_more or pending event is stale.
  processing: ["authorized", "captured", "error", "canceled"],
  authorized: ["captured", "canceled"],
  error: ["pending", "requires_more", "processing", "authorized", "captured", "canceled"],
  captured: [],
  canceled: [],
};

/** What a requested session move does: change the state, nothing (same state), or is refused. */
export type TransitionVerdict = "move" | "same" | "refused";

/**
 * Judges a requested move. A repeated move to the same state is `same` (a
 * no-op); a stale event that would move a state backwards is `refused`.
 */
export function judgeSessionTransition(
  from: PaymentSessionStatus,
  to: PaymentSessionStatus,
): TransitionVerdict {
  if (from === to) return "same";
  return SESSION_TRANSITIONS[from].includes(to) ? "move" : "refused";
}

/** Whether a session may be sent to its provider for authorization. */
export function isAuthorizable(status: PaymentSessionStatus): boolean {
  return match(status)
    .with("pending", "requires_more", "error", "processing", () => true)
    .with("authorized", "captured", "canceled", () => false)
    .exhaustive();
}

/** Whether a session is over: it will never hold or take money again. */
export function isTerminalSession(status: PaymentSessionStatus): boolean {
  return SESSION_TRANSITIONS[status].length === 0;
}
