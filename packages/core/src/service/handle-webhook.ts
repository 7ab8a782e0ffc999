import { TenderError } from "../errors/tender-error";
import type {
  ProviderDispute,
  ProviderPaymentResult,
  ProviderRefund,
  WebhookActionAndData,
  WebhookPayload,
} from "../provider/payment-provider";
import type { Payment, PaymentCollection, PaymentSession } from "../records/records";
import { applySessionResult } from "./apply-session-result";
import { errorSummary } from "./error-summary";
import {
  applyProviderDisputes,
  listProviderDisputes,
  requireProviderDispute,
} from "./provider-disputes";
import { applyProviderRefunds, listProviderRefunds } from "./provider-refunds";
import { returnSurplus } from "./return-surplus";
import { applyRiskSignal, requireRiskSignal } from "./risk-signals";
import {
  getProvider,
  inTransaction,
  lockCollection,
  type ServiceContext,
  type UnitOfWork,
} from "./service-context";
import { applyRefundOutcome } from "./settle-refund";
import { requireId, requireObject } from "./validate-input";

export interface WebhookResult {
  /** `processed` changed or confirmed a session; `duplicate` was applied before; `ignored` means nothing to us. */
  status: "processed" | "duplicate" | "ignored";
  action: WebhookActionAndData["action"];
  session_id: string | null;
  event_id: string | null;
}

/**
 * Applies a provider's webhook: the provider verifies the event and names its
 * session; the state applied is the one the provider's own record holds now
 * (`getPaymentStatus`), not the event's snapshot, so the order events arrive
 * in does not matter. If the session changed while the provider was asked,
 * it is asked again. The event id goes into the inbox in the same transaction
 * as the change (duplicates are acknowledged and ignored), and the change goes
 * through the same locked path as a direct call; a state never moves
 * backwards. An event naming an unknown session throws a retryable
 * `not_found` so the provider delivers it again later.
 */
