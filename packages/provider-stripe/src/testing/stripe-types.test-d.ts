import type Stripe from "stripe";
import { expectTypeOf, test } from "vitest";
import type { FakeBalanceTransaction, FakeDispute } from "./disputes";
import type {
  FakeCharge,
  FakeCustomer,
  FakePaymentIntent,
  FakePaymentMethod,
  FakeRefund,
  FakeSetupIntent,
} from "./fake-objects";
import type { FakeEarlyFraudWarning, FakeReview } from "./risk-signals";

/*
 * The fake's objects type-check as the SDK's: a field the SDK requires that
 * the fake lacks, or a value of the wrong type, fails to compile here.
 */

test("every object the fake keeps is assignable to the SDK type it stands for", () => {
  expectTypeOf<FakePaymentIntent>().toExtend<Stripe.PaymentIntent>();
  expectTypeOf<FakeCharge>().toExtend<Stripe.Charge>();
  expectTypeOf<FakeRefund>().toExtend<Stripe.Refund>();
  expectTypeOf<FakePaymentMethod>().toExtend<Stripe.PaymentMethod>();
  expectTypeOf<FakeCustomer>().toExtend<Stripe.Customer>();
  expectTypeOf<FakeSetupIntent>().toExtend<Stripe.SetupIntent>();
  expectTypeOf<FakeDispute>().toExtend<Stripe.Dispute>();
  expectTypeOf<FakeBalanceTransaction>().toExtend<Stripe.BalanceTransaction>();
  expectTypeOf<FakeEarlyFraudWarning>().toExtend<Stripe.Radar.EarlyFraudWarning>();
  expectTypeOf<FakeReview>().toExtend<Stripe.Review>();
});

test("the nested card and outcome details are the SDK's", () => {
  type ChargeCard = Extract<FakeCharge["payment_method_details"], { type: "card" }>["card"];
  type MethodCard = Extract<FakePaymentMethod, { type: "card" }>["card"];
  expectTypeOf<ChargeCard>().toExtend<Stripe.Charge.PaymentMethodDetails.Card>();
  expectTypeOf<MethodCard>().toExtend<Stripe.PaymentMethod.Card>();
  expectTypeOf<FakeCharge["outcome"]>().toExtend<Stripe.Charge.Outcome>();
});
