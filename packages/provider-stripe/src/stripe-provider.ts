import {
  type PaymentProviderV1,
  type ProviderDispute,
  type ProviderPaymentResult,
  type ProviderRefund,
  TenderError,
} from "@tender/core";
import Stripe from "stripe";
import { type StripeIntentView, toProviderResult, viewIntent } from "./map-stripe-status";
import { stripeAccountHolders } from "./stripe-account-holders";
import { lazyStripeClient, webhookSecrets } from "./stripe-client";
import { fromStripeAmount, toStripeAmount } from "./stripe-currency";
import { disputesAtStripe, toProviderDispute } from "./stripe-disputes";
import { refusedBeforeSending, toProviderError } from "./stripe-error";
import { stripeIncrementAuthorization } from "./stripe-increment-authorization";
import { dataOf, intentIdOf, mustView, stringField, userFields } from "./stripe-intent-data";
import {
  keyAnsweredForGood,
  nothingMoved,
  refundStatusOf,
  refundsAtStripe,
  stripeMoneyMovements,
} from "./stripe-money-movements";
import { readStripeWebhook } from "./stripe-webhook";

/** Payment-method families Stripe offers through PaymentIntents; any other Stripe type string works too. */
export type StripePaymentMethodType =
  | "card"
  | "ideal"
  | "bancontact"
  | "sepa_debit"
  | "p24"
  | "blik"
  | "oxxo"
  | "promptpay"
  | "klarna"
  | "eps"
  | "giropay"
  | "sofort"
  | "us_bank_account"
  | (string & {});

export interface StripeProviderSettings<TId extends string = "stripe"> {
  /** The id the provider registers under; `"stripe"` unless given. */
  id?: TId;
  /** Secret key; loaded lazily from STRIPE_API_KEY when not given. */
  apiKey?: string;
  /** Endpoint signing secret(s), several while one rotates; STRIPE_WEBHOOK_SECRET when not given. */
  webhookSecret?: string | readonly string[];
  /** `"manual"` (the default): authorize, then capture. `"automatic"`: Stripe captures as it authorizes. */
  capture?: "automatic" | "manual";
  /** Ask for several partial captures per authorization (Stripe multicapture, card only). */
  multicapture?: boolean;
  /**
   * Ask for incremental authorization on card payments
   * (`request_incremental_authorization: "if_available"`), so
   * `incrementAuthorization` can raise a hold before capture. Manual capture
   * only; Stripe offers it on IC+ pricing, for the card brands and merchant
   * categories it lists. Declares `capabilities.incrementalAuthorization`.
   */
  incrementalAuthorization?: boolean;
  /**
   * Ask for an extended hold where the card allows it
   * (`request_extended_authorization: "if_available"`): up to 30 days
   * instead of 7. The payment's `capture_before` is always Stripe's own
   * deadline for the charge, never assumed. Manual capture only.
   */
  extendedAuthorization?: boolean;
  paymentDescription?: string;
  /** The payment-method families offered, e.g. `["card", "ideal", "sepa_debit"]`. */
  paymentMethodTypes?: readonly StripePaymentMethodType[];
  /** Let Stripe pick the methods enabled in the Dashboard (ignored when paymentMethodTypes is set). */
  automaticPaymentMethods?: boolean;
  /** A ready Stripe instance (its own key, API version, transport). */
  client?: Stripe;
  /** The fetch the Stripe SDK uses: intercept it in tests, or add a proxy. */
  fetch?: typeof fetch;
  /** Retries the SDK makes on network errors, 409, 429 and 5xx, with the same idempotency key. Default 2. */
  maxNetworkRetries?: number;
  /**
   * Milliseconds before the SDK gives up on an answer (Stripe's default is 80 s).
   * A request that timed out may have been applied: its row stays pending until
   * the same key, sent again by reconcile, gets Stripe's stored answer.
   */
  timeoutMs?: number;
  /**
   * Where the SDK sends requests, `https://api.stripe.com` unless given: a
   * fake or mock Stripe served over HTTP (`http://127.0.0.1:12111`), or a proxy.
   */
  apiBase?: string;
  /** Webhook timestamp tolerance in seconds; default 300. */
  webhookToleranceSeconds?: number;
}

