import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  missingFieldsOfEvent,
  missingFieldsOfObject,
  missingStripeFields,
} from "./stripe-shape-check";
import { useFakeStripeClient } from "./test-support";

const { fake, stripe, confirmIntent } = useFakeStripeClient();

/** Everything the SDK got back from the fake, to check once the scenario is over. */
const answers: unknown[] = [];

async function kept<TValue>(answer: Promise<TValue>): Promise<TValue> {
  const value = await answer;
  answers.push(value);
  return value;
}

/** A 402 or 400 from the fake, whose intent and payment method are kept too. */
async function refused(answer: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await answer.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof Stripe.errors.StripeError)) throw new Error("expected a Stripe error");
  if (error.payment_intent) answers.push(error.payment_intent);
  if (error.payment_method) answers.push(error.payment_method);
  return error;
}

/** Cards: succeeding (automatic, async and manual capture), declining, blocked, 3D Secure. */
async function cardPayments(customer: string) {
  const visa = await kept(confirmIntent("pm_card_visa", { customer }));
  answers.push(
    await stripe.paymentIntents.retrieve(visa.id, { expand: ["latest_charge", "payment_method"] }),
  );
  await kept(confirmIntent("pm_card_mastercard_debit", { capture_method: "automatic" }));
  const amex = await kept(confirmIntent("pm_card_amex", { capture_method: "manual" }));
  await kept(stripe.paymentIntents.capture(amex.id, { amount_to_capture: 600 }));
  const held = await kept(confirmIntent("pm_card_visa_debit", { capture_method: "manual" }));
  fake.expireAuthorization(held.id);
  const canceled = await kept(confirmIntent("pm_card_visa", { capture_method: "manual" }));
  await kept(stripe.paymentIntents.cancel(canceled.id));
  await refused(confirmIntent("pm_card_chargeDeclinedInsufficientFunds"));
  await refused(confirmIntent("pm_card_radarBlock"));
  const threeDS = await kept(confirmIntent("pm_card_threeDSecure2Required"));
  fake.completeThreeDS(threeDS.id);
  const failedThreeDS = await kept(confirmIntent("pm_card_threeDSecure2Required"));
  fake.failThreeDS(failedThreeDS.id);
  await kept(stripe.paymentIntents.retrieve(failedThreeDS.id));
  const charge = String(visa.latest_charge);
  await kept(stripe.charges.update(charge, { description: "Order 42", metadata: { order: "42" } }));
  await kept(stripe.charges.retrieve(charge));
  await kept(stripe.charges.list({ payment_intent: visa.id }));
  return visa;
}

/** SEPA debits settling and failing, refunds succeeding, pending and failing. */
async function sepaAndRefunds(visa: Stripe.PaymentIntent) {
  const sepa = await kept(confirmIntent("pm_sepa_debit", { currency: "eur" }));
  fake.settleProcessing(sepa.id, "succeeded");
  const failedSepa = await kept(confirmIntent("pm_sepa_debit", { currency: "eur" }));
  fake.settleProcessing(failedSepa.id, "failed");
  await kept(stripe.refunds.create({ payment_intent: visa.id, amount: 300 }));
  const later = await kept(stripe.refunds.create({ payment_intent: visa.id }));
  fake.settleRefund(later.id, "failed");
  const refundFail = await kept(confirmIntent("pm_card_refundFail"));
  const pending = await kept(stripe.refunds.create({ payment_intent: refundFail.id }));
  fake.settleRefund(pending.id, "failed");
  const sepaRefund = await kept(stripe.refunds.create({ payment_intent: sepa.id }));
  fake.settleRefund(sepaRefund.id, "succeeded");
  await kept(stripe.refunds.retrieve(later.id));
  await kept(stripe.refunds.list({ payment_intent: visa.id }));
}

