import { type ScriptedProvider, scriptedProvider } from "@tender/core/testing";
import {
  type ProviderCapabilities,
  ProviderError,
  type ProviderPaymentResult,
  type WebhookPayload,
} from "@tender/provider";
import { type MovedMoney, sumMoved, type TestLedgerEntry } from "./test-ledger";
import { resolveOutcome, type TestOutcome, type TestOutcomeSpec } from "./test-outcome";
import { type TestPaymentState, testPaymentStates } from "./test-payment-state";
import { parseWebhook, signWebhook, type TestWebhookEvent, verifyWebhook } from "./test-webhooks";

export interface TestProviderSettings<TId extends string = "test"> {
  /** The id it registers under; `"test"` unless given. */
  id?: TId;
  /**
   * Named outcomes a session picks with `data: { outcome: "<name>" }`, beside
   * the built-in ones (`authorize`, `decline`, `requires_more`, `processing`,
   * `unknown_failure`).
   */
  outcomes?: Record<string, TestOutcomeSpec>;
  /** The outcome of a session whose data names none (default `authorize`). */
  defaultOutcome?: TestOutcome;
  /** Turn capabilities off or on; by default it has partial and multiple captures, partial refunds and webhooks. */
  capabilities?: Partial<ProviderCapabilities>;
  /** What its webhooks are signed with (default `whsec_testkit`). */
  webhookSecret?: string;
}

/** A provider for application tests: scriptable per session, with a ledger of what it moved. */
export interface TestProvider<TId extends string = string> extends ScriptedProvider<TId> {
  /** Every capture and refund that moved money, once per idempotency key. */
  readonly ledger: readonly TestLedgerEntry[];
  /** What moved at the provider, for a session or a payment (everything without a filter). */
  moved(filter?: { session_id?: string; payment_id?: string }): MovedMoney;
  /** The provider's own record of a session's payment. */
  paymentOf(sessionId: string): Readonly<TestPaymentState>;
  /** The customer did what a `requires_more` session asked; authorize it again. */
  completeAction(sessionId: string): void;
  /** A `processing` session settles at the provider, which sends a signed webhook saying so. */
  settle(sessionId: string, outcome?: "authorized" | "failed"): void;
  /** The signed webhooks sent since the last call, in order, as an endpoint would receive them. */
  takeWebhooks(): WebhookPayload[];
  /** Signs an event as the provider would: for tests of tampered, forged or replayed webhooks. */
  signWebhook(event: TestWebhookEvent): WebhookPayload;
}

/**
 * A provider whose every session chooses what happens to it, for tests of an
 * application's payment flows: `data: { outcome: "decline" }` declines,
 * `"requires_more"` asks for 3-D Secure, `"processing"` waits for a webhook,
 * `"unknown_failure"` loses its first answer, `delay_ms` slows its calls.
 * Captures and refunds are idempotent on their key and recorded in `ledger`,
 * so a test can check that the books equal what the provider moved. It is a
 * `scriptedProvider` of `@tender/core/testing`, so `calls` records what the service asked.
 *
 * @example
 * ```ts
 * const provider = testProvider();
 * const service = createPaymentModuleService({ providers: [provider] });
 * const session = await service.createPaymentSession(collection.id, {
 *   provider_id: "test", currency_code: "usd", amount: 5000, data: { outcome: "decline" },
 * });
 * await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
 *   code: "payment_authorization_failed",
 * });
 * expect(provider.moved({ session_id: session.id })).toEqual({ captured: 0, refunded: 0 });
 * ```
 */