/** What a session created with this provider may carry in `data`. */
export type StripeSessionData = {
  /** A PaymentMethod id (`pm_...`): the provider confirms the intent server-side with it. */
  payment_method?: string;
  /** Where Stripe sends the customer back after a redirect (3DS, bank methods). */
  return_url?: string;
  setup_future_usage?: "on_session" | "off_session";
  /**
   * Charge a saved card without the customer (`off_session: true` at
   * confirm; a subscription renewal, a no-show fee): needs the account
   * holder's customer and a saved `payment_method`. A card whose bank wants
   * the customer to authenticate is declined with `authentication_required`:
   * bring the customer back on session to pay.
   */
  off_session?: boolean;
  /**
   * Ask for 3D Secure beyond Stripe's own rules: `"any"` (whenever the card
   * supports it) or `"challenge"` (a challenge, not frictionless);
   * `"automatic"` (the default) leaves it to Stripe and Radar.
   */
  request_three_d_secure?: "automatic" | "any" | "challenge";
  /** How a cancel is reported to Stripe. */
  cancellation_reason?: "duplicate" | "fraudulent" | "requested_by_customer" | "abandoned";
};

/** The customer's next step on a Stripe session. */
export type StripeNextAction =
  | { type: "redirect_to_url"; redirect_url: string }
  | { type: "use_stripe_sdk"; client_secret: string }
  | { type: string; client_secret?: string; redirect_url?: string };

export interface StripeProvider<TId extends string = "stripe">
  extends PaymentProviderV1<TId, StripeSessionData, StripeNextAction> {
  /** The Stripe client (made on first use). */
  readonly client: () => Stripe;
  /** The intent as Stripe has it now, in the payment's data; reconcile refreshes a payment with it. */
  retrievePayment: NonNullable<PaymentProviderV1["retrievePayment"]>;
  /** Stripe's `increment_authorization` (used when `incrementalAuthorization` is set). */
  incrementAuthorization: NonNullable<PaymentProviderV1["incrementAuthorization"]>;
}

/**
 * The Stripe provider, on PaymentIntents and the official `stripe` SDK.
 *
 * @example
 * ```ts
 * const service = createPaymentModuleService({
 *   providers: [stripe({ capture: "manual", paymentMethodTypes: ["card", "sepa_debit"] })],
 * });
 * const session = await service.createPaymentSession(collection.id, {
 *   provider_id: "stripe", currency_code: "eur", amount: 5000,
 *   data: { payment_method: "pm_card_visa", return_url: "https://shop.example/return" },
 * });
 * ```
 */
