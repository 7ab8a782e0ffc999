// The accept-payment flow as a user runs it from the packages installed from
// their tarballs. Each scenario takes the modules it needs as arguments, so
// run.mjs (ESM `import`) and run.cjs (CommonJS `require`) run the same flow
// against the build each module format loads.
"use strict";

function expectEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** collection -> session -> authorize -> partial capture -> capture the rest -> partial refund. */
async function serviceFlow(service, providerId, sessionData) {
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount: 5000 });
  const session = await service.createPaymentSession(collection.id, {
    provider_id: providerId,
    currency_code: "usd",
    amount: 5000,
    data: sessionData,
  });
  const payment = await service.authorizePaymentSession(session.id);
  expectEqual(payment.amount, 5000, "authorized amount");
  await service.capturePayment({ payment_id: payment.id });
  await service.refundPayment({ payment_id: payment.id, amount: 1500 });
  const after = await service.retrievePayment(payment.id);
  expectEqual(after.captured_amount, 5000, "captured amount");
  expectEqual(after.refunded_amount, 1500, "refunded amount");
  expectEqual(after.status, "partially_refunded", "payment status");
  return after;
}

async function manualFlow({ core, manual }) {
  const service = core.createPaymentModuleService({ providers: [manual.manual()] });
  try {
    await serviceFlow(service, "manual", {});
    expectEqual(core.formatAmount(5000, "usd"), "$50.00", "formatAmount");
    const refused = await service.capturePayment({ payment_id: "pay_missing" }).catch((e) => e);
    expectEqual(core.TenderError.isInstance(refused), true, "a TenderError from the core");
  } finally {
    await service.close();
  }
}

async function clientFlow({ client, manual }) {
  const tender = client.createTender({ providers: [manual.manual()] });
  try {
    const checkout = await tender.collections.create({
      currency: "usd",
      amount: client.money("50.00", "usd"),
    });
    const outcome = await (await checkout.sessions.create("manual")).authorize();
    expectEqual(outcome.status, "authorized", "client outcome");
    const partly = await outcome.payment.capture({ amount: 3000 });
    const whole = await partly.capture();
    expectEqual(whole.captured, 5000, "client captured");
    const refunded = await whole.refund({ amount: 1500 });
    expectEqual(refunded.refunded, 1500, "client refunded");
    expectEqual(refunded.status, "partially_refunded", "client payment status");
  } finally {
    await tender.service.close();
  }
}

async function pgliteFlow({ core, manual, pglite }) {
  const store = pglite.pgliteStore();
  const service = core.createPaymentModuleService({ providers: [manual.manual()], store });
  try {
    await serviceFlow(service, "manual", {});
  } finally {
    await service.close();
    await store.close();
  }
}

async function stripeFlow({ core, stripe, stripeTesting, mswNode }) {
  const fake = stripeTesting.createFakeStripe({ webhookSecret: "whsec_packages_check" });
  const server = mswNode.setupServer(...fake.handlers);
  server.listen({ onUnhandledRequest: "error" });
  const provider = stripe.stripe({
    apiKey: "sk_test_packages_check",
    webhookSecret: "whsec_packages_check",
  });
  const service = core.createPaymentModuleService({ providers: [provider] });
  try {
    await serviceFlow(service, "stripe", { payment_method: "pm_card_visa" });
    const [intent] = [...fake.paymentIntents.values()];
    expectEqual(intent.amount_received, 5000, "the fake Stripe's captured amount");
  } finally {
    await service.close();
    server.close();
  }
}

module.exports = { manualFlow, clientFlow, pgliteFlow, stripeFlow };
