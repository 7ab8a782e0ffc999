import type { PaymentSession } from "@tender/core";
import { describeProviderConformance, type ProviderScenarios } from "@tender/testkit";
import { type PayPalProvider, type PayPalProviderSettings, paypal } from "../src/index";
import { FAKE_SETTINGS, orderIdOf, takeDeliveries, useFakePayPal } from "./setup-paypal";

// The official SDK talks to the fake PayPal over msw (setupServer with the fake's handlers).
const fake = useFakePayPal();

const provider = (settings: PayPalProviderSettings) => () =>
  paypal({ ...FAKE_SETTINGS, ...settings });

// The buyer approves at PayPal before the session is authorized, as PayPal Checkout has it.
const approve = ({ session }: { session: PaymentSession }) => fake.approve(orderIdOf(session));

const buyers: ProviderScenarios<PayPalProvider> = {
  authorizes: { data: {}, beforeAuthorize: approve },
  // Authorized before the buyer approved: requires_more with PayPal's approval page.
  requiresMore: { data: {}, complete: approve },
  declines: {
    data: {},
    beforeAuthorize: ({ session }) => fake.approveWithDeclinedInstrument(orderIdOf(session)),
  },
};

const hooks = {
  // The events the fake sent since the last call, signed, as PayPal posts them to an endpoint.
  webhooks: { take: () => takeDeliveries(fake) },
  // PayPal's own ledger for the session's order: captures that completed, refunds that completed.
  ledger: ({ session }: { session: PaymentSession }) => fake.moved(orderIdOf(session)),
};

describeProviderConformance({
  name: "paypal (AUTHORIZE intent, captures in parts)",
  provider: provider({}),
  scenarios: buyers,
  ...hooks,
});

describeProviderConformance({
  name: "paypal (CAPTURE intent, automatic capture)",
  provider: provider({ capture: "automatic" }),
  currency_code: "eur",
  scenarios: {
    ...buyers,
    // A capture PayPal holds for review stays processing until its webhook says it completed.
    processing: {
      data: {},
      beforeAuthorize: ({ session }) => {
        fake.approve(orderIdOf(session));
        fake.pendingCaptures(orderIdOf(session));
      },
      settle: ({ session }) => {
        const capture = fake.order(orderIdOf(session))?.purchase_units[0]?.payments?.captures?.[0];
        if (capture === undefined) throw new Error("PayPal made no capture.");
        fake.settleCapture(capture.id, "COMPLETED");
      },
    },
  },
  ...hooks,
});