export function stripe<const TId extends string = "stripe">(
  settings: StripeProviderSettings<TId> = {},
): StripeProvider<NoInfer<TId>> {
  // Without an id the default applies, and TId is its default, "stripe".
  const id = (settings.id ?? "stripe") as TId;
  const client = lazyStripeClient(settings);
  const fail = (error: unknown, key?: string) => toProviderError(error, id, key);
  const call = async <T>(key: string | undefined, work: (s: Stripe) => Promise<T>): Promise<T> => {
    try {
      return await work(client());
    } catch (error) {
      if (TenderError.isInstance(error) && !(error instanceof Stripe.errors.StripeError))
        throw error;
      throw fail(error, key);
    }
  };
  const retrieve = (intentId: string) =>
    call(undefined, async (s) =>
      mustView(await s.paymentIntents.retrieve(intentId, { expand: ["latest_charge"] }), id),
    );
  const multicapture = settings.multicapture === true;
  const incremental = settings.incrementalAuthorization === true;
  const extended = settings.extendedAuthorization === true;
  for (const [setting, on] of [
    ["incrementalAuthorization", incremental],
    ["extendedAuthorization", extended],
    ["multicapture", multicapture],
  ] as const) {
    if (on && settings.capture === "automatic") {
      throw new TenderError({
        code: "configuration",
        message: `stripe({ ${setting}: true }) works on holds, and capture: "automatic" captures at once; leave capture as "manual" (the default) or drop ${setting}.`,
      });
    }
  }
  const cardOptions = (
    data: Record<string, unknown>,
  ): Stripe.PaymentIntentCreateParams.PaymentMethodOptions.Card => {
    const threeDSecure = stringField(data, "request_three_d_secure");
    return {
      ...(multicapture ? { request_multicapture: "if_available" } : {}),
      ...(incremental ? { request_incremental_authorization: "if_available" } : {}),
      ...(extended ? { request_extended_authorization: "if_available" } : {}),
      ...(threeDSecure === "any" || threeDSecure === "challenge" || threeDSecure === "automatic"
        ? { request_three_d_secure: threeDSecure }
        : {}),
    };
  };
  const withCardOptions = (data: Record<string, unknown>) => {
    const card = cardOptions(data);
    return Object.keys(card).length > 0 ? { payment_method_options: { card } } : {};
  };

  return refusingUnsent(id, {
    specificationVersion: "v1",
    id,
    client,
    capabilities: {
      partialCapture: true,
      multipleCaptures: multicapture,
      partialRefund: true,
      webhooks: true,
      accountHolders: true,
      savedPaymentMethods: true,
      automaticCapture: settings.capture === "automatic",
      incrementalAuthorization: incremental,
    },

    async initiatePayment(input) {
      const amount = toStripeAmount(input.amount, input.currency_code, { charge: true });
      const paymentMethod = stringField(input.data, "payment_method");
      const futureUsage = stringField(input.data, "setup_future_usage");
      const customer = input.context.account_holder?.external_id;
      const params: Stripe.PaymentIntentCreateParams = {
        amount,
        currency: input.currency_code,
        capture_method: settings.capture === "automatic" ? "automatic" : "manual",
        metadata: { session_id: input.session_id },
        ...(settings.paymentDescription ? { description: settings.paymentDescription } : {}),
        ...(settings.paymentMethodTypes
          ? { payment_method_types: [...settings.paymentMethodTypes] }
          : settings.automaticPaymentMethods
            ? { automatic_payment_methods: { enabled: true } }
            : {}),
        ...withCardOptions(input.data),
        ...(customer ? { customer } : {}),
        ...(paymentMethod ? { payment_method: paymentMethod } : {}),
        ...(futureUsage === "on_session" || futureUsage === "off_session"
          ? { setup_future_usage: futureUsage }
          : {}),
      };
      const api = client();
      try {
        const intent = await api.paymentIntents.create(params, {
          idempotencyKey: input.idempotency_key,
        });
        return toProviderResult(mustView(intent, id), userFields(input.data));
      } catch (error) {
        const providerError = fail(error, input.idempotency_key);
        // A stored 5xx replays for this key, and a key first sent with other parameters (the
        // provider's settings changed before reconcile sent it again) is refused for ever. An
        // intent that may have been made anyway holds no money (nothing confirmed it, and its
        // client secret never left this call), so the next attempt may make another.
        if (keyAnsweredForGood(providerError)) {
          throw nothingMoved(providerError, id, `the PaymentIntent for ${input.session_id}`);
        }
        throw providerError;
      }
    },

    async updatePayment(input) {
      const intentId = intentIdOf(input.data, id);
      const amount = toStripeAmount(input.amount, input.currency_code, { charge: true });
      const paymentMethod = stringField(input.data, "payment_method");
      const current = await retrieve(intentId);
      if (
        !["requires_payment_method", "requires_confirmation", "requires_action"].includes(
          current.status,
        )
      ) {
        return toProviderResult(current, userFields(input.data));
      }
      const api = client();
      try {
        const intent = await api.paymentIntents.update(
          intentId,
          {
            amount,
            currency: input.currency_code,
            ...(paymentMethod ? { payment_method: paymentMethod } : {}),
          },
          { idempotencyKey: input.idempotency_key },
        );
        return toProviderResult(mustView(intent, id), userFields(input.data));
      } catch (error) {
        const providerError = fail(error, input.idempotency_key);
        if (!keyAnsweredForGood(providerError)) throw providerError;
        // A stored 5xx replays for this key: the intent says whether the update happened.
        const after = await retrieve(intentId);
        const applied =
          after.amount === input.amount &&
          after.currency === input.currency_code &&
          (!paymentMethod || after.payment_method === paymentMethod);
        if (applied) return toProviderResult(after, userFields(input.data));
        throw nothingMoved(providerError, id, `the update of ${intentId}`);
      }
    },

    async authorizePayment(input) {
      const intentId = intentIdOf(input.data, id);
      const current = await retrieve(intentId);
      const paymentMethod = stringField(input.data, "payment_method") ?? current.payment_method;
      // Confirm a fresh intent, or one whose payment method the customer changed
      // (updatePaymentSession). After a failed attempt, report the failure:
      // confirming the same method again would charge or challenge it again.
      const fresh =
        current.status === "requires_payment_method" && current.last_payment_error === null;
      const needsConfirmation = current.status === "requires_confirmation" || fresh;
      if (!needsConfirmation || !paymentMethod) {
        // Confirmed in the browser by Stripe.js, or waiting on the customer: report where it stands.
        return toProviderResult(current, userFields(input.data));
      }
      const returnUrl =
        stringField(input.context, "return_url") ?? stringField(input.data, "return_url");
      // Off session the customer is away: no redirect can bring them back, so none is sent.
      const offSession = input.data.off_session === true;
      const api = client();
      try {
        const confirmed = await api.paymentIntents.confirm(
          intentId,
          {
            payment_method: paymentMethod,
            expand: ["latest_charge"],
            ...withCardOptions(input.data),
            ...(offSession ? { off_session: true } : returnUrl ? { return_url: returnUrl } : {}),
          },
          { idempotencyKey: input.idempotency_key },
        );
        return toProviderResult(mustView(confirmed, id), userFields(input.data));
      } catch (error) {
        // A decline is an answer about the session, not a fault: Stripe returns the failed intent with it.
        if (error instanceof Stripe.errors.StripeCardError) {
          const failed = viewIntent(error.payment_intent);
          if (failed) return declined(failed, error, input.data);
        }
        const providerError = fail(error, input.idempotency_key);
        if (!keyAnsweredForGood(providerError)) throw providerError;
        // Stripe replays a stored 5xx for this key: the intent says whether the confirm happened.
        const after = await retrieve(intentId);
        const untouched =
          after.status === "requires_confirmation" ||
          (after.status === "requires_payment_method" && after.last_payment_error === null);
        if (untouched) throw nothingMoved(providerError, id, `the confirm of ${intentId}`);
        return toProviderResult(after, userFields(input.data));
      }
    },

    ...stripeMoneyMovements({ id, client, call, retrieve, multicapture }),

    incrementAuthorization: stripeIncrementAuthorization({ id, client, retrieve }),

    async retrievePayment(input) {
      return { data: { ...input.data, ...dataOf(await retrieve(intentIdOf(input.data, id))) } };
    },

    async getPaymentStatus(input): Promise<ProviderPaymentResult> {
      return toProviderResult(await retrieve(intentIdOf(input.data, id)), userFields(input.data));
    },

    async listDisputes(input): Promise<ProviderDispute[]> {
      const disputes = await disputesAtStripe(call, intentIdOf(input.data, id));
      return disputes.map((dispute) => toProviderDispute(id, dispute));
    },

    async listRefunds(input): Promise<ProviderRefund[]> {
      const refunds = await refundsAtStripe(call, intentIdOf(input.data, id));
      return refunds.map((refund) => ({
        id: refund.id,
        amount: fromStripeAmount(refund.amount, refund.currency),
        status: refundStatusOf(refund.status),
        refund_id: refund.metadata?.tender_refund_id ?? null,
      }));
    },

    async getWebhookActionAndData(payload) {
      const secrets = webhookSecrets(settings.webhookSecret);
      const { read_intent, ...meaning } = readStripeWebhook(
        client(),
        id,
        payload,
        secrets,
        settings.webhookToleranceSeconds ?? 300,
      );
      if (read_intent === undefined) return meaning;
      // A charge's event, or a refund made in the Dashboard: its intent says whether the session is Tender's.
      const intent = await retrieve(read_intent.id);
      if (!intent.session_id) return meaning;
      return {
        action: read_intent.action,
        ...(meaning.event_id ? { event_id: meaning.event_id } : {}),
        data: {
          session_id: intent.session_id,
          raw_status: intent.status,
          ...(read_intent.risk ? { risk: read_intent.risk } : {}),
        },
      };
    },

    ...stripeAccountHolders(id, call),
  });
}

