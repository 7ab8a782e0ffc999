import { match } from "ts-pattern";
import { describe, expect, it } from "vitest";
import {
  createPaymentModuleService,
  type InitiatePaymentInput,
  type PaymentDataInput,
  type PaymentModuleService,
  ProviderError,
  type ProviderPaymentResult,
  type WebhookActionAndData,
} from "../index";
import type { UpdatePaymentInput } from "../provider/payment-provider";
import { type ScriptedProviderSettings, scriptedProvider } from "../testing/index";
import { addSession, paymentRecords, recordEvents } from "./test-support";

interface HarnessOptions {
  /** Runs when the provider is asked to open a payment, before the session is saved. */
  onInitiate?: (input: InitiatePaymentInput) => Promise<void>;
  /** What the provider answers to a capture. */
  capture?: ScriptedProviderSettings["capture"];
}

/**
 * A webhook-capable scripted provider whose "signed" bodies are the JSON of
 * the events a test delivers: the provider maps a body back to its event,
 * and refuses a body it never saw (a forged one).
 */
async function setup(options: HarnessOptions = {}) {
  const sent = new Map<string, WebhookActionAndData>();
  // The processor's own record of each session's payment, which it answers getPaymentStatus from.
  const states = new Map<string, ProviderPaymentResult>();
  const base = scriptedProvider({
    id: "hooks",
    capabilities: { webhooks: true },
    status: (input) =>
      states.get(String(input.data.session)) ?? { status: "pending", data: input.data },
    ...(options.capture ? { capture: options.capture } : {}),
    webhook: (rawBody) => {
      const event = sent.get(rawBody);
      if (!event) {
        throw new ProviderError({
          providerId: "hooks",
          code: "webhook_signature_invalid",
          message: "The signature does not match the body.",
        });
      }
      return event;
    },
  });
  const provider = {
    ...base,
    async initiatePayment(input: InitiatePaymentInput) {
      await options.onInitiate?.(input);
      const opened = await base.initiatePayment(input);
      return { ...opened, data: { ...opened.data, session: input.session_id } };
    },
    async updatePayment(input: UpdatePaymentInput) {
      const updated = await base.updatePayment(input);
      states.set(input.session_id, updated);
      return updated;
    },
    // Read through `base`, so a test can replace its answer.
    getPaymentStatus: (input: PaymentDataInput) => base.getPaymentStatus(input),
  };
  const service = createPaymentModuleService({ providers: [provider] });
  const events = recordEvents(service);
  /** The event's state happens at the processor, which then sends the event. */
  const deliver = async (event: WebhookActionAndData, as: "text" | "bytes" = "text") => {
    if (event.data) {
      const session = await service.retrievePaymentSession(event.data.session_id).catch(() => null);
      const state = stateOf(event);
      if (state) {
        const data = event.data.provider_data ?? session?.data ?? {};
        states.set(event.data.session_id, { ...state, data });
      }
    }
    return deliverLate(event, as);
  };
  /** The event arrives after the processor moved on (late, redelivered, reordered): its state is not the processor's now. */
  const deliverLate = (event: WebhookActionAndData, as: "text" | "bytes" = "text") => {
    const body = JSON.stringify(event);
    sent.set(body, event);
    return service.handleWebhook("hooks", {
      headers: { "Hooks-Signature": "t=1,v1=signed" },
      rawBody: as === "bytes" ? new TextEncoder().encode(body) : body,
    });
  };
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount: 5000 });
  const openSession = (amount = 5000) =>
    addSession(service, collection, { provider_id: "hooks", amount, data: { intent: "pi_1" } });
  return { provider: base, service, events, deliver, deliverLate, collection, openSession };
}

