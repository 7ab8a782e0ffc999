import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { answerControl } from "./control-routes";
import { EVIDENCE_DUE_SECONDS, type FakeDispute } from "./disputes";
import { missingStripeFields } from "./stripe-shape-check";
import { useFakeStripeClient } from "./test-support";

let clock = Date.UTC(2030, 0, 1);
const { fake, stripe, confirmIntent } = useFakeStripeClient({ now: () => clock });

/**
 * Every field Stripe always sends is there, down to the evidence and balance
 * transactions, as the SDK's types (stripe-shapes.generated.ts) list them.
 */
function expectDisputeShape(value: unknown) {
  expect(missingStripeFields(value, "Dispute")).toEqual([]);
  expect(value).toMatchObject({ object: "dispute" });
}

/** The fake's own dispute objects type-check as the SDK's `Dispute`. */
function asSdkDispute(dispute: FakeDispute): Stripe.Dispute {
  return dispute;
}

/** The `charge.dispute.*` events so far, each checked for Stripe's fields, and the disputes kept. */
function disputeEvents() {
  for (const dispute of fake.disputes.values()) expectDisputeShape(dispute);
  const events = fake.events.filter((event) => event.type.startsWith("charge.dispute."));
  for (const event of events) expectDisputeShape(event.data.object);
  return events;
}

function onlyDispute(): FakeDispute {
  const [dispute, ...others] = fake.disputes.values();
  expect(others).toEqual([]);
  if (dispute === undefined) throw new Error("no dispute");
  return dispute;
}

async function paid(paymentMethod = "pm_card_visa", amount = 1000) {
  return confirmIntent(paymentMethod, { amount });
}

describe("pm_card_createDispute", () => {
  it("with automatic capture, the payment succeeds and is charged back at once", async () => {
    const intent = await paid("pm_card_createDispute");
    expect(intent.status).toBe("succeeded");
    const dispute = onlyDispute();
    expect(asSdkDispute(dispute)).toMatchObject({
      amount: 1000,
      charge: intent.latest_charge,
      currency: "usd",
      payment_intent: intent.id,
      reason: "fraudulent",
      status: "needs_response",
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      enhanced_eligibility_types: [],
      intended_submission_method: null,
      payment_method_details: {
        type: "card",
        card: { brand: "visa", case_type: "chargeback", network_reason_code: null },
      },
      evidence_details: {
        due_by: Math.floor(clock / 1000) + EVIDENCE_DUE_SECONDS,
        has_evidence: false,
        past_due: false,
        submission_count: 0,
      },
    });
    expect(dispute.id).toMatch(/^dp_/);
    expect(dispute.evidence.uncategorized_text).toBeNull();
    expect(dispute.balance_transactions).toMatchObject([
      { object: "balance_transaction", amount: -1000, source: dispute.id, type: "adjustment" },
    ]);
    expect(fake.charges.get(String(intent.latest_charge))?.disputed).toBe(true);
    expect(fake.events.map((event) => event.type).slice(-5)).toEqual([
      "charge.succeeded",
      "payment_intent.succeeded",
      "charge.updated",
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
    ]);
    const [created, withdrawn] = disputeEvents();
    expect(created?.request).toEqual({ id: null, idempotency_key: null });
    expect(created?.data.object).toMatchObject({ id: dispute.id, balance_transactions: [] });
    expect(withdrawn?.data.object).toMatchObject({ balance_transactions: [{ amount: -1000 }] });
    expectDisputeShape(await stripe.disputes.retrieve(dispute.id));
  });

  it("with manual capture, it is charged back once captured, for what was captured", async () => {
    const intent = await confirmIntent("pm_card_createDispute", { capture_method: "manual" });
    expect(intent.status).toBe("requires_capture");
    expect(fake.disputes.size).toBe(0);
    expect(fake.charges.get(String(intent.latest_charge))?.disputed).toBe(false);
    await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 600 });
    expect(onlyDispute()).toMatchObject({ amount: 600, status: "needs_response" });
    expect(fake.events.map((event) => event.type).slice(-4)).toEqual([
      "payment_intent.succeeded",
      "charge.captured",
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
    ]);
    expect(disputeEvents()).toHaveLength(2);
  });

  it("pm_card_createDisputeInquiry makes an inquiry: no money moves, the charge stays refundable", async () => {
    const intent = await paid("pm_card_createDisputeInquiry");
    expect(onlyDispute()).toMatchObject({
      amount: 1000,
      status: "warning_needs_response",
      is_charge_refundable: true,
      balance_transactions: [],
      payment_method_details: { card: { case_type: "inquiry" } },
    });
    expect(fake.charges.get(String(intent.latest_charge))?.disputed).toBe(false);
    expect(disputeEvents().map((event) => event.type)).toEqual(["charge.dispute.created"]);
  });

  it("a charge made with an ordinary card is not disputed", async () => {
    await paid("pm_card_visa");
    expect(fake.disputes.size).toBe(0);
    expect(disputeEvents()).toEqual([]);
  });
});