export async function handleWebhook(
  ctx: ServiceContext,
  providerIdInput: unknown,
  payloadInput: unknown,
): Promise<WebhookResult> {
  const providerId = requireId(providerIdInput, "handleWebhook(providerId)");
  const payload = requireObject(payloadInput, "handleWebhook(providerId, payload)");
  const rawBody = payload.rawBody;
  if (typeof rawBody !== "string" && !(rawBody instanceof Uint8Array)) {
    throw new TenderError({
      code: "webhook_payload_invalid",
      message:
        "handleWebhook needs rawBody: the request body exactly as received (a string or bytes), not parsed JSON.",
    });
  }
  const headers = normalizeHeaders(payload.headers);
  const provider = getProvider(ctx, providerId);
  const event = await provider.getWebhookActionAndData({
    headers,
    rawBody,
  } satisfies WebhookPayload);
  const event_id = event.event_id ?? null;
  const sessionId = event.data?.session_id ?? null;
  const base = { action: event.action, session_id: sessionId, event_id };
  if (event.action === "not_supported" || !event.data || sessionId === null) {
    return { ...base, status: "ignored" };
  }
  const data = event.data;
  const risk = event.action === "risk" ? requireRiskSignal(data.risk, providerId, event_id) : null;
  const disputeEvent = event.action === "disputed";
  // Only a session's own state is read from the provider; a refund, dispute or risk event carries what it changes.
  const readsState = event.action !== "refunded" && !disputeEvent && risk === null;

  for (let round = 1; ; round++) {
    const seen = await readTarget(ctx, providerId, sessionId, event_id);
    if ("duplicate" in seen) {
      await settleSurplusOf(ctx, seen.duplicate, event_id);
      return { ...base, status: "duplicate" };
    }
    // A session event is applied as the provider's record says the payment is now, never
    // as the event's snapshot: a late, repeated or reordered event then changes nothing.
    const current = readsState ? await currentState(ctx, providerId, seen, event_id) : null;
    // A refund event is applied as the provider lists the payment's refunds now (when it can).
    const listed =
      event.action === "refunded" ? await refundsNow(ctx, seen.session, event_id) : undefined;
    const disputes = disputeEvent
      ? await disputesNow(ctx, providerId, seen.session, data, event_id)
      : undefined;
    const applied = await inTransaction(ctx, async (uow) => {
      const collection = await lockCollection(uow.tx, seen.session.payment_collection_id);
      const inboxId = event_id === null ? null : `${providerId}:${event_id}`;
      if (inboxId !== null && (await uow.tx.get("webhook_events", inboxId))) {
        return { duplicate: await paymentOf(uow.tx, sessionId) };
      }
      const session = await uow.tx.get("payment_sessions", sessionId);
      if (!session) return "ignored" as const;
      // Something moved the session while the provider was asked: its answer may be older.
      if (current && version(session, await paymentOf(uow.tx, sessionId)) !== seen.version) {
        return "changed" as const;
      }
      const recordEvent = async () => {
        if (inboxId === null || event_id === null) return;
        await uow.tx.insert("webhook_events", {
          id: inboxId,
          created_at: ctx.now(),
          updated_at: ctx.now(),
          provider_id: providerId,
          event_id,
          action: event.action,
          session_id: sessionId,
        });
      };
      if (risk !== null || disputes !== undefined) {
        // A risk signal or a dispute is kept on its payment: until the payment exists the event is not done.
        const payment = await paymentOf(uow.tx, sessionId);
        if (!payment) return "no_payment" as const;
        // The payment appeared after its disputes were read: read them again.
        if (disputes && disputes.payment_id !== payment.id) return "changed" as const;
        await recordEvent();
        if (risk !== null) await applyRiskSignal(ctx, uow, payment, risk);
        if (disputes)
          await applyProviderDisputes(ctx, uow, collection, payment.id, disputes.listed);
        return "settled" as const;
      }
      await recordEvent();
      if (!current && listed && session.payment_id !== null) {
        await applyProviderRefunds(ctx, uow, collection, session.payment_id, listed);
        return "settled" as const;
      }
      if (!current) {
        return (await settleRefundEvent(ctx, uow, collection, session, data))
          ? ("settled" as const)
          : ("ignored" as const);
      }
      return applySessionResult(ctx, uow, collection, session, current, { endsAttempt: false });
    });
    if (applied === "changed") {
      if (round < MAX_ROUNDS) continue;
      throw new TenderError({
        code: "operation_in_progress",
        message: `Webhook event ${event_id ?? "(no id)"} names payment session ${sessionId}, which changed each of the ${MAX_ROUNDS} times ${providerId} was asked for its state; answer non-2xx so the provider delivers it again.`,
        details: { session_id: sessionId, event_id },
        retryable: true,
      });
    }
    if (applied === "no_payment") {
      throw new TenderError({
        code: "not_found",
        message: `Webhook event ${event_id ?? "(no id)"} is about the payment of payment session ${sessionId} (${event.action}), which has no payment here yet (its authorization is still to be applied); answer non-2xx so the provider delivers it again.`,
        details: { session_id: sessionId, event_id },
        retryable: true,
      });
    }
    if (applied === "ignored") return { ...base, status: applied };
    if (applied === "settled") return { ...base, status: "processed" };
    if ("duplicate" in applied) {
      await settleSurplusOf(ctx, applied.duplicate, event_id);
      return { ...base, status: "duplicate" };
    }
    await settleSurplusOf(ctx, applied.payment, event_id);
    return { ...base, status: "processed" };
  }
}

/** How often a session that keeps changing is asked for again before the event is sent back. */
const MAX_ROUNDS = 3;

interface Target {
  session: PaymentSession;
  /** The session and its payment as they were before the provider was asked (see {@link version}). */
  version: string;
}

