import { testProvider } from "../test-provider/test-provider";
import { describeProviderConformance } from "./describe-provider-conformance";

// The test provider an application tests against is a conforming provider: what passes against it holds for real ones.
for (const [name, settings] of [
  ["test", {}],
  [
    "test (one capture per payment, full refunds only)",
    { capabilities: { multipleCaptures: false, partialRefund: false } },
  ],
  ["test (automatic capture)", { capabilities: { automaticCapture: true } }],
] as const) {
  describeProviderConformance({
    name,
    provider: () => testProvider(settings),
    scenarios: {
      authorizes: { data: {} },
      requiresMore: {
        data: { outcome: "requires_more" },
        complete: ({ provider, session }) => provider.completeAction(session.id),
      },
      declines: { data: { outcome: "decline" } },
      partiallyAuthorizes: { data: { authorize_up_to: 2000 }, amount: 2000 },
      processing: {
        data: { outcome: "processing" },
        settle: ({ provider, session }) => provider.settle(session.id),
      },
    },
    webhooks: { take: ({ provider }) => provider.takeWebhooks() },
    ledger: ({ provider, session }) => provider.moved({ session_id: session.id }),
  });
}

// A provider whose customers approve at its own page before authorization (as PayPal's buyers do).
describeProviderConformance({
  name: "test (the customer approves first)",
  provider: () => testProvider(),
  scenarios: {
    authorizes: {
      data: { outcome: "requires_more" },
      beforeAuthorize: ({ provider, session }) => provider.completeAction(session.id),
    },
    declines: { data: { outcome: "decline" } },
  },
  webhooks: { take: ({ provider }) => provider.takeWebhooks() },
  ledger: ({ provider, session }) => provider.moved({ session_id: session.id }),
});