/** Disputes (a chargeback won, an inquiry escalated), fraud warnings and reviews. */
async function disputesAndRisk() {
  await kept(confirmIntent("pm_card_createDispute"));
  const [chargeback] = [...fake.disputes.values()];
  if (chargeback === undefined) throw new Error("no dispute");
  await kept(stripe.disputes.update(chargeback.id, { evidence: { uncategorized_text: "Sent." } }));
  fake.closeDispute(chargeback.id, "won");
  const inquired = await kept(confirmIntent("pm_card_createDisputeInquiry"));
  const inquiry = [...fake.disputes.values()].find(
    (dispute) => dispute.payment_intent === inquired.id,
  );
  if (inquiry === undefined) throw new Error("no inquiry");
  fake.escalateInquiry(inquiry.id);
  await kept(stripe.disputes.close(inquiry.id));
  await kept(stripe.disputes.list());
  await kept(stripe.disputes.retrieve(chargeback.id));
  const risky = await kept(confirmIntent("pm_card_riskLevelElevated"));
  const warned = await kept(confirmIntent("pm_card_visa"));
  fake.raiseEarlyFraudWarning(warned.id);
  const review = fake.openReview(warned.id, "manual");
  fake.closeReview(review.id, "approved");
  await kept(stripe.refunds.create({ payment_intent: risky.id }));
}

/** Customers, saved payment methods and SetupIntents. */
async function customersAndSetups() {
  const customer = await kept(stripe.customers.create({ email: "ada@example.com", name: "Ada" }));
  await kept(stripe.customers.update(customer.id, { phone: "+441234567890" }));
  await kept(stripe.customers.retrieve(customer.id));
  const setup = await kept(
    stripe.setupIntents.create({ customer: customer.id, payment_method: "pm_card_visa" }),
  );
  await kept(stripe.setupIntents.confirm(setup.id));
  await kept(stripe.setupIntents.retrieve(setup.id));
  await kept(
    stripe.setupIntents.create({
      customer: customer.id,
      payment_method: "pm_sepa_debit",
      confirm: true,
    }),
  );
  await kept(stripe.paymentMethods.attach("pm_card_mastercard", { customer: customer.id }));
  await kept(stripe.paymentMethods.list({ customer: customer.id }));
  return customer.id;
}

/** The objects of a list answer, or the answer itself. */
function objectsOf(answer: unknown): unknown[] {
  if (typeof answer === "object" && answer !== null && "data" in answer) {
    const { data } = answer;
    if (Array.isArray(data)) return data;
  }
  return [answer];
}

/** An answer's object, and any object expanded in it (`latest_charge`, `payment_method`). */
function withExpanded(answer: unknown): unknown[] {
  if (typeof answer !== "object" || answer === null) return [answer];
  const expanded = Object.values(answer).filter(
    (value) => typeof value === "object" && value !== null && "object" in value,
  );
  return [answer, ...expanded];
}

describe("every object the fake returns has every field Stripe's SDK types mark always present", () => {
  it("through a scenario of payments, refunds, disputes, risk signals, customers and setups", async () => {
    const customer = await customersAndSetups();
    const visa = await cardPayments(customer);
    await sepaAndRefunds(visa);
    await disputesAndRisk();

    const returned = answers.flatMap(objectsOf).flatMap(withExpanded);
    expect(returned.length).toBeGreaterThan(40);
    expect(returned.flatMap(missingFieldsOfObject)).toEqual([]);

    const kept = [
      ...fake.paymentIntents.values(),
      ...fake.charges.values(),
      ...fake.refunds.values(),
      ...fake.customers.values(),
      ...fake.paymentMethods.values(),
      ...fake.setupIntents.values(),
      ...fake.disputes.values(),
      ...fake.earlyFraudWarnings.values(),
      ...fake.reviews.values(),
    ];
    expect(kept.flatMap(missingFieldsOfObject)).toEqual([]);
    for (const dispute of fake.disputes.values()) {
      for (const transaction of dispute.balance_transactions)
        expect(missingStripeFields(transaction, "BalanceTransaction")).toEqual([]);
    }

    const types = new Set(fake.events.map((event) => event.type));
    expect([...types]).toEqual(
      expect.arrayContaining([
        "charge.succeeded",
        "charge.failed",
        "charge.pending",
        "charge.updated",
        "charge.captured",
        "charge.refunded",
        "charge.expired",
        "refund.failed",
        "charge.dispute.funds_reinstated",
        "radar.early_fraud_warning.created",
        "review.opened",
        "setup_intent.succeeded",
        "customer.created",
      ]),
    );
    expect(fake.events.flatMap(missingFieldsOfEvent)).toEqual([]);
  });
});