describe("createDispute", () => {
  it("disputes part of the charge, and refuses more than is captured and not refunded", async () => {
    const intent = await paid();
    await stripe.refunds.create({ payment_intent: intent.id, amount: 300 });
    expect(() => fake.createDispute(intent.id, { amount: 701 })).toThrow(/from 1 to 700/);
    const dispute = fake.createDispute(intent.id, {
      amount: 400,
      reason: "product_not_received",
    });
    expect(dispute).toMatchObject({ amount: 400, reason: "product_not_received" });
    // The withdrawal carries Stripe's 15.00 USD dispute fee.
    expect(dispute.balance_transactions).toMatchObject([{ amount: -400, fee: 1500, net: -1900 }]);
    expect(() => fake.createDispute(intent.id)).toThrow(/disputed already/);
    expect(disputeEvents()).toHaveLength(2);
  });

  it("disputes by default what is left after refunds", async () => {
    const intent = await paid();
    await stripe.refunds.create({ payment_intent: intent.id, amount: 250 });
    expect(fake.createDispute(intent.id).amount).toBe(750);
  });

  it("an inquiry only asks, and may escalate to a chargeback", async () => {
    const intent = await paid();
    const inquiry = fake.createDispute(intent.id, { inquiry: true });
    expect(inquiry).toMatchObject({ status: "warning_needs_response", is_charge_refundable: true });
    expect(() => fake.createDispute(intent.id, { inquiry: true })).toThrow(/disputed already/);
    const chargeback = fake.createDispute(intent.id);
    expect(chargeback).toMatchObject({ status: "needs_response", is_charge_refundable: false });
    expect(disputeEvents().map((event) => event.type)).toEqual([
      "charge.dispute.created",
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
    ]);
  });

  it("needs captured money", async () => {
    const held = await confirmIntent("pm_card_visa", { capture_method: "manual" });
    expect(() => fake.createDispute(held.id)).toThrow(/no captured, unrefunded money/);
    const refunded = await paid();
    await stripe.refunds.create({ payment_intent: refunded.id });
    expect(() => fake.createDispute(refunded.id)).toThrow(/no captured, unrefunded money/);
    expect(() => fake.createDispute("pi_missing")).toThrow(/no PaymentIntent pi_missing/);
    expect(fake.disputes.size).toBe(0);
  });
});