/** The event's session, or the sign that the event was applied before. */
async function readTarget(
  ctx: ServiceContext,
  providerId: string,
  sessionId: string,
  eventId: string | null,
): Promise<Target | { duplicate: Payment | null }> {
  const read = await inTransaction(ctx, async ({ tx }) => {
    const session = await tx.get("payment_sessions", sessionId);
    const applied =
      eventId === null ? null : await tx.get("webhook_events", `${providerId}:${eventId}`);
    return { session, applied, payment: await paymentOf(tx, sessionId) };
  });
  const { session, payment } = read;
  // A session still being created at the provider is not known yet: its answer comes first.
  if (
    !session ||
    session.provider_id !== providerId ||
    session.provider_call?.operation === "initiate"
  ) {
    throw new TenderError({
      code: "not_found",
      message: `Webhook event ${eventId ?? "(no id)"} names payment session ${sessionId}, which ${providerId} does not own here (yet); answer non-2xx so the provider delivers it again.`,
      details: { session_id: sessionId, event_id: eventId },
      retryable: true,
    });
  }
  if (read.applied) return { duplicate: payment };
  return { session, version: version(session, payment) };
}

/**
 * What changes when anything moves the session or its payment. Not the
 * timestamps alone: two writes may share a millisecond.
 */
function version(session: PaymentSession, payment: Payment | null): string {
  return JSON.stringify([
    session.updated_at.getTime(),
    session.status,
    session.raw_status,
    session.authorization_attempt,
    session.authorization_started_at?.getTime() ?? null,
    session.provider_call?.idempotency_key ?? null,
    session.data,
    payment?.updated_at.getTime() ?? null,
    payment?.status ?? null,
    payment?.captured_amount ?? null,
  ]);
}

async function paymentOf(tx: UnitOfWork["tx"], sessionId: string): Promise<Payment | null> {
  const session = await tx.get("payment_sessions", sessionId);
  return session?.payment_id ? ((await tx.get("payments", session.payment_id)) ?? null) : null;
}

/** The session's payment as its provider has it now; a failure to say is sent back to be retried. */
async function currentState(
  ctx: ServiceContext,
  providerId: string,
  target: Target,
  eventId: string | null,
): Promise<ProviderPaymentResult> {
  try {
    return await getProvider(ctx, providerId).getPaymentStatus({
      session_id: target.session.id,
      data: target.session.data,
    });
  } catch (error) {
    const { code, message } = errorSummary(error);
    throw new TenderError({
      code: "provider_unavailable",
      message: `Webhook event ${eventId ?? "(no id)"} was not applied: ${providerId} could not say what state payment session ${target.session.id} is in (${code}: ${message}); answer non-2xx so the provider delivers it again.`,
      details: { session_id: target.session.id, event_id: eventId, provider_id: providerId },
      retryable: true,
      cause: error,
    });
  }
}

/**
 * The refunds of the session's payment as its provider has them now, or
 * undefined (no payment yet, or a provider that cannot list them: the event's
 * own refund is then applied). A failure to say is sent back to be retried.
 */
async function refundsNow(
  ctx: ServiceContext,
  session: PaymentSession,
  eventId: string | null,
): Promise<ProviderRefund[] | undefined> {
  const payment = await inTransaction(ctx, ({ tx }) => paymentOf(tx, session.id));
  if (!payment) return undefined;
  return sentBackOnFailure(listProviderRefunds(ctx, payment), eventId, session, payment);
}

/**
 * A provider read that failed retryably leaves the event unapplied: it is
 * answered non-2xx so the provider delivers it again. Other errors (an
 * answer that is the provider's defect) pass through.
 */
async function sentBackOnFailure<T>(
  read: Promise<T>,
  eventId: string | null,
  session: PaymentSession,
  payment: Payment,
): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (!TenderError.isInstance(error) || !error.retryable) throw error;
    throw new TenderError({
      code: "provider_unavailable",
      message: `Webhook event ${eventId ?? "(no id)"} was not applied: ${error.message} Answer non-2xx so the provider delivers it again.`,
      details: { session_id: session.id, event_id: eventId, payment_id: payment.id },
      retryable: true,
      cause: error,
    });
  }
}

/**
 * The disputes of the session's payment as its provider has them now
 * (`listDisputes`), or the event's own dispute when the provider cannot list
 * them, with the payment they were read for (none yet: the event is sent
 * back). A failure to say is sent back to be retried.
 */