/** The state a processor is in when it sends `event`. */
function stateOf(event: WebhookActionAndData): Omit<ProviderPaymentResult, "data"> | null {
  const data = event.data;
  const status = match(event.action)
    .with("authorized", () => "authorized" as const)
    .with("captured", () => "captured" as const)
    .with("failed", () => "error" as const)
    .with("pending", "processing", "requires_more", "canceled", (same) => same)
    .with("refunded", "disputed", "risk", "not_supported", () => null)
    .exhaustive();
  if (status === null) return null;
  return {
    status,
    ...(data?.next_action ? { next_action: data.next_action } : {}),
    ...(data?.error ? { error: data.error } : {}),
    ...(data?.amount !== undefined && status === "captured"
      ? { captured_amount: data.amount }
      : {}),
  };
}

function inbox(service: PaymentModuleService) {
  return service.store.transaction((tx) => tx.list("webhook_events"));
}

/** Every payment list and the webhook inbox, to prove a delivery changed nothing. */
async function everything(service: PaymentModuleService) {
  return { ...(await paymentRecords(service)), inbox: await inbox(service) };
}

describe("handleWebhook", () => {
  it("creates the payment when an authorized event arrives", async () => {
    const { service, provider, events, deliver, collection, openSession } = await setup();
    const session = await openSession();

    const result = await deliver({
      action: "authorized",
      event_id: "evt_1",
      data: { session_id: session.id },
    });

    expect(result).toEqual({
      status: "processed",
      action: "authorized",
      session_id: session.id,
      event_id: "evt_1",
    });
    const [payment] = await service.listPayments();
    expect(payment).toMatchObject({
      payment_session_id: session.id,
      amount: 5000,
      status: "authorized",
      provider_id: "hooks",
    });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "authorized",
      payment_id: payment?.id,
    });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "authorized",
      authorized_amount: 5000,
    });
    expect(events.map((event) => event.name)).toContain("payment_session.authorized");
    expect(provider.callsTo("authorizePayment")).toEqual([]);
    expect(provider.callsTo("getWebhookActionAndData")[0]?.input).toMatchObject({
      headers: { "hooks-signature": "t=1,v1=signed" },
    });
  });

  it("accepts the body as bytes", async () => {
    const { service, deliver, openSession } = await setup();
    const session = await openSession();
    const result = await deliver(
      { action: "authorized", event_id: "evt_bytes", data: { session_id: session.id } },
      "bytes",
    );
    expect(result.status).toBe("processed");
    expect(await service.listPayments()).toHaveLength(1);
  });

  it("refuses a body the provider cannot verify and records nothing", async () => {
    const { service } = await setup();
    const before = await everything(service);
    await expect(
      service.handleWebhook("hooks", { headers: {}, rawBody: '{"action":"authorized"}' }),
    ).rejects.toMatchObject({ code: "webhook_signature_invalid" });
    expect(await everything(service)).toEqual(before);
  });

  it("acknowledges the same event id twice and changes nothing the second time", async () => {
    const { service, deliver, openSession, events } = await setup();
    const session = await openSession();
    const event: WebhookActionAndData = {
      action: "authorized",
      event_id: "evt_1",
      data: { session_id: session.id },
    };
    await deliver(event);
    const before = await everything(service);
    const heard = events.length;

    const again = await deliver(event);

    expect(again).toMatchObject({ status: "duplicate", event_id: "evt_1" });
    expect(await everything(service)).toEqual(before);
    expect(await service.listPayments()).toHaveLength(1);
    expect(events).toHaveLength(heard);
  });

  it("applies an event once when the provider delivers it twice at the same moment", async () => {
    const { service, deliver, openSession } = await setup();
    const session = await openSession();
    const event: WebhookActionAndData = {
      action: "authorized",
      event_id: "evt_1",
      data: { session_id: session.id },
    };
    const results = await Promise.all([deliver(event), deliver(event)]);
    expect(results.map((result) => result.status).sort()).toEqual(["duplicate", "processed"]);
    expect(await service.listPayments()).toHaveLength(1);
    expect(await inbox(service)).toHaveLength(1);
  });

  it("never moves a session backwards when events arrive out of order", async () => {
    const { service, deliver, collection, openSession } = await setup();
    const session = await openSession();
    await deliver({ action: "authorized", event_id: "evt_3", data: { session_id: session.id } });
    const payment = await service.listPayments();

    await deliver({
      action: "requires_more",
      event_id: "evt_1",
      data: {
        session_id: session.id,
        next_action: { type: "redirect", redirect_url: "https://3ds" },
      },
    });
    await deliver({ action: "pending", event_id: "evt_0", data: { session_id: session.id } });
    await deliver({ action: "processing", event_id: "evt_2", data: { session_id: session.id } });
    await deliver({ action: "failed", event_id: "evt_4", data: { session_id: session.id } });

    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "authorized",
      next_action: null,
    });
    expect(await service.listPayments()).toEqual(payment);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "authorized",
    });
  });

  it("keeps a processing session processing when a stale requires_more arrives", async () => {
    const { service, deliver, openSession } = await setup();
    const session = await openSession();
    await deliver({ action: "processing", event_id: "evt_2", data: { session_id: session.id } });
    await deliver({ action: "requires_more", event_id: "evt_1", data: { session_id: session.id } });
    expect((await service.retrievePaymentSession(session.id)).status).toBe("processing");
  });

  it("does not restore a replaced payment method when the 3DS event of the old one arrives late", async () => {
    const { service, provider, deliver, deliverLate, openSession } = await setup();
    const session = await openSession();
    const challenge: WebhookActionAndData = {
      action: "requires_more",
      event_id: "evt_3ds",
      data: {
        session_id: session.id,
        provider_data: { ...session.data, card: "card_3ds" },
        next_action: { type: "redirect", redirect_url: "https://bank.example/3ds" },
      },
    };
    await deliver(challenge);
    // The customer gives up on 3DS and switches to another card.
    const updated = await service.updatePaymentSession({
      id: session.id,
      data: { card: "card_visa" },
    });

    const late = await deliverLate({ ...challenge, event_id: "evt_3ds_redelivered" });
    await service.authorizePaymentSession(session.id);

    expect(late.status).toBe("processed");
    expect(updated).toMatchObject({ status: "pending", data: { card: "card_visa" } });
    expect(provider.callsTo("authorizePayment")[0]?.input).toMatchObject({
      data: { card: "card_visa" },
    });
  });

  it("keeps a failed session failed when a processing event from before the failure arrives late", async () => {
    const { service, deliver, deliverLate, openSession } = await setup();
    const session = await openSession();
    const processing: WebhookActionAndData = {
      action: "processing",
      event_id: "evt_processing",
      data: { session_id: session.id },
    };
    await deliver(processing);
    await deliver({
      action: "failed",
      event_id: "evt_failed",
      data: {
        session_id: session.id,
        error: { code: "insufficient_funds", message: "The debit was returned." },
      },
    });

    await deliverLate({ ...processing, event_id: "evt_processing_late" });

    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "error",
      error: { code: "insufficient_funds" },
    });
  });

  it("asks the provider again when the session moved while its state was being read", async () => {
    const { service, provider, deliver, deliverLate, openSession } = await setup();
    const session = await openSession();
    await deliver({ action: "requires_more", event_id: "evt_1", data: { session_id: session.id } });
    let raced = false;
    const read = provider.getPaymentStatus.bind(provider);
    // While the provider answers the (old) state, a direct call moves the session on.
    provider.getPaymentStatus = async (input) => {
      const answer = await read(input);
      if (!raced) {
        raced = true;
        await deliver({
          action: "authorized",
          event_id: "evt_2",
          data: { session_id: session.id },
        });
        return { ...answer, status: "requires_more" };
      }
      return answer;
    };

    const result = await deliverLate({
      action: "requires_more",
      event_id: "evt_1_late",
      data: { session_id: session.id },
    });

    expect(result.status).toBe("processed");
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "authorized",
      next_action: null,
    });
    expect(provider.callsTo("getPaymentStatus").length).toBeGreaterThanOrEqual(3);
  });

  it("answers a retryable error and records nothing when the provider cannot say the payment's state", async () => {
    const { service, provider, deliver, openSession } = await setup();
    const session = await openSession();
    const before = await everything(service);
    provider.getPaymentStatus = async () => {
      throw new Error("connect ETIMEDOUT 4242 4242 4242 4242");
    };

    const failed = deliver({
      action: "authorized",
      event_id: "evt_1",
      data: { session_id: session.id },
    });

    await expect(failed).rejects.toMatchObject({ code: "provider_unavailable", retryable: true });
    await expect(failed).rejects.not.toThrow(/4242 4242/);
    expect(await everything(service)).toEqual(before);
  });

  it("does not book a capture twice when the provider reports a capture we made", async () => {
    const { service, deliver, collection, openSession } = await setup();
    const session = await openSession();
    const payment = await service.authorizePaymentSession(session.id);
    await service.capturePayment({ payment_id: payment.id });

    const result = await deliver({
      action: "captured",
      event_id: "evt_captured",
      data: { session_id: session.id, amount: 5000 },
    });

    expect(result.status).toBe("processed");
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      captured_amount: 5000,
      status: "captured",
    });
    expect(await service.listCaptures({ payment_id: payment.id })).toHaveLength(1);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      captured_amount: 5000,
      status: "completed",
    });
  });

  it("does not book a capture twice when the provider's event arrives while our capture is in flight", async () => {
    let deliverCaptured: () => Promise<unknown> = async () => undefined;
    const { service, deliver, openSession } = await setup({
      capture: async (input) => {
        await deliverCaptured();
        return { data: input.data };
      },
    });
    const session = await openSession();
    deliverCaptured = () =>
      deliver({
        action: "captured",
        event_id: "evt_captured",
        data: { session_id: session.id, amount: 5000 },
      });
    const payment = await service.authorizePaymentSession(session.id);

    const captured = await service.capturePayment({ payment_id: payment.id });

    expect(captured).toMatchObject({ captured_amount: 5000, status: "captured" });
    expect(await service.listCaptures({ payment_id: payment.id })).toMatchObject([
      { amount: 5000, status: "succeeded" },
    ]);
    expect(await inbox(service)).toHaveLength(1);
  });

  it("books a capture the provider made on its own, once, however many events report it", async () => {
    const { service, provider, deliver, openSession } = await setup();
    const session = await openSession();
    await deliver({ action: "authorized", event_id: "evt_1", data: { session_id: session.id } });
    await deliver({
      action: "captured",
      event_id: "evt_2",
      data: { session_id: session.id, amount: 5000 },
    });
    await deliver({ action: "captured", event_id: "evt_3", data: { session_id: session.id } });

    const [payment] = await service.listPayments();
    expect(payment).toMatchObject({ captured_amount: 5000, status: "captured" });
    expect(await service.listCaptures()).toMatchObject([{ amount: 5000, status: "succeeded" }]);
    expect((await service.retrievePaymentSession(session.id)).status).toBe("captured");
    expect(provider.callsTo("capturePayment")).toEqual([]);
  });

  it("marks the session error when a failed event arrives", async () => {
    const { service, deliver, collection, openSession } = await setup();
    const session = await openSession();
    await deliver({
      action: "failed",
      event_id: "evt_failed",
      data: {
        session_id: session.id,
        error: { code: "card_declined", message: "Your card was declined." },
      },
    });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "error",
      error: { code: "card_declined" },
    });
    expect(await service.listPayments()).toEqual([]);
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("failed");
  });

  it("cancels the session when a canceled event arrives", async () => {
    const { service, deliver, collection, openSession } = await setup();
    const session = await openSession();
    await deliver({
      action: "canceled",
      event_id: "evt_canceled",
      data: { session_id: session.id },
    });
    expect((await service.retrievePaymentSession(session.id)).status).toBe("canceled");
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("canceled");
  });

  it("cancels the payment too when a canceled event arrives for an authorized session", async () => {
    const { service, deliver, collection, openSession } = await setup();
    const session = await openSession();
    const payment = await service.authorizePaymentSession(session.id);

    // The authorization was released at the provider (expired, or canceled in its dashboard).
    await deliver({
      action: "canceled",
      event_id: "evt_released",
      data: { session_id: session.id },
    });

    expect((await service.retrievePaymentSession(session.id)).status).toBe("canceled");
    expect(await service.retrievePayment(payment.id)).toMatchObject({ status: "canceled" });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      authorized_amount: 0,
      status: "canceled",
    });
  });

  it("throws a retryable not_found for an unknown session and records nothing in the inbox", async () => {
    const { service, deliver } = await setup();
    const before = await everything(service);
    await expect(
      deliver({
        action: "authorized",
        event_id: "evt_early",
        data: { session_id: "payses_unknown" },
      }),
    ).rejects.toMatchObject({
      code: "not_found",
      retryable: true,
      message: expect.stringMatching(/delivers it again/),
    });
    expect(await everything(service)).toEqual(before);
    expect(await inbox(service)).toEqual([]);
  });

  it("applies an event delivered again once the session it named exists", async () => {
    let earlyError: unknown;
    let deliverEarly: (sessionId: string) => Promise<unknown> = async () => undefined;
    const fixture = await setup({
      // The provider's webhook overtakes our own write of the session.
      onInitiate: async (input) => {
        earlyError = await deliverEarly(input.session_id).then(
          () => undefined,
          (error: unknown) => error,
        );
      },
    });
    const event = (sessionId: string): WebhookActionAndData => ({
      action: "authorized",
      event_id: "evt_early",
      data: { session_id: sessionId },
    });
    deliverEarly = (sessionId) => fixture.deliver(event(sessionId));

    const session = await fixture.openSession();

    expect(earlyError).toMatchObject({ code: "not_found", retryable: true });
    expect(await inbox(fixture.service)).toEqual([]);
    const redelivered = await fixture.deliver(event(session.id));
    expect(redelivered.status).toBe("processed");
    expect(await fixture.service.retrievePaymentSession(session.id)).toMatchObject({
      status: "authorized",
    });
    expect(await fixture.service.listPayments()).toHaveLength(1);
  });

  it("refuses a payload without rawBody with webhook_payload_invalid", async () => {
    const { service, provider } = await setup();
    await expect(
      // @ts-expect-error a caller that forgot the body
      service.handleWebhook("hooks", { headers: {} }),
    ).rejects.toMatchObject({
      code: "webhook_payload_invalid",
      message: expect.stringMatching(/exactly as received/),
    });
    await expect(
      // @ts-expect-error a caller that passed the parsed JSON instead of the raw body
      service.handleWebhook("hooks", { headers: {}, rawBody: { id: "evt_1" } }),
    ).rejects.toMatchObject({ code: "webhook_payload_invalid" });
    expect(provider.callsTo("getWebhookActionAndData")).toEqual([]);
  });

  it("ignores an event the provider does not map", async () => {
    const { service, deliver } = await setup();
    const before = await everything(service);
    expect(await deliver({ action: "not_supported", event_id: "evt_other" })).toMatchObject({
      status: "ignored",
    });
    expect(await everything(service)).toEqual(before);
  });

  it("records an authorization that no longer fits its collection as surplus and cancels it at the provider", async () => {
    const { service, provider, deliver, collection, openSession } = await setup();
    const first = await openSession();
    const late = await openSession();
    const payment = await service.authorizePaymentSession(first.id);

    await deliver({ action: "authorized", event_id: "evt_late", data: { session_id: late.id } });

    const surplus = (await service.listPayments()).find((p) => p.id !== payment.id);
    expect(provider.callsTo("cancelPayment")).toEqual([
      {
        method: "cancelPayment",
        input: {
          session_id: late.id,
          data: late.data,
          idempotency_key: `${surplus?.id}:cancel`,
        },
      },
    ]);
    expect(surplus).toMatchObject({
      payment_session_id: late.id,
      status: "canceled",
      surplus_at: expect.any(Date),
    });
    expect(await service.retrievePaymentSession(late.id)).toMatchObject({
      status: "canceled",
      payment_id: surplus?.id,
    });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      authorized_amount: 5000,
      status: "authorized",
    });
  });
});

