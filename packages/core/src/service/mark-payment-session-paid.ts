import { TenderError } from "../errors/tender-error";
import type { Payment } from "../records/records";
import { applySessionResult } from "./apply-session-result";
import { settleAuthorization } from "./authorize-payment-session";
import { inTransaction, lockCollection, mustGet, type ServiceContext } from "./service-context";
import { optionalObject, rejectUnknownKeys, requireId } from "./validate-input";

export interface MarkPaymentSessionPaidOptions {
  /** The money has arrived (cash collected, transfer received): book it as captured too. */
  captured?: boolean;
}

/**
 * Confirms an offline payment (bank transfer, cash on delivery) that a
 * deferred provider left processing: the session is authorized through the
 * same locked path as a webhook, its payment created, and the normal flow
 * (capture, refund) continues. Marking a paid session again returns its payment.
 */
export async function markPaymentSessionPaid(
  ctx: ServiceContext,
  sessionIdInput: unknown,
  optionsInput: unknown = {},
): Promise<Payment> {
  const sessionId = requireId(sessionIdInput, "markPaymentSessionPaid(id)");
  const options = optionalObject(optionsInput, "markPaymentSessionPaid(id, options)") ?? {};
  rejectUnknownKeys(options, ["captured"], "markPaymentSessionPaid(id, options)");
  if (options.captured !== undefined && typeof options.captured !== "boolean") {
    throw new TenderError({ code: "invalid_argument", message: "captured must be true or false." });
  }
  const status = options.captured ? ("captured" as const) : ("authorized" as const);
  const { applied, result } = await inTransaction(ctx, async (uow) => {
    const found = await mustGet(uow.tx, "payment_sessions", sessionId);
    const collection = await lockCollection(uow.tx, found.payment_collection_id);
    const session = await mustGet(uow.tx, "payment_sessions", sessionId);
    if (session.status === "canceled") {
      throw new TenderError({
        code: "session_not_authorizable",
        message: `Payment session ${sessionId} is canceled; it cannot be marked paid. Create a new session.`,
        details: { session_id: sessionId },
      });
    }
    const result = { status, raw_status: "marked_paid", data: session.data };
    return {
      result,
      applied: await applySessionResult(ctx, uow, collection, session, result, {
        endsAttempt: true,
      }),
    };
  });
  return settleAuthorization(ctx, applied, result);
}
