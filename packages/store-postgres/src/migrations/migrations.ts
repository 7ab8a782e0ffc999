import { initialSchema } from "./0001-initial-schema";
import { outboxSweepsExpiry } from "./0002-outbox-sweeps-expiry";
import { attemptKeys } from "./0003-attempt-keys";
import { surplusPayments } from "./0004-surplus-payments";
import { riskSignals } from "./0005-risk-signals";
import { disputes } from "./0006-disputes";
import { incrementalAuthorization } from "./0007-incremental-authorization";
import { partialAuthorization } from "./0008-partial-authorization";
import { sweepClaims } from "./0009-sweep-claims";
import { outboxDueIndex } from "./0010-outbox-due-index";
import { paymentsOpenHold } from "./0011-payments-open-hold";
import type { Migration } from "./migration";

/** Every migration, in version order. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  outboxSweepsExpiry,
  attemptKeys,
  surplusPayments,
  riskSignals,
  disputes,
  incrementalAuthorization,
  partialAuthorization,
  sweepClaims,
  outboxDueIndex,
  paymentsOpenHold,
];
