import { requireCapture } from "./captures";
import type { FakeDispute } from "./fake-objects";
import type { FakePayPalContext } from "./fake-paypal-context";
import { money } from "./money";
import { refundableOf } from "./refunds";

/**
 * Options of `openDispute`.
 *
 * @example
 * ```ts
 * fake.openDispute(captureId, { amount: 1000, reason: "UNAUTHORISED" });
 * ```
 */
export interface OpenDisputeOptions {
  /** Minor units; by default all of the capture that is not refunded. */
  amount?: number;
  /** PayPal's dispute reason, default `MERCHANDISE_OR_SERVICE_NOT_RECEIVED`. */
  reason?: string;
}

/** The buyer disputes a capture: an OPEN dispute, CUSTOMER.DISPUTE.CREATED. Returns its id. */
export function openDispute(
  context: FakePayPalContext,
  captureId: string,
  options: OpenDisputeOptions = {},
): string {
  const record = requireCapture(context, captureId);
  const { currency_code: currency } = record.capture.amount;
  const amount = options.amount ?? refundableOf(context, record);
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new Error(`openDispute needs a positive whole amount in minor units, not ${amount}.`);
  const id = `PP-D-${context.newId().slice(-8)}`;
  const dispute: FakeDispute = {
    dispute_id: id,
    create_time: context.isoNow(),
    update_time: context.isoNow(),
    disputed_transactions: [{ seller_transaction_id: captureId }],
    reason: options.reason ?? "MERCHANDISE_OR_SERVICE_NOT_RECEIVED",
    status: "OPEN",
    dispute_amount: money(amount, currency),
    links: [context.link(`/v1/customer/disputes/${id}`, "self")],
  };
  context.state.disputes.set(id, dispute);
  context.emit(
    "CUSTOMER.DISPUTE.CREATED",
    "dispute",
    `A new dispute opened with Case # ${id}`,
    dispute,
  );
  return id;
}

/** PayPal decides for the buyer or the seller: RESOLVED with `dispute_outcome`, CUSTOMER.DISPUTE.RESOLVED. */
export function resolveDispute(
  context: FakePayPalContext,
  disputeId: string,
  outcome: "buyer" | "seller",
): void {
  const dispute = context.state.disputes.get(disputeId);
  if (dispute === undefined) throw new Error(`The fake PayPal has no dispute ${disputeId}.`);
  if (dispute.status !== "OPEN") throw new Error(`Dispute ${disputeId} is already resolved.`);
  dispute.status = "RESOLVED";
  dispute.dispute_outcome = {
    outcome_code: outcome === "buyer" ? "RESOLVED_BUYER_FAVOUR" : "RESOLVED_SELLER_FAVOUR",
  };
  dispute.update_time = context.isoNow();
  context.emit(
    "CUSTOMER.DISPUTE.RESOLVED",
    "dispute",
    `A dispute was resolved with case # ${disputeId}`,
    dispute,
  );
}
