import { isMatching, P } from "ts-pattern";
import { TenderError } from "../errors/tender-error";
import type { Payment, RiskSignal } from "../records/records";
import type { ServiceContext, UnitOfWork } from "./service-context";

const riskSignalShape = {
  id: P.string,
  kind: P.union("fraud_warning", "review"),
  status: P.union("open", "closed"),
  reason: P.union(P.string, null),
  actionable: P.boolean,
} as const;

/** Whether a value is a risk signal as the core keeps it (the stores check what they read with it). */
export function isRiskSignal(value: unknown): value is RiskSignal {
  return isMatching(riskSignalShape, value);
}

/** A provider's signal as the core keeps it; anything else is the provider's defect, refused before it is stored. */
export function requireRiskSignal(
  value: unknown,
  providerId: string,
  eventId: string | null,
): RiskSignal {
  if (isRiskSignal(value) && value.id.length > 0) {
    return {
      id: value.id,
      kind: value.kind,
      status: value.status,
      reason: value.reason,
      actionable: value.actionable,
    };
  }
  throw new TenderError({
    code: "provider_error",
    message: `Provider ${providerId} answered webhook event ${eventId ?? "(no id)"} with action "risk" but no valid data.risk ({ id, kind: "fraud_warning" | "review", status: "open" | "closed", reason: string | null, actionable: boolean }); fix the provider's getWebhookActionAndData.`,
    details: { provider_id: providerId, event_id: eventId },
  });
}

/**
 * Folds a signal as the provider reports it now into the ones the payment
 * holds, so that the order events arrive in does not matter: a closed signal
 * never opens again, one no longer actionable never becomes actionable again,
 * and a closed signal's reason (a review's closing reason) wins over the
 * opening one. Returns the signal as it now stands, or null if nothing changed.
 */
export function foldRiskSignal(
  held: readonly RiskSignal[],
  reported: RiskSignal,
): { signals: RiskSignal[]; changed: RiskSignal | null } {
  const index = held.findIndex((signal) => signal.id === reported.id);
  const before = index === -1 ? undefined : held[index];
  if (before === undefined) return { signals: [...held, reported], changed: reported };
  const closed = before.status === "closed" || reported.status === "closed";
  const merged: RiskSignal = {
    id: before.id,
    kind: before.kind,
    status: closed ? "closed" : "open",
    reason:
      reported.status === "closed" || before.reason === null
        ? (reported.reason ?? before.reason)
        : before.reason,
    actionable: before.actionable && reported.actionable,
  };
  if (
    merged.status === before.status &&
    merged.reason === before.reason &&
    merged.actionable === before.actionable
  ) {
    return { signals: [...held], changed: null };
  }
  const signals = [...held];
  signals[index] = merged;
  return { signals, changed: merged };
}

/**
 * Records a provider's risk signal on the payment and emits
 * `payment.risk_signal` when it is new or changed. It decides nothing: the
 * application holds the shipment or refunds.
 */
export async function applyRiskSignal(
  ctx: ServiceContext,
  uow: UnitOfWork,
  payment: Payment,
  reported: RiskSignal,
): Promise<Payment> {
  const { signals, changed } = foldRiskSignal(payment.risk_signals, reported);
  if (changed === null) return payment;
  const updated = await uow.tx.update("payments", payment.id, {
    risk_signals: signals,
    updated_at: ctx.now(),
  });
  uow.emit("payment.risk_signal", { payment: updated, signal: changed });
  return updated;
}
