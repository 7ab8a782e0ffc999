import type { PaymentModuleService } from "@tender/core";

/** The reasons the admin files refunds under. */
export const REFUND_REASONS = [
  { code: "returned", label: "Returned by the customer" },
  { code: "damaged", label: "Arrived damaged" },
  { code: "duplicate", label: "Charged twice" },
  { code: "goodwill", label: "Goodwill gesture" },
] as const;

/** Creates the reasons a store lacks: a restarted server finds its own from before. */
export async function ensureRefundReasons(service: PaymentModuleService): Promise<void> {
  const existing = new Set((await service.listRefundReasons()).map((reason) => reason.code));
  const missing = REFUND_REASONS.filter((reason) => !existing.has(reason.code));
  if (missing.length > 0)
    await service.createRefundReasons(missing.map((reason) => ({ ...reason })));
}
