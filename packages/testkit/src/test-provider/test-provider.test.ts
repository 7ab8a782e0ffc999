import { createPaymentModuleService, TenderError } from "@tender/core";
import { describe, expect, it } from "vitest";
import { testProvider } from "./test-provider";
import { TEST_SIGNATURE_HEADER } from "./test-webhooks";

async function open(
  outcome: Record<string, unknown>,
  settings: Parameters<typeof testProvider>[0] = {},
) {
  const provider = testProvider(settings);
  const service = createPaymentModuleService({ providers: [provider] });
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount: 5000 });
  const session = await service.createPaymentSession(collection.id, {
    provider_id: "test",
    currency_code: "usd",
    amount: 5000,
    data: outcome,
  });
  return { provider, service, session };
}

describe("testProvider()", () => {
  it("authorizes a session that names no outcome, and books what its ledger moved", async () => {
    const { provider, service, session } = await open({});
    const payment = await service.authorizePaymentSession(session.id);
    await service.capturePayment({ payment_id: payment.id, amount: 3000 });
    const after = await service.refundPayment({ payment_id: payment.id, amount: 1000 });
    expect(provider.moved({ payment_id: payment.id })).toEqual({ captured: 3000, refunded: 1000 });
    expect(after).toMatchObject({ captured_amount: 3000, refunded_amount: 1000 });
    expect(provider.ledger.map((entry) => entry.kind)).toEqual(["capture", "refund"]);
  });

  it("declines a session whose data says decline, moving nothing", async () => {
    const { provider, service, session } = await open({ outcome: "decline" });
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_authorization_failed",
    });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "error",
      error: { code: "card_declined", decline_code: "generic_decline" },
    });
    expect(provider.moved()).toEqual({ captured: 0, refunded: 0 });
  });

  it("asks for more until the customer acts, then authorizes", async () => {
    const { provider, service, session } = await open({ outcome: "requires_more" });
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_requires_more",
    });
    expect((await service.retrievePaymentSession(session.id)).next_action).toMatchObject({
      type: "redirect",
    });
    provider.completeAction(session.id);
    expect(await service.authorizePaymentSession(session.id)).toMatchObject({
      status: "authorized",
    });
  });

  it("stays processing until settled, then its signed webhook authorizes the session", async () => {
    const { provider, service, session } = await open({ outcome: "processing" });
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_processing",
    });
    provider.settle(session.id);
    const [webhook] = provider.takeWebhooks();
    expect(webhook?.headers[TEST_SIGNATURE_HEADER]).toMatch(/^[0-9a-f]{64}$/);
    if (webhook) await service.handleWebhook("test", webhook);
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "authorized",
    });
  });

  it("loses the first answer of an unknown_failure session: outcome_unknown, then the same key authorizes", async () => {
    const { provider, service, session } = await open({ outcome: "unknown_failure" });
    const failed = await service
      .authorizePaymentSession(session.id)
      .catch((error: unknown) => error);
    expect(TenderError.isInstance(failed) && failed.code).toBe("outcome_unknown");
    const payment = await service.authorizePaymentSession(session.id);
    expect(payment.status).toBe("authorized");
    const keys = provider
      .callsTo("authorizePayment")
      .map((call) => (call.input as { idempotency_key: string }).idempotency_key);
    expect(new Set(keys).size).toBe(1);
  });

  it("waits delay_ms before each answer", async () => {
    const { service, session } = await open({ delay_ms: 60 });
    const started = Date.now();
    await service.authorizePaymentSession(session.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("takes named outcomes, and refuses an outcome it does not know", async () => {
    const { service, session } = await open(
      { outcome: "insufficient" },
      {
        outcomes: { insufficient: { outcome: "decline", decline_code: "insufficient_funds" } },
      },
    );
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_authorization_failed",
    });
    expect((await service.retrievePaymentSession(session.id)).error).toMatchObject({
      decline_code: "insufficient_funds",
    });
    await expect(open({ outcome: "approve" })).rejects.toMatchObject({ code: "invalid_request" });
  });
});
