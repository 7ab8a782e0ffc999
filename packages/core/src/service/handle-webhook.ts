import { match } from "ts-pattern";
import { TenderError } from "../errors/tender-error";
import type {
  ProviderPaymentResult,
  WebhookActionAndData,
  WebhookPayload,
} from "../provider/payment-provider";
import type { PaymentCollection, PaymentSession } from "../records/records";
import { applySessionResult } from "./apply-session-result";
import { returnSurplus } from "./return-surplus";
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
 * Applies a provider's webhook: the provider verifies and maps the event, the
 * event id goes into the inbox in the same transaction as the change
 * (duplicates are acknowledged and ignored), and the change goes through the
 * same locked path as a direct call. A stale event never moves a state
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

  const found = await inTransaction(ctx, ({ tx }) => tx.get("payment_sessions", sessionId));
  // A session still being created at the provider is not known yet: its answer comes first.
  if (!found || found.provider_id !== providerId || found.provider_call?.operation === "initiate") {
    throw new TenderError({
      code: "not_found",
      message: `Webhook event ${event_id ?? "(no id)"} names payment session ${sessionId}, which ${providerId} does not own here (yet); answer non-2xx so the provider delivers it again.`,
      details: { session_id: sessionId, event_id },
      retryable: true,
    });
  }

  const applied = await inTransaction(ctx, async (uow) => {
    const collection = await lockCollection(uow.tx, found.payment_collection_id);
    if (event_id !== null) {
      const inboxId = `${providerId}:${event_id}`;
      if (await uow.tx.get("webhook_events", inboxId)) {
        // Applied before; its surplus, if any, may still be owed back (see below).
        const current = await uow.tx.get("payment_sessions", sessionId);
        const payment = current?.payment_id
          ? await uow.tx.get("payments", current.payment_id)
          : null;
        return { duplicate: payment ?? null };
      }
      await uow.tx.insert("webhook_events", {
        id: inboxId,
        created_at: ctx.now(),
        updated_at: ctx.now(),
        provider_id: providerId,
        event_id,
        action: event.action,
        session_id: sessionId,
      });
    }
    const session = await uow.tx.get("payment_sessions", sessionId);
    if (!session) return "ignored" as const;
    if (event.action === "refunded") {
      return (await settleRefundEvent(ctx, uow, collection, session, data))
        ? ("settled" as const)
        : ("ignored" as const);
    }
    const result = toResult(event.action, session, data);
    if (!result) return "ignored" as const;
    return applySessionResult(ctx, uow, collection, session, result, {
      endsAttempt: false,
      ...(data.amount !== undefined && event.action === "captured"
        ? { capturedTotal: data.amount }
        : {}),
    });
  });
  if (applied === "ignored") return { ...base, status: applied };
  if (applied === "settled") return { ...base, status: "processed" };
  const payment = "duplicate" in applied ? applied.duplicate : applied.payment;
  if (payment && payment.surplus_returning_at !== null) {
    await settleSurplus(ctx, payment.id, event_id);
  }
  return { ...base, status: "duplicate" in applied ? "duplicate" : "processed" };
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

function toResult(
  action: WebhookActionAndData["action"],
  session: PaymentSession,
  data: NonNullable<WebhookActionAndData["data"]>,
): ProviderPaymentResult | null {
  const status = match(action)
    .with("authorized", () => "authorized" as const)
    .with("captured", () => "captured" as const)
    .with("failed", () => "error" as const)
    .with("pending", () => "pending" as const)
    .with("processing", () => "processing" as const)
    .with("requires_more", () => "requires_more" as const)
    .with("canceled", () => "canceled" as const)
    // Refund events settle through reconcilePayment; nothing to move on the session.
    .with("refunded", "not_supported", () => null)
    .exhaustive();
  if (status === null) return null;
  return {
    status,
    raw_status: data.raw_status ?? status,
    data: data.provider_data ?? session.data,
    ...(data.next_action ? { next_action: data.next_action } : {}),
    ...(data.error ? { error: data.error } : {}),
  };
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
