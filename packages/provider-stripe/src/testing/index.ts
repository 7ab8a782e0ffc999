export type {
  FakeCardChecks,
  FakeChargeCardFields,
  FakeChargeSepaDebit,
  FakePaymentMethodCard,
  FakePaymentMethodSepaDebit,
} from "./card-details";
export type { FakeChargeOutcome } from "./charge-outcome";
export { answerControl, CONTROL_PREFIX, type ControlRequest } from "./control-routes";
export type { DeliverOptions, WebhookDelivery, WebhookTarget } from "./deliver-events";
export {
  DISPUTE_FEE_MAJOR_UNITS,
  type FakeFeeDetail,
} from "./dispute-balance";
export {
  type CreateDisputeOptions,
  DISPUTE_REASONS,
  type DisputeEvidenceField,
  type DisputeReason,
  type DisputeStatus,
  EVIDENCE_DUE_SECONDS,
  type FakeBalanceTransaction,
  type FakeDispute,
  type FakeDisputeEvidence,
} from "./disputes";
export type {
  CancellationReason,
  CaptureMethod,
  FakeCardDetails,
  FakeCardPaymentMethodOptions,
  FakeCharge,
  FakeCustomer,
  FakeNextAction,
  FakePaymentError,
  FakePaymentIntent,
  FakePaymentMethod,
  FakePaymentMethodDetails,
  FakeRefund,
  FakeSetupIntent,
  FakeThreeDSecure,
  PaymentIntentStatus,
  RefundStatus,
  StripeEventLike,
} from "./fake-objects";
export {
  createFakeStripe,
  DEFAULT_WEBHOOK_SECRET,
  type FakeStripe,
  type FakeStripeOptions,
} from "./fake-stripe";
export type { RecordedRequest } from "./fake-stripe-state";
export type { FakeFault, FaultMatch } from "./faults";
export { type FormObject, type FormValue, parseFormBody } from "./form-body";
export type { FakeAddress, FakeBillingDetails } from "./object-defaults";
export type {
  FakeEarlyFraudWarning,
  FakeReview,
  FraudType,
  ReviewClosedReason,
} from "./risk-signals";
export {
  type HttpFakeRequest,
  type HttpFakeStripe,
  type ServeOverHttpOptions,
  serveOverHttp,
} from "./serve-over-http";
export {
  TEST_PAYMENT_METHODS,
  type TestChargeOutcome,
  type TestPaymentMethod,
} from "./test-payment-methods";
export { signWebhookPayload } from "./webhook-signature";
