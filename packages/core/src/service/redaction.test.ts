import { describe, expect, it } from "vitest";
import { createPaymentModuleService, type PaymentModuleService } from "../index";
import { type ScriptedProviderSettings, scriptedProvider } from "../testing/index";
import { recordEvents, refusal } from "./test-support";

const CARD = "4242 4242 4242 4242";
const KEY = "sk_live_51HxyzSECRET0123456789";
const ECHO = `card ${CARD} refused, key ${KEY}`;
const MASKED = "card ****4242 refused, key sk_live_***";

/** Fails when the card number (however written) or the key is anywhere in `value`. */
function expectClean(value: unknown): void {
  const text = JSON.stringify(value, (_key, field: unknown) =>
    field instanceof Error ? { ...field, message: field.message, name: field.name } : field,
  );
  expect(text.replaceAll(/[ -]/g, "")).not.toContain("4242424242424242");
  expect(text).not.toContain(KEY);
}

function service(settings: ScriptedProviderSettings<"card"> = {}) {
  const provider = scriptedProvider({
    id: "card",
    capabilities: { webhooks: true },
    webhook: (rawBody) => JSON.parse(rawBody),
    ...settings,
  });
  const created = createPaymentModuleService({
    providers: [provider],
    relay: { maxAttempts: 1 },
    onSubscriberError: () => undefined,
  });
  return { service: created, events: recordEvents(created) };
}

async function open(target: PaymentModuleService) {
  const collection = await target.createPaymentCollections({ currency_code: "usd", amount: 5000 });
  return target.createPaymentSession(collection.id, {
    provider_id: "card",
    currency_code: "usd",
    amount: 5000,
  });
}

const everything = async (target: PaymentModuleService) => ({
  sessions: await target.listPaymentSessions(),
  captures: await target.listCaptures(),
  refunds: await target.listRefunds(),
});

describe("what a provider echoes is redacted before Tender keeps or shows it", () => {
  it("an authorization answered with an error: the stored error, the thrown error and the events", async () => {
    const { service: s, events } = service({
      authorize: { status: "error", data: {}, error: { code: "card_declined", message: ECHO } },
    });
    const session = await open(s);
    const refused = await s.authorizePaymentSession(session.id).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: "payment_authorization_failed",
      details: { error: { message: MASKED } },
    });
    expect(await s.retrievePaymentSession(session.id)).toMatchObject({
      status: "error",
      error: { code: "card_declined", message: MASKED },
    });
    expectClean(refused);
    expectClean(await everything(s));
    expectClean(events);
  });

  it("a refusal thrown by the provider: the capture's stored error and the thrown error", async () => {
    const { service: s, events } = service({
      capture: () => {
        throw refusal("invalid_request", ECHO, { raw: { message: ECHO } });
      },
    });
    const session = await open(s);
    const payment = await s.authorizePaymentSession(session.id);
    const refused = await s.capturePayment({ payment_id: payment.id }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "invalid_request", message: MASKED });
    expect(await s.listCaptures({ payment_id: payment.id })).toMatchObject([
      { status: "failed", error: { message: MASKED } },
    ]);
    expectClean(refused);
    expectClean(await everything(s));
    expectClean(events);
  });

  it("a failure reported by webhook: the session's stored error", async () => {
    // The event names the session; the provider's record, which the core reads, echoes the secrets.
    const { service: s, events } = service({
      status: { status: "error", data: {}, error: { code: "card_declined", message: ECHO } },
    });
    const session = await open(s);
    const event = {
      action: "failed",
      event_id: "evt_1",
      data: { session_id: session.id, error: { code: "card_declined", message: ECHO } },
    };
    await s.handleWebhook("card", { headers: {}, rawBody: JSON.stringify(event) });
    expect(await s.retrievePaymentSession(session.id)).toMatchObject({
      status: "error",
      error: { message: MASKED },
    });
    expectClean(await everything(s));
    expectClean(events);
  });

  it("a subscriber's error: the outbox keeps it redacted", async () => {
    const { service: s } = service();
    s.on("payment_collection.created", () => {
      throw new Error(ECHO);
    });
    await s.createPaymentCollections({ currency_code: "usd", amount: 5000 });
    const parked = (await s.relay?.parked()) ?? [];
    expect(parked).toMatchObject([{ last_error: `Error: ${MASKED}` }]);
    await s.close();
  });
});