async function disputesNow(
  ctx: ServiceContext,
  providerId: string,
  session: PaymentSession,
  data: NonNullable<WebhookActionAndData["data"]>,
  eventId: string | null,
): Promise<{ payment_id: string | null; listed: ProviderDispute[] }> {
  const payment = await inTransaction(ctx, ({ tx }) => paymentOf(tx, session.id));
  const payment_id = payment?.id ?? null;
  if (payment) {
    const read = listProviderDisputes(ctx, payment);
    const listed = await sentBackOnFailure(read, eventId, session, payment);
    if (listed) return { payment_id, listed };
  }
  if (data.dispute === undefined) {
    if (payment) {
      throw new TenderError({
        code: "provider_error",
        message: `Provider ${providerId} answered webhook event ${eventId ?? "(no id)"} with action "disputed" but neither lists disputes (listDisputes) nor sent data.dispute; fix the provider.`,
        details: { provider_id: providerId, event_id: eventId },
      });
    }
    return { payment_id, listed: [] };
  }
  const where = `webhook event ${eventId ?? "(no id)"}`;
  return { payment_id, listed: [requireProviderDispute(data.dispute, providerId, where)] };
}

/** A surplus payment's money still owed back keeps the event unfinished (see {@link settleSurplus}). */
async function settleSurplusOf(
  ctx: ServiceContext,
  payment: Payment | null,
  eventId: string | null,
): Promise<void> {
  if (payment && payment.surplus_returning_at !== null)
    await settleSurplus(ctx, payment.id, eventId);
}

/**
 * An event that brought (or found) surplus money is done only once that money
 * is returned: until then it is answered with a retryable error, so the
 * provider delivers it again, and each delivery (like each reconcile sweep)
 * tries the return again.
 */
async function settleSurplus(
  ctx: ServiceContext,
  paymentId: string,
  eventId: string | null,
): Promise<void> {
  const returned = await returnSurplus(ctx, paymentId).catch((error: unknown) => {
    if (!TenderError.isInstance(error)) throw error;
    return error;
  });
  if (returned === "returned") return;
  const refused =
    TenderError.isInstance(returned) && returned.code !== "outcome_unknown" ? returned : null;
  const why = refused
    ? `the provider refused to return it (${refused.code}: ${refused.message})`
    : "its refund or cancel is still in flight at the provider";
  throw new TenderError({
    code: "operation_in_progress",
    message: `Webhook event ${eventId ?? "(no id)"} left surplus payment ${paymentId}, money its collection was paid without, and ${why}; answer non-2xx so the provider delivers the event again (reconcile() also returns it).`,
    details: { payment_id: paymentId, event_id: eventId },
    retryable: true,
  });
}

function normalizeHeaders(value: unknown): Record<string, string | string[] | undefined> {
  if (value === undefined) return {};
  const headers: Record<string, string | string[] | undefined> = {};
  if (typeof Headers !== "undefined" && value instanceof Headers) {
    value.forEach((v, k) => {
      headers[k] = v;
    });
    return headers;
  }
  for (const [key, v] of Object.entries(
    requireObject(value, "handleWebhook(providerId, { headers })"),
  )) {
    if (typeof v === "string" || Array.isArray(v)) headers[key.toLowerCase()] = v;
  }
  return headers;
}

/** A refund event settles the pending refund it names, if that refund belongs to the event's session. */
async function settleRefundEvent(
  ctx: ServiceContext,
  uow: UnitOfWork,
  collection: PaymentCollection,
  session: PaymentSession,
  data: NonNullable<WebhookActionAndData["data"]>,
): Promise<boolean> {
  if (!data.refund || session.payment_id === null) return false;
  const refund = await uow.tx.get("refunds", data.refund.refund_id);
  if (!refund || refund.payment_id !== session.payment_id) return false;
  await applyRefundOutcome(ctx, uow, collection, refund.id, { status: data.refund.status });
  return true;
}
