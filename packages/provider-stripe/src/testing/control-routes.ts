import { DISPUTE_REASONS, type DisputeReason } from "./disputes";
import type { FakeStripe } from "./fake-stripe";
import type { FakeFault } from "./faults";
import { FRAUD_TYPES, REVIEW_CLOSED_REASONS } from "./risk-signals";

/** A control request to a fake served in its own process (see {@link answerControl}). */
export interface ControlRequest {
  method: string;
  /** The path, without the query, starting `/_fake/`. */
  path: string;
  body: unknown;
}

/** The prefix of the control paths; Stripe's own paths never start with it. */
export const CONTROL_PREFIX = "/_fake/";

/**
 * What a test or a demo asks a fake Stripe running in another process to do,
 * over HTTP beside Stripe's own API: what the customer or the bank does
 * (3D Secure, a SEPA debit settling), faults, webhook delivery, and its
 * records, to compare the books with.
 *
 * - `GET /_fake/records`: the payment intents, charges, refunds, early fraud warnings,
 *   reviews, disputes and events.
 * - `POST /_fake/payment_intents/<id>/complete_3ds`, `.../fail_3ds`, `.../expire`,
 *   `.../settle` with `{ "outcome": "succeeded" | "failed" }`.
 * - `POST /_fake/payment_intents/<id>/decline_increments` with `{ "decline"? }` (default true):
 *   the issuer declines the intent's incremental authorizations.
 * - `POST /_fake/refunds/<id>/settle` with `{ "outcome": ... }` (a succeeded refund may fail later).
 * - `POST /_fake/payment_intents/<id>/dashboard_refund` with `{ "amount"? }`: a refund made in the
 *   Dashboard (no Tender metadata); answers the refund.
 * - `POST /_fake/payment_intents/<id>/early_fraud_warning` with `{ "fraud_type"? }`,
 *   `.../open_review`, and `POST /_fake/reviews/<id>/close` with `{ "closed_reason"? }`:
 *   Radar's signals; each answers the warning or review.
 * - `POST /_fake/payment_intents/<id>/dispute` with `{ "amount"?, "reason"?, "inquiry"? }`:
 *   the cardholder disputes the charge (a chargeback, or an inquiry); answers the dispute.
 * - `POST /_fake/disputes/<id>/submit_evidence`, and `POST /_fake/disputes/<id>/close` with
 *   `{ "outcome": "won" | "lost" }`: the merchant answers, the issuer decides; each answers the dispute.
 * - `POST /_fake/disputes/<id>/escalate`: the issuer escalates an inquiry to a chargeback;
 *   answers the dispute.
 * - `POST /_fake/fail_next` with `{ "method"?, "path", "fault" }` (a path prefix, a {@link FakeFault}).
 * - `POST /_fake/deliver` with `{ "url", "duplicate"?, "reverse"? }`: sends the pending events
 *   to a webhook endpoint over HTTP, signed; answers `{ "delivered": n }`.
 * - `POST /_fake/reset`.
 */
export async function answerControl(fake: FakeStripe, request: ControlRequest): Promise<Response> {
  const parts = request.path.slice(CONTROL_PREFIX.length).split("/");
  const body = isRecord(request.body) ? request.body : {};
  const outcome = body.outcome === "failed" ? "failed" : "succeeded";
  try {
    if (request.method === "GET" && parts[0] === "records") {
      return json(200, {
        payment_intents: [...fake.paymentIntents.values()],
        charges: [...fake.charges.values()],
        refunds: [...fake.refunds.values()],
        early_fraud_warnings: [...fake.earlyFraudWarnings.values()],
        reviews: [...fake.reviews.values()],
        disputes: [...fake.disputes.values()],
        events: fake.events,
      });
    }
    if (request.method !== "POST") return notFound(request);
    const [kind, id = "", action] = parts;
    if (kind === "payment_intents" && action === "complete_3ds") fake.completeThreeDS(id);
    else if (kind === "payment_intents" && action === "fail_3ds") fake.failThreeDS(id);
    else if (kind === "payment_intents" && action === "expire") fake.expireAuthorization(id);
    else if (kind === "payment_intents" && action === "decline_increments")
      fake.declineIncrements(id, body.decline !== false);
    else if (kind === "payment_intents" && action === "settle") fake.settleProcessing(id, outcome);
    else if (kind === "refunds" && action === "settle") fake.settleRefund(id, outcome);
    else if (kind === "payment_intents" && action === "dashboard_refund") {
      const amount = typeof body.amount === "number" ? body.amount : undefined;
      return json(200, fake.refundFromDashboard(id, amount));
    } else if (kind === "payment_intents" && action === "early_fraud_warning") {
      const fraudType = FRAUD_TYPES.find((type) => type === body.fraud_type);
      return json(200, fake.raiseEarlyFraudWarning(id, fraudType));
    } else if (kind === "payment_intents" && action === "open_review") {
      return json(200, fake.openReview(id));
    } else if (kind === "reviews" && action === "close") {
      const reason = REVIEW_CLOSED_REASONS.find((known) => known === body.closed_reason);
      return json(200, fake.closeReview(id, reason));
    } else if (kind === "payment_intents" && action === "dispute") {
      return json(
        200,
        fake.createDispute(id, {
          ...(typeof body.amount === "number" ? { amount: body.amount } : {}),
          ...disputeReason(body.reason),
          inquiry: body.inquiry === true,
        }),
      );
    } else if (kind === "disputes" && action === "escalate") {
      return json(200, fake.escalateInquiry(id));
    } else if (kind === "disputes" && action === "submit_evidence") {
      return json(200, fake.submitDisputeEvidence(id));
    } else if (kind === "disputes" && action === "close") {
      if (body.outcome !== "won" && body.outcome !== "lost")
        throw new Error(`Closing a dispute needs { "outcome": "won" | "lost" }.`);
      return json(200, fake.closeDispute(id, body.outcome));
    } else if (kind === "fail_next" && typeof body.path === "string" && isRecord(body.fault)) {
      fake.failNext(
        { path: body.path, ...(typeof body.method === "string" ? { method: body.method } : {}) },
        body.fault as FakeFault,
      );
    } else if (kind === "deliver" && typeof body.url === "string") {
      const url = body.url;
      const before = fake.events.length;
      let delivered = 0;
      await fake.deliver(
        async ({ headers, rawBody }) => {
          delivered += 1;
          return fetch(url, { method: "POST", headers, body: rawBody });
        },
        { duplicate: body.duplicate === true, reverse: body.reverse === true },
      );
      return json(200, { delivered, events: before });
    } else if (kind === "reset") fake.reset();
    else return notFound(request);
    return json(200, { ok: true });
  } catch (error) {
    return json(400, {
      error: { message: error instanceof Error ? error.message : String(error) },
    });
  }
}

function disputeReason(reason: unknown): { reason?: DisputeReason } {
  const known = DISPUTE_REASONS.find((candidate) => candidate === reason);
  return known === undefined ? {} : { reason: known };
}

function notFound(request: ControlRequest): Response {
  return json(404, {
    error: { message: `The fake has no control ${request.method} ${request.path}.` },
  });
}

function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