const MONEY_METHODS = [
  "initiatePayment",
  "updatePayment",
  "authorizePayment",
  "incrementAuthorization",
  "capturePayment",
  "refundPayment",
  "cancelPayment",
  "deletePayment",
] as const;

/**
 * Our own checks refuse a request before anything reaches Stripe (an amount
 * Stripe cannot take, a missing API key, a session without an intent): that
 * refusal is definite, nothing moved, and the core may mark the row failed.
 * Anything Stripe itself answered is classified by toProviderError.
 */
function refusingUnsent<TProvider extends Pick<PaymentProviderV1, (typeof MONEY_METHODS)[number]>>(
  id: string,
  provider: TProvider,
): TProvider {
  for (const name of MONEY_METHODS) {
    const found: ((input: never) => Promise<unknown>) | undefined = provider[name];
    if (found === undefined) continue;
    const method = found.bind(provider);
    Object.assign(provider, {
      [name]: async (input: never) => {
        try {
          return await method(input);
        } catch (error) {
          throw refusedBeforeSending(error, id);
        }
      },
    });
  }
  return provider;
}

function declined(
  intent: StripeIntentView,
  error: InstanceType<typeof Stripe.errors.StripeCardError>,
  data: Record<string, unknown>,
): ProviderPaymentResult {
  const result = toProviderResult(intent, userFields(data));
  return {
    ...result,
    status: "error",
    error: result.error ?? {
      code: error.code ?? "card_declined",
      message: error.message,
      ...(error.decline_code ? { decline_code: error.decline_code } : {}),
    },
  };
}
