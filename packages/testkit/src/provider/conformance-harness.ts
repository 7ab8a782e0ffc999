import {
  createPaymentModuleService,
  memoryStore,
  type Payment,
  type PaymentModuleService,
  type PaymentSession,
} from "@tender/core";
import type { PaymentProviderV1, WebhookPayload } from "@tender/provider";
import { afterEach, beforeEach, expect } from "vitest";
import type { ProviderConformanceOptions, SessionScenario } from "./provider-conformance-options";
import { type RecordingProvider, recordingProvider } from "./recording-provider";

/** What one test of the suite works with: the provider, its recorder, a service over a memory store. */
export interface Harness<TProvider extends PaymentProviderV1> {
  raw: TProvider;
  recorder: RecordingProvider<TProvider>;
  /** The provider as the suite calls it directly: recorded and checked. */
  provider: TProvider;
  service: PaymentModuleService;
  amount: number;
  currency_code: string;
  /** A collection of `amount` and a session of the scenario's data. */
  open(scenario: SessionScenario<TProvider>): Promise<PaymentSession>;
  /** A session of the authorizing scenario, authorized. */
  authorized(): Promise<{ session: PaymentSession; payment: Payment }>;
  /** What moved at the provider for the session's payment; undefined where its record does not say. */
  moved(sessionId: string): Promise<{ captured: number | undefined; refunded: number | undefined }>;
  /** The webhooks the provider sent since the last call. */
  takeWebhooks(): Promise<WebhookPayload[]>;
  paymentOf(sessionId: string): Promise<Payment | undefined>;
}

/** A fresh harness for each test of the enclosing describe; afterwards, no answer may have broken the contract. */
export function useHarness<TProvider extends PaymentProviderV1>(
  options: ProviderConformanceOptions<TProvider>,
): () => Harness<TProvider> {
  let current: Harness<TProvider> | undefined;
  beforeEach(() => {
    current = makeHarness(options);
  });
  afterEach(async () => {
    const harness = current;
    current = undefined;
    await harness?.service.close();
    const violations = harness?.recorder.violations.map((error) => error.message) ?? [];
    expect(violations, "every answer keeps the provider contract").toEqual([]);
  });
  return () => {
    if (!current) throw new Error("The harness is made in beforeEach; use it inside a test.");
    return current;
  };
}

function makeHarness<TProvider extends PaymentProviderV1>(
  options: ProviderConformanceOptions<TProvider>,
): Harness<TProvider> {
  const raw = typeof options.provider === "function" ? options.provider() : options.provider;
  const recorder = recordingProvider(raw);
  const service = createPaymentModuleService({
    providers: [recorder.provider],
    store: memoryStore(),
  });
  const amount = options.amount ?? 5000;
  const currency_code = options.currency_code ?? "usd";
  const paymentOf = async (sessionId: string) =>
    (await service.listPayments({ payment_session_id: sessionId }))[0];

  const harness: Harness<TProvider> = {
    raw,
    recorder,
    provider: recorder.provider,
    service,
    amount,
    currency_code,
    async open(scenario) {
      const collection = await service.createPaymentCollections({ currency_code, amount });
      const session = await service.createPaymentSession(collection.id, {
        provider_id: raw.id,
        currency_code,
        amount,
        data: scenario.data,
      });
      if (!scenario.beforeAuthorize) return session;
      await scenario.beforeAuthorize({ provider: raw, service, session });
      return service.retrievePaymentSession(session.id);
    },
    async authorized() {
      const session = await harness.open(options.scenarios.authorizes);
      const payment = await service.authorizePaymentSession(session.id);
      return { session: await service.retrievePaymentSession(session.id), payment };
    },
    async moved(sessionId) {
      const session = await service.retrievePaymentSession(sessionId);
      const payment = await paymentOf(sessionId);
      if (options.ledger) return options.ledger({ provider: raw, session, payment });
      if (raw.capabilities.local) {
        // A local provider's record is Tender's books: there is nothing else to compare with.
        return { captured: payment?.captured_amount ?? 0, refunded: payment?.refunded_amount ?? 0 };
      }
      return readProviderRecord(harness.provider, session, payment);
    },
    async takeWebhooks() {
      if (!options.webhooks) {
        throw new Error(
          `${raw.id} declares capabilities.webhooks: give describeProviderConformance a \`webhooks.take\` that returns the webhooks it sent.`,
        );
      }
      return options.webhooks.take({ provider: raw });
    },
    paymentOf,
  };
  return harness;
}

/**
 * The provider's own record, through the provider: what `getPaymentStatus`
 * says it captured (`captured_amount`, or the whole amount when `captured`,
 * nothing before authorization or after a release), what `listRefunds` lists.
 * An authorized payment without `captured_amount` does not say.
 */
async function readProviderRecord(
  provider: PaymentProviderV1,
  session: PaymentSession,
  payment: Payment | undefined,
): Promise<{ captured: number | undefined; refunded: number | undefined }> {
  const status = await provider.getPaymentStatus({ session_id: session.id, data: session.data });
  const captured =
    status.captured_amount ??
    (status.status === "captured"
      ? (payment?.amount ?? session.amount)
      : status.status === "authorized"
        ? undefined
        : 0);
  if (!provider.listRefunds) return { captured, refunded: undefined };
  const refunds = await provider.listRefunds({
    session_id: session.id,
    data: payment?.data ?? session.data,
  });
  const refunded = refunds
    .filter((refund) => refund.status !== "failed")
    .reduce((sum, refund) => sum + refund.amount, 0);
  return { captured, refunded };
}