describe("the disputes API", () => {
  it("lists disputes by payment_intent or charge, newest first, and retrieves one", async () => {
    const first = await paid("pm_card_createDispute");
    clock += 60_000;
    const second = await paid("pm_card_createDispute");
    const byIntent = await stripe.disputes.list({ payment_intent: first.id });
    expect(byIntent.object).toBe("list");
    expect(byIntent.data.map((dispute) => dispute.payment_intent)).toEqual([first.id]);
    const byCharge = await stripe.disputes.list({ charge: String(second.latest_charge) });
    expect(byCharge.data.map((dispute) => dispute.payment_intent)).toEqual([second.id]);
    const all = await stripe.disputes.list();
    expect(all.data.map((dispute) => dispute.payment_intent)).toEqual([second.id, first.id]);
    for (const dispute of all.data) expectDisputeShape(dispute);
    const page = await stripe.disputes.list({ limit: 1 });
    expect(page).toMatchObject({ has_more: true, url: "/v1/disputes" });
    const next = await stripe.disputes.list({ limit: 1, starting_after: page.data[0]?.id ?? "" });
    expect(next.data.map((dispute) => dispute.payment_intent)).toEqual([first.id]);
    const recent = await stripe.disputes.list({ created: { gt: Math.floor(clock / 1000) - 30 } });
    expect(recent.data.map((dispute) => dispute.payment_intent)).toEqual([second.id]);
    const id = all.data[0]?.id ?? "";
    await expect(stripe.disputes.retrieve(id)).resolves.toMatchObject({ id, amount: 1000 });
    await expect(stripe.disputes.retrieve("dp_missing")).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });
    await expect(stripe.disputes.list({ starting_after: "dp_missing" })).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it("submits evidence with update(submit: true): under review, charge.dispute.updated", async () => {
    await paid("pm_card_createDispute");
    const { id } = onlyDispute();
    const staged = await stripe.disputes.update(id, {
      evidence: { uncategorized_text: "Delivered on time.", customer_name: "Ada" },
      metadata: { case: "42" },
      submit: false,
    });
    expect(staged).toMatchObject({
      status: "needs_response",
      metadata: { case: "42" },
      evidence: { uncategorized_text: "Delivered on time.", customer_name: "Ada", receipt: null },
      evidence_details: { has_evidence: true, submission_count: 0 },
    });
    const submitted = await stripe.disputes.update(id, { submit: true });
    expectDisputeShape(submitted);
    expect(submitted).toMatchObject({
      status: "under_review",
      is_charge_refundable: false,
      evidence: { uncategorized_text: "Delivered on time." },
      evidence_details: { has_evidence: true, submission_count: 1, submission_method: "manual" },
    });
    const updates = disputeEvents().filter((event) => event.type === "charge.dispute.updated");
    expect(updates).toHaveLength(2);
    expect(updates[1]?.request.id).not.toBeNull();
    await expect(stripe.disputes.update(id, { submit: true })).rejects.toMatchObject({
      statusCode: 400,
      type: "StripeInvalidRequestError",
    });
    const unknownField = { uncategorized_text: "x", not_a_field: "x" };
    await expect(
      stripe.disputes.update(id, { evidence: unknownField, submit: false }),
    ).rejects.toMatchObject({ statusCode: 400, code: "parameter_unknown" });
  });

  it("close() accepts a chargeback as lost; a closed dispute is refused", async () => {
    await paid("pm_card_createDispute");
    const { id } = onlyDispute();
    const closed = await stripe.disputes.close(id);
    expectDisputeShape(closed);
    expect(closed).toMatchObject({ status: "lost", is_charge_refundable: false });
    expect(disputeEvents().at(-1)?.type).toBe("charge.dispute.closed");
    await expect(stripe.disputes.close(id)).rejects.toMatchObject({
      statusCode: 400,
      type: "StripeInvalidRequestError",
    });
    await expect(
      stripe.disputes.update(id, { evidence: { uncategorized_text: "late" } }),
    ).rejects.toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError" });
    expect(() => fake.submitDisputeEvidence(id)).toThrow(/is closed/);
  });

  it("close() on an inquiry closes it as warning_closed", async () => {
    await paid("pm_card_createDisputeInquiry");
    const closed = await stripe.disputes.close(onlyDispute().id);
    expect(closed).toMatchObject({ status: "warning_closed", is_charge_refundable: true });
    expect(disputeEvents().map((event) => event.type)).toEqual([
      "charge.dispute.created",
      "charge.dispute.closed",
    ]);
  });
});

describe("the issuer's decision", () => {
  it("a chargeback won reinstates the funds, then closes", async () => {
    await paid("pm_card_createDispute");
    const { id } = onlyDispute();
    const submitted = fake.submitDisputeEvidence(id);
    expect(submitted).toMatchObject({
      status: "under_review",
      evidence_details: { has_evidence: true, submission_count: 1 },
    });
    const won = fake.closeDispute(id, "won");
    expect(won).toMatchObject({ status: "won", is_charge_refundable: true });
    expect(won.balance_transactions.map((transaction) => transaction.amount)).toEqual([
      -1000, 1000,
    ]);
    expect(disputeEvents().map((event) => event.type)).toEqual([
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "charge.dispute.updated",
      "charge.dispute.funds_reinstated",
      "charge.dispute.closed",
    ]);
    expect(() => fake.closeDispute(id, "lost")).toThrow(/closed already/);
  });

  it("a chargeback lost only closes", async () => {
    await paid("pm_card_createDispute");
    const lost = fake.closeDispute(onlyDispute().id, "lost");
    expect(lost).toMatchObject({ status: "lost", balance_transactions: [{ amount: -1000 }] });
    expect(disputeEvents().at(-1)?.type).toBe("charge.dispute.closed");
  });

  it("an inquiry is closed when won, and is never lost", async () => {
    await paid("pm_card_createDisputeInquiry");
    const { id } = onlyDispute();
    expect(fake.submitDisputeEvidence(id).status).toBe("warning_under_review");
    expect(() => fake.closeDispute(id, "lost")).toThrow(/an inquiry is closed, not lost/);
    expect(fake.closeDispute(id, "won").status).toBe("warning_closed");
    expect(disputeEvents().map((event) => event.type)).toEqual([
      "charge.dispute.created",
      "charge.dispute.updated",
      "charge.dispute.closed",
    ]);
  });
});

