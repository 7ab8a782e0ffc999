import type { PaymentSession } from "@tender/core";
import { describeProviderConformance, type ProviderScenarios } from "@tender/testkit";
import { type StripeProvider, type StripeProviderSettings, stripe } from "../src/index";
import type { WebhookDelivery } from "../src/testing/index";
import { useFakeStripe, WEBHOOK_SECRET } from "./setup-stripe";

// The official SDK talks to the fake Stripe over msw (setupServer with the fake's handlers).
const fake = useFakeStripe();

const provider = (settings: StripeProviderSettings) => () =>
  stripe({
    apiKey: "sk_test_tender",
    webhookSecret: WEBHOOK_SECRET,
    maxNetworkRetries: 2,
    ...settings,
  });

function intentIdOf(session: PaymentSession): string {
  const id = session.data.id;
  if (typeof id !== "string") throw new Error(`Session ${session.id} names no PaymentIntent.`);
  return id;
}

const cards: ProviderScenarios<StripeProvider> = {
  authorizes: { data: { payment_method: "pm_card_visa" } },
  requiresMore: {
    data: { payment_method: "pm_card_threeDSecure2Required" },
    complete: ({ session }) => fake.completeThreeDS(intentIdOf(session)),
  },
  declines: { data: { payment_method: "pm_card_chargeDeclined" } },
};

const hooks = {
  // The events the fake sent since the last call, signed, as Stripe posts them to an endpoint.
  webhooks: {
    take: async () => {
      const sent: WebhookDelivery[] = [];
      await fake.deliver((delivery) => {
        sent.push(delivery);
      });
      return sent;
    },
  },
  // Stripe's own record: what the intent received, and its refunds that were not reversed.
  ledger: ({ session }: { session: PaymentSession }) => {
    const intent = fake.paymentIntents.get(intentIdOf(session));
    const refunds = [...fake.refunds.values()].filter(
      (refund) =>
        refund.payment_intent === intent?.id && ["pending", "succeeded"].includes(refund.status),
    );
    return {
      captured: intent?.amount_received ?? 0,
      refunded: refunds.reduce((sum, refund) => sum + refund.amount, 0),
    };
  },
};

describeProviderConformance({
  name: "stripe (manual capture, multicapture)",
  provider: provider({ multicapture: true }),
  scenarios: cards,
  ...hooks,
});

describeProviderConformance({
  name: "stripe (manual capture, one capture per payment)",
  provider: provider({}),
  scenarios: cards,
  ...hooks,
});

// Stripe takes SEPA Direct Debit with automatic capture only: it stays processing until Stripe's webhook.
describeProviderConformance({
  name: "stripe (automatic capture, cards and SEPA Direct Debit)",
  provider: provider({ capture: "automatic", paymentMethodTypes: ["card", "sepa_debit"] }),
  currency_code: "eur",
  scenarios: {
    ...cards,
    processing: {
      data: { payment_method: "pm_sepa_debit" },
      settle: ({ session }) => fake.settleProcessing(intentIdOf(session), "succeeded"),
    },
  },
  ...hooks,
});