describe("handleWebhook: risk signals", () => {
  const warning = {
    id: "issfr_1",
    kind: "fraud_warning",
    status: "open",
    reason: "made_with_stolen_card",
    actionable: true,
  } as const;

  async function authorized() {
    const harness = await setup();
    const session = await harness.openSession();
    await harness.deliver({
      action: "authorized",
      event_id: "evt_auth",
      data: { session_id: session.id },
    });
    const [payment] = await harness.service.listPayments();
    if (!payment) throw new Error("the authorization made no payment");
    return { ...harness, session, payment };
  }

  it("records a fraud warning on the payment and emits payment.risk_signal once, however often it comes", async () => {
    const { service, deliverLate, events, session, payment } = await authorized();
    const event = {
      action: "risk",
      event_id: "evt_efw",
      data: { session_id: session.id, risk: warning },
    } as const;
    await expect(deliverLate(event)).resolves.toMatchObject({
      status: "processed",
      action: "risk",
    });
    await expect(deliverLate(event)).resolves.toMatchObject({ status: "duplicate" });
    // The same signal under another event id (Stripe sends created, then updated) changes nothing.
    await expect(deliverLate({ ...event, event_id: "evt_efw_again" })).resolves.toMatchObject({
      status: "processed",
    });
    const after = await service.retrievePayment(payment.id);
    expect(after.risk_signals).toEqual([warning]);
    // A risk signal moves no money: the books are what they were.
    expect(after).toMatchObject({ status: "authorized", amount: 5000, captured_amount: 0 });
    const signalled = events.filter((e) => e.name === "payment.risk_signal");
    expect(signalled).toHaveLength(1);
    expect(signalled[0]?.data).toMatchObject({ signal: warning, payment: { id: payment.id } });
  });

  it("ends a review closed whichever of its events comes first, and never opens it again", async () => {
    const opened = {
      id: "prv_1",
      kind: "review",
      status: "open",
      reason: "rule",
      actionable: true,
    } as const;
    const closed = { ...opened, status: "closed", reason: "approved", actionable: false } as const;
    for (const order of [
      [opened, closed],
      [closed, opened],
    ]) {
      const { service, deliverLate, events, session, payment } = await authorized();
      for (const [index, risk] of order.entries()) {
        await deliverLate({
          action: "risk",
          event_id: `evt_${index}`,
          data: { session_id: session.id, risk },
        });
      }
      expect((await service.retrievePayment(payment.id)).risk_signals).toEqual([closed]);
      const last = events.filter((e) => e.name === "payment.risk_signal").at(-1);
      expect(last?.data).toMatchObject({ signal: closed });
    }
  });

  it("answers a retryable not_found while the session has no payment, then applies the event redelivered", async () => {
    const { service, deliver, deliverLate, openSession } = await setup();
    const session = await openSession();
    const event = {
      action: "risk",
      event_id: "evt_review",
      data: { session_id: session.id, risk: warning },
    } as const;
    const before = await everything(service);
    await expect(deliverLate(event)).rejects.toMatchObject({ code: "not_found", retryable: true });
    expect(await everything(service)).toEqual(before);
    await deliver({ action: "authorized", event_id: "evt_auth", data: { session_id: session.id } });
    await expect(deliverLate(event)).resolves.toMatchObject({ status: "processed" });
    const [payment] = await service.listPayments();
    expect(payment?.risk_signals).toEqual([warning]);
  });

  it("refuses a risk event without a valid signal as the provider's defect and changes nothing", async () => {
    const { service, deliverLate, session } = await authorized();
    const before = await everything(service);
    for (const risk of [
      undefined,
      { ...warning, kind: "chargeback" },
      { ...warning, actionable: "yes" },
      { ...warning, id: "" },
    ]) {
      await expect(
        deliverLate({
          action: "risk",
          event_id: "evt_bad",
          data: { session_id: session.id, risk: risk as never },
        }),
      ).rejects.toMatchObject({
        code: "provider_error",
        message: expect.stringMatching(/data\.risk/),
      });
    }
    expect(await everything(service)).toEqual(before);
  });
});