describe("refunds of a disputed charge", () => {
  it("are refused with charge_disputed while charged back, changing nothing", async () => {
    const intent = await paid("pm_card_createDispute");
    const chargeId = String(intent.latest_charge);
    const events = fake.events.length;
    await expect(
      stripe.refunds.create({ payment_intent: intent.id, amount: 100 }),
    ).rejects.toMatchObject({
      statusCode: 400,
      type: "StripeInvalidRequestError",
      code: "charge_disputed",
      message: `Charge ${chargeId} has been charged back; cannot issue a refund.`,
    });
    await expect(stripe.refunds.create({ charge: chargeId })).rejects.toMatchObject({
      code: "charge_disputed",
    });
    expect(() => fake.refundFromDashboard(intent.id)).toThrow(/charged back/);
    expect(fake.charges.get(chargeId)).toMatchObject({ amount_refunded: 0, refunded: false });
    expect(fake.refunds.size).toBe(0);
    expect(fake.events).toHaveLength(events);
    fake.closeDispute(onlyDispute().id, "lost");
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({
      code: "charge_disputed",
    });
  });

  it("go through once the chargeback is won", async () => {
    const intent = await paid("pm_card_createDispute");
    fake.closeDispute(onlyDispute().id, "won");
    await expect(
      stripe.refunds.create({ payment_intent: intent.id, amount: 100 }),
    ).resolves.toMatchObject({ amount: 100, status: "succeeded" });
  });

  it("go through during an inquiry", async () => {
    const intent = await paid("pm_card_createDisputeInquiry");
    const refund = await stripe.refunds.create({ payment_intent: intent.id });
    expect(refund).toMatchObject({ amount: 1000, status: "succeeded" });
    expect(fake.charges.get(String(intent.latest_charge))?.amount_refunded).toBe(1000);
  });
});

describe("a chargeback and Radar's signals", () => {
  it("makes the charge's fraud warnings non-actionable and closes its reviews as disputed", async () => {
    const intent = await paid();
    const warning = fake.raiseEarlyFraudWarning(intent.id);
    const review = fake.openReview(intent.id);
    fake.createDispute(intent.id);
    expect(fake.earlyFraudWarnings.get(warning.id)?.actionable).toBe(false);
    expect(fake.reviews.get(review.id)).toMatchObject({
      open: false,
      closed_reason: "disputed",
      reason: "disputed",
    });
    expect(fake.events.map((event) => event.type).slice(-4)).toEqual([
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "radar.early_fraud_warning.updated",
      "review.closed",
    ]);
    expect(fake.raiseEarlyFraudWarning(intent.id).actionable).toBe(false);
  });

  it("an inquiry leaves them as they are", async () => {
    const intent = await paid();
    const warning = fake.raiseEarlyFraudWarning(intent.id);
    const review = fake.openReview(intent.id);
    fake.createDispute(intent.id, { inquiry: true });
    expect(fake.earlyFraudWarnings.get(warning.id)?.actionable).toBe(true);
    expect(fake.reviews.get(review.id)?.open).toBe(true);
  });
});

describe("the dispute control routes", () => {
  const control = async (path: string, body: unknown = {}) => {
    const answer = await answerControl(fake, {
      method: body === null ? "GET" : "POST",
      path: `/_fake/${path}`,
      body,
    });
    return { status: answer.status, body: await answer.json() };
  };

  it("disputes an intent, submits evidence, closes the dispute and lists it in the records", async () => {
    const intent = await paid();
    const created = await control(`payment_intents/${intent.id}/dispute`, {
      amount: 400,
      reason: "duplicate",
    });
    expect(created.status).toBe(200);
    expectDisputeShape(created.body);
    expect(created.body).toMatchObject({
      amount: 400,
      reason: "duplicate",
      status: "needs_response",
    });
    const id = String(created.body.id);
    const submitted = await control(`disputes/${id}/submit_evidence`);
    expect(submitted.body).toMatchObject({ id, status: "under_review" });
    expect((await control(`disputes/${id}/close`, {})).status).toBe(400);
    const won = await control(`disputes/${id}/close`, { outcome: "won" });
    expect(won.body).toMatchObject({ id, status: "won" });
    expectDisputeShape(won.body);
    const again = await control(`disputes/${id}/close`, { outcome: "lost" });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/closed already/);
    const records = await control("records", null);
    expect(records.body.disputes).toMatchObject([{ id, status: "won" }]);
    expect(records.body.charges).toMatchObject([{ id: intent.latest_charge, disputed: true }]);
  });

  it("makes an inquiry, which is closed, not lost", async () => {
    const intent = await paid();
    const inquiry = await control(`payment_intents/${intent.id}/dispute`, { inquiry: true });
    expect(inquiry.body).toMatchObject({ status: "warning_needs_response" });
    const lost = await control(`disputes/${String(inquiry.body.id)}/close`, { outcome: "lost" });
    expect(lost.status).toBe(400);
    expect(lost.body.error.message).toMatch(/an inquiry is closed, not lost/);
    expect(disputeEvents()).toHaveLength(1);
  });
});
