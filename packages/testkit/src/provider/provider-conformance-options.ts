import type { Payment, PaymentModuleService, PaymentSession } from "@tender/core";
import type { PaymentProviderV1, WebhookPayload } from "@tender/provider";

/** What a scenario's hook gets: the provider under test, the service the suite runs, the session. */
export interface ScenarioContext<TProvider extends PaymentProviderV1 = PaymentProviderV1> {
  /** The provider as you made it (not the suite's recording wrapper). */
  provider: TProvider;
  service: PaymentModuleService;
  /** The session as it stands now. */
  session: PaymentSession;
}

/** Session data that leads the provider to one outcome. */
export interface SessionScenario<TProvider extends PaymentProviderV1 = PaymentProviderV1> {
  /** The session's `data` (`createPaymentSession(..., { data })`). */
  data: Record<string, unknown>;
  /**
   * What the customer does once the session is open and before it is
   * authorized, for a provider whose customers approve at its own page
   * first (PayPal's buyer approving the order): called with the new session.
   */
  beforeAuthorize?(context: ScenarioContext<TProvider>): void | Promise<void>;
}

/**
 * The sessions a provider author supplies: what to put in a session's data
 * so the provider authorizes, asks for more, declines or stays processing.
 */
export interface ProviderScenarios<TProvider extends PaymentProviderV1 = PaymentProviderV1> {
  /** A session that authorizes at once (a card that works). */
  authorizes: SessionScenario<TProvider>;
  /** A session that answers `requires_more` (3-D Secure), and how the customer acts on it. */
  requiresMore?: SessionScenario<TProvider> & {
    complete(context: ScenarioContext<TProvider>): void | Promise<void>;
  };
  /**
   * A session the provider declines (a card that is refused). Leave it out
   * only for a provider that never declines (the manual provider).
   */
  declines?: SessionScenario<TProvider>;
  /**
   * A session the provider authorizes for less than it asked (a gift card
   * with a short balance), and the `amount` it authorizes: the payment is
   * that much and the collection `partially_authorized`.
   */
  partiallyAuthorizes?: SessionScenario<TProvider> & { amount: number };
  /**
   * A session that stays `processing` (a bank debit), and how it settles:
   * `settle` makes the provider send the webhook saying so (the suite then
   * delivers what `webhooks.take` gives); a provider without webhooks settles
   * it in `settle` itself (`service.markPaymentSessionPaid`).
   */
  processing?: SessionScenario<TProvider> & {
    settle(context: ScenarioContext<TProvider>): void | Promise<void>;
  };
}

/** Money moved at the provider for one payment, as its own record says. */
export interface ProviderLedger {
  captured: number;
  refunded: number;
}

/** What a ledger hook is asked about: a session and its payment, if it has one. */
export interface LedgerContext<TProvider extends PaymentProviderV1 = PaymentProviderV1> {
  provider: TProvider;
  session: PaymentSession;
  payment: Payment | undefined;
}

/**
 * Options of {@link describeProviderConformance}.
 *
 * @example
 * ```ts
 * const options: ProviderConformanceOptions = {
 *   name: "gift-card",
 *   provider: () => giftCard({ api }),
 *   scenarios: { authorizes: { data: { card: "GC-OK" } }, declines: { data: { card: "GC-EMPTY" } } },
 * };
 * ```
 */
export interface ProviderConformanceOptions<
  TProvider extends PaymentProviderV1 = PaymentProviderV1,
> {
  /** Names the suite (`<name> provider conformance`). */
  name: string;
  /** The provider, or a function that makes a fresh one for each test. */
  provider: TProvider | (() => TProvider);
  scenarios: ProviderScenarios<TProvider>;
  /** The amount of each session, in minor units (default 5000, divisible the way the suite splits it). */
  amount?: number;
  /** The currency of each session (default `usd`). */
  currency_code?: string;
  /**
   * Required when the provider declares `capabilities.webhooks`: the signed
   * webhook requests the provider sent since the last call, each once, in the
   * order sent, exactly as an endpoint would receive them.
   */
  webhooks?: {
    take(context: { provider: TProvider }): WebhookPayload[] | Promise<WebhookPayload[]>;
  };
  /**
   * What moved at the provider for a payment, read from the provider's own
   * record (its API, a fake's state). Without it the suite reads the record
   * through the provider itself: `getPaymentStatus`'s `captured_amount` and
   * `listRefunds`. A `local` provider keeps no record apart from Tender's
   * books, so without this hook the books are its record.
   */
  ledger?: (context: LedgerContext<TProvider>) => ProviderLedger | Promise<ProviderLedger>;
}
