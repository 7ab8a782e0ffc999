import type { DisputeStatus } from "../records/statuses";

/**
 * The moves a dispute can make, as data (for the generated diagram in
 * docs/disputes.md and the tests). An inquiry (`warning_*`) closes or
 * escalates to a chargeback; a chargeback is answered with evidence and ends
 * `won` or `lost`. `warning_closed`, `won` and `lost` are terminal.
 */
export const DISPUTE_TRANSITIONS: Readonly<Record<DisputeStatus, readonly DisputeStatus[]>> = {
  warning_needs_response: ["warning_under_review", "warning_closed", "needs_response"],
  warning_under_review: ["warning_closed", "needs_response"],
  warning_closed: [],
  needs_response: ["under_review", "won", "lost"],
  under_review: ["won", "lost"],
  won: [],
  lost: [],
};

/** Whether a dispute's status may become `to`: directly or through states between (events skip some). */
export function canDisputeMove(from: DisputeStatus, to: DisputeStatus): boolean {
  if (from === to) return false;
  const seen = new Set<DisputeStatus>([from]);
  const queue: DisputeStatus[] = [from];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const step of DISPUTE_TRANSITIONS[next]) {
      if (step === to) return true;
      if (!seen.has(step)) {
        seen.add(step);
        queue.push(step);
      }
    }
  }
  return false;
}

/** Whether a dispute in this status is over. */
export function isDisputeClosed(status: DisputeStatus): boolean {
  return DISPUTE_TRANSITIONS[status].length === 0;
}