export function testProvider<const TId extends string = "test">(
  settings: TestProviderSettings<TId> = {},
): TestProvider<NoInfer<TId>> {
  // Without an id the default applies, and TId is its default, "test".
  const id = (settings.id ?? "test") as TId;
  const secret = settings.webhookSecret ?? "whsec_testkit";
  const capabilities: ProviderCapabilities = {
    partialCapture: true,
    multipleCaptures: true,
    partialRefund: true,
    webhooks: true,
    accountHolders: false,
    savedPaymentMethods: false,
    automaticCapture: false,
    incrementalAuthorization: false,
    ...settings.capabilities,
  };
  const ledger: TestLedgerEntry[] = [];
  const outbox: WebhookPayload[] = [];
  let events = 0;
  const emit = (
    type: TestWebhookEvent["type"],
    payment: TestPaymentState,
    refund?: TestWebhookEvent["refund"],
  ) => {
    if (!capabilities.webhooks) return;
    events += 1;
    const event = { id: `evt_test_${events}`, type, session_id: payment.session_id };
    outbox.push(signWebhook(secret, refund ? { ...event, refund } : event));
  };
  const states = testPaymentStates(id);
  const moves = (key: string) => ledger.some((entry) => entry.idempotency_key === key);
  const wait = async (payment: TestPaymentState) => {
    const ms = payment.spec.delay_ms ?? 0;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  };
  const refused = (message: string) =>
    new ProviderError({ providerId: id, code: "invalid_request", definite: true, message });

  const answer = (
    payment: TestPaymentState,
    data: Record<string, unknown>,
  ): ProviderPaymentResult => ({
    status: payment.status,
    raw_status: `test_${payment.status}`,
    data: { ...data, test_payment_id: payment.id },
    ...(payment.captured > 0 ? { captured_amount: payment.captured } : {}),
    ...(payment.status === "authorized" || payment.status === "captured"
      ? { authorized_amount: payment.amount }
      : {}),
    ...(payment.status === "requires_more"
      ? {
          next_action: {
            type: "redirect",
            redirect_url: `https://testkit.invalid/act/${payment.id}`,
          },
        }
      : {}),
    ...(payment.status === "error"
      ? {
          error: {
            code: "card_declined",
            message: `Test provider ${id} declined the payment (outcome "${payment.spec.outcome}"). Ask the customer for another payment method.`,
            decline_code: payment.spec.decline_code ?? "generic_decline",
          },
        }
      : {}),
  });

  /** Authorizes (captures, with automatic capture) at the provider: the hold is placed. */
  const authorizeAt = (payment: TestPaymentState, key: string) => {
    const upTo = payment.spec.authorize_up_to;
    if (upTo !== undefined && upTo < payment.amount) payment.amount = upTo;
    if (capabilities.automaticCapture) {
      payment.status = "captured";
      payment.captured = payment.amount;
      if (!moves(key)) {
        const entry = {
          idempotency_key: key,
          kind: "capture" as const,
          session_id: payment.session_id,
        };
        ledger.push({ ...entry, payment_id: "", amount: payment.amount });
      }
    } else payment.status = "authorized";
    emit("payment.authorized", payment);
  };

  const base = scriptedProvider({
    id,
    capabilities,
    initiate: (input) => {
      const spec = resolveOutcome(
        id,
        input.data,
        settings.outcomes ?? {},
        settings.defaultOutcome ?? "authorize",
      );
      return answer(states.open(input, spec), input.data);
    },
    update: async (input) => {
      const payment = states.of(input.data, input.session_id);
      await wait(payment);
      if (payment.status === "pending" || payment.status === "requires_more")
        payment.amount = input.amount;
      return answer(payment, input.data);
    },
    authorize: async (input) => {
      const payment = states.of(input.data, input.session_id);
      await wait(payment);
      // A session authorized, declined or canceled answers where it stands: the key's first answer again.
      if (!["pending", "requires_more", "processing"].includes(payment.status))
        return answer(payment, input.data);
      const outcome = payment.spec.outcome;
      if (outcome === "decline") {
        payment.status = "error";
        emit("payment.failed", payment);
      } else if (outcome === "requires_more" && !payment.acted) payment.status = "requires_more";
      else if (outcome === "processing") payment.status = "processing";
      else authorizeAt(payment, input.idempotency_key);
      if (outcome === "unknown_failure" && !payment.lost) {
        payment.lost = true;
        throw new ProviderError({
          providerId: id,
          code: "provider_unavailable",
          retryable: true,
          message: `Test provider ${id} authorized the payment but its answer was lost (outcome "unknown_failure"); send the same key again.`,
        });
      }
      return answer(payment, input.data);
    },
    capture: async (input) => {
      const payment = states.of(input.data, input.session_id);
      await wait(payment);
      if (!moves(input.idempotency_key)) {
        if (payment.status !== "authorized")
          throw refused(`Test payment ${payment.id} is ${payment.status}: nothing to capture.`);
        if (payment.captured + input.amount > payment.amount) {
          throw refused(
            `Test payment ${payment.id} holds ${payment.amount - payment.captured}; ${input.amount} does not fit.`,
          );
        }
        payment.captured += input.amount;
        if (input.final || payment.captured === payment.amount || !capabilities.multipleCaptures)
          payment.status = "captured";
        ledger.push({
          idempotency_key: input.idempotency_key,
          kind: "capture",
          session_id: payment.session_id,
          payment_id: input.payment_id,
          amount: input.amount,
        });
        emit("payment.captured", payment);
      }
      return { data: { ...input.data } };
    },
    refund: async (input) => {
      const payment = states.of(input.data, input.session_id);
      await wait(payment);
      if (!moves(input.idempotency_key)) {
        const refunded = payment.refunds.reduce((sum, refund) => sum + refund.amount, 0);
        if (refunded + input.amount > payment.captured) {
          throw refused(
            `Test payment ${payment.id} has ${payment.captured - refunded} to refund; ${input.amount} does not fit.`,
          );
        }
        const refund = {
          id: `tpref_${payment.refunds.length + 1}_${payment.id}`,
          refund_id: input.refund_id,
          amount: input.amount,
          status: "succeeded" as const,
        };
        payment.refunds.push(refund);
        ledger.push({
          idempotency_key: input.idempotency_key,
          kind: "refund",
          session_id: payment.session_id,
          payment_id: input.payment_id,
          amount: input.amount,
        });
        emit("refund.updated", payment, { refund_id: input.refund_id, status: "succeeded" });
      }
      return { status: "succeeded", data: { ...input.data } };
    },
    cancel: async (input) => {
      const payment = states.of(input.data, input.session_id);
      await wait(payment);
      if (payment.status === "captured" || payment.captured > 0) {
        throw refused(`Test payment ${payment.id} is captured: refund it instead of canceling.`);
      }
      if (payment.status !== "canceled") {
        payment.status = "canceled";
        emit("payment.canceled", payment);
      }
      return { data: { ...input.data } };
    },
    status: (input) => answer(states.of(input.data, input.session_id), input.data),
    webhook: (rawBody) => parseWebhook(id, rawBody),
  });

  return {
    ...base,
    async deletePayment(input) {
      await base.deletePayment(input);
      const payment = states.of(input.data, input.session_id);
      if (payment.status !== "authorized" && payment.status !== "captured")
        payment.status = "canceled";
      return { data: input.data };
    },
    async listRefunds(input) {
      return states.of(input.data, input.session_id).refunds.map((refund) => ({ ...refund }));
    },
    async getWebhookActionAndData(payload) {
      // Verified here, where the headers are; the scripted provider records the call and maps the body.
      verifyWebhook(id, secret, payload);
      return base.getWebhookActionAndData(payload);
    },
    ledger,
    moved: (filter) => sumMoved(ledger, filter),
    paymentOf: (sessionId) => ({ ...states.bySession(sessionId) }),
    completeAction(sessionId) {
      states.bySession(sessionId).acted = true;
    },
    settle(sessionId, outcome = "authorized") {
      const payment = states.bySession(sessionId);
      if (payment.status !== "processing") {
        throw new Error(
          `Test payment of ${sessionId} is ${payment.status}, not processing: only a processing payment settles.`,
        );
      }
      if (outcome === "authorized") authorizeAt(payment, `${sessionId}:settle`);
      else {
        payment.status = "error";
        emit("payment.failed", payment);
      }
    },
    takeWebhooks: () => outbox.splice(0, outbox.length),
    signWebhook: (event) => signWebhook(secret, event),
  };
}
