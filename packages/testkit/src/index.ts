/**
 * `@tender/testkit`: the conformance suites every Tender provider and store
 * must pass, a scriptable provider for application tests, and record
 * builders. Runs under vitest (a peer dependency).
 *
 * @packageDocumentation
 */
export { describeProviderConformance } from "./provider/describe-provider-conformance";
export type {
  LedgerContext,
  ProviderConformanceOptions,
  ProviderLedger,
  ProviderScenarios,
  ScenarioContext,
  SessionScenario,
} from "./provider/provider-conformance-options";
export {
  AT,
  at,
  captureRecord,
  collectionRecord,
  outboxRecord,
  paidCollection,
  paymentRecord,
  refundRecord,
  sessionRecord,
  webhookEventRecord,
} from "./records/record-builders";
export {
  type ConformanceStore,
  describeStoreConformance,
  type MakeStore,
} from "./store/describe-store-conformance";
export { gate, pause } from "./store/gate";
export type { MovedMoney, TestLedgerEntry } from "./test-provider/test-ledger";
export {
  TEST_OUTCOMES,
  type TestOutcome,
  type TestOutcomeSpec,
} from "./test-provider/test-outcome";
export type { TestPaymentState } from "./test-provider/test-payment-state";
export {
  type TestProvider,
  type TestProviderSettings,
  testProvider,
} from "./test-provider/test-provider";
export { TEST_SIGNATURE_HEADER, type TestWebhookEvent } from "./test-provider/test-webhooks";
