import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import type { WebhookDelivery } from "./deliver-events";
import { useFakeStripeClient } from "./test-support";

let clock = Date.UTC(2030, 0, 15, 12, 0, 0);
const { fake, stripe } = useFakeStripeClient({
  webhookSecret: ["whsec_old", "whsec_new"],
  now: () => clock,
});

/** A webhook endpoint that verifies like a real one, at the fake's clock. */
function endpoint(secret = "whsec_new") {
  const received: Stripe.Event[] = [];
  const target = ({ headers, rawBody }: WebhookDelivery) => {
    const signature = headers["stripe-signature"] ?? "";
    received.push(
      stripe.webhooks.constructEvent(rawBody, signature, secret, 300, undefined, clock),
    );
  };
  return { received, target };
}

async function capturedPayment() {
  const intent = await stripe.paymentIntents.create(
    {
      amount: 1000,
      currency: "usd",
      payment_method: "pm_card_visa",
      capture_method: "manual",
      confirm: true,
    },
    { idempotencyKey: "create-and-confirm" },
  );
  await stripe.paymentIntents.capture(intent.id);
  return intent;
}

describe("events", () => {
  it("each state change is a Stripe event with a snapshot and the request behind it", async () => {
    const intent = await capturedPayment();
    expect(fake.events.map((event) => event.type)).toEqual([
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.amount_capturable_updated",
      "payment_intent.succeeded",
      "charge.captured",
    ]);
    const [created, , authorized] = fake.events;
    expect(created).toMatchObject({
      object: "event",
      livemode: false,
      api_version: Stripe.API_VERSION,
      pending_webhooks: 1,
      created: Math.floor(clock / 1000),
      request: { id: expect.stringMatching(/^req_/), idempotency_key: "create-and-confirm" },
      data: { object: { id: intent.id, status: "requires_confirmation" } },
    });
    expect(created?.id).toMatch(/^evt_/);
    expect(authorized?.data.object).toMatchObject({
      status: "requires_capture",
      amount_capturable: 1000,
    });
  });
});

describe("signatures", () => {
  it("signatures are checked against the fake's clock (receivedAt is in milliseconds)", () => {
    const rawBody = '{"id":"evt_1"}';
    const header = fake.signPayload(rawBody);
    clock += 301_000;
    try {
      expect(() =>
        stripe.webhooks.constructEvent(rawBody, header, "whsec_new", 300, undefined, clock),
      ).toThrow(/tolerance/);
    } finally {
      clock -= 301_000;
    }
  });

  it("a signed payload verifies with the official SDK under each rotated secret", () => {
    const rawBody = JSON.stringify({ id: "evt_1", object: "event", type: "ping" });
    const header = fake.signPayload(rawBody);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    for (const secret of ["whsec_old", "whsec_new"]) {
      const event = stripe.webhooks.constructEvent(rawBody, header, secret, 300, undefined, clock);
      expect(event.id).toBe("evt_1");
    }
  });

  it("a signature made for another secret, body or time is rejected", () => {
    const rawBody = '{"id":"evt_1"}';
    const now = Math.floor(clock / 1000);
    const verify = (body: string, header: string) => () =>
      stripe.webhooks.constructEvent(body, header, "whsec_new", 300, undefined, clock);
    expect(verify(rawBody, fake.signPayload(rawBody, { secret: "whsec_other" }))).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(verify('{"id":"evt_2"}', fake.signPayload(rawBody))).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(verify(rawBody, fake.signPayload(rawBody, { timestamp: now - 301 }))).toThrow(
      /Timestamp outside the tolerance zone/,
    );
  });

  it("matches the official SDK's test header for the same secret and time", () => {
    const payload = '{"id":"evt_1"}';
    const expected = stripe.webhooks.generateTestHeaderString({
      payload,
      secret: "whsec_new",
      timestamp: 1_900_000_000,
    });
    expect(fake.signPayload(payload, { secret: "whsec_new", timestamp: 1_900_000_000 })).toBe(
      expected,
    );
  });
});

describe("deliver", () => {
  it("delivers pending events in order, signed over the exact bytes sent, and only once", async () => {
    await capturedPayment();
    const { received, target } = endpoint();
    await fake.deliver(target);
    expect(received.map((event) => event.type)).toEqual([
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.amount_capturable_updated",
      "payment_intent.succeeded",
      "charge.captured",
    ]);
    await fake.deliver(target);
    expect(received).toHaveLength(5);
  });

  it("delivers only the events that happened since the last delivery", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const { received, target } = endpoint();
    await fake.deliver(target);
    await stripe.paymentIntents.cancel(intent.id);
    await fake.deliver(target);
    expect(received.map((event) => event.type)).toEqual([
      "payment_intent.created",
      "payment_intent.canceled",
    ]);
  });

  it("reverse delivers newest first", async () => {
    await capturedPayment();
    const { received, target } = endpoint();
    await fake.deliver(target, { reverse: true });
    expect(received.map((event) => event.type)).toEqual([
      "charge.captured",
      "payment_intent.succeeded",
      "payment_intent.amount_capturable_updated",
      "charge.succeeded",
      "payment_intent.created",
    ]);
  });

  it("duplicate delivers every event twice, with the same event id", async () => {
    await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
    });
    const { received, target } = endpoint();
    await fake.deliver(target, { duplicate: true });
    expect(received.map((event) => event.type)).toEqual([
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "charge.updated",
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "charge.updated",
    ]);
    expect(new Set(received.map((event) => event.id)).size).toBe(4);
  });

  it("types filters events, and the others stay pending", async () => {
    await capturedPayment();
    const { received, target } = endpoint();
    await fake.deliver(target, { types: ["payment_intent.succeeded"] });
    expect(received.map((event) => event.type)).toEqual(["payment_intent.succeeded"]);
    await fake.deliver(target);
    expect(received.map((event) => event.type)).toEqual([
      "payment_intent.succeeded",
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.amount_capturable_updated",
      "charge.captured",
    ]);
  });

  it("since skips the events before an index", async () => {
    await capturedPayment();
    const { received, target } = endpoint();
    await fake.deliver(target, { since: 3 });
    expect(received.map((event) => event.type)).toEqual([
      "payment_intent.succeeded",
      "charge.captured",
    ]);
  });

  it("a target that fails makes deliver reject, and the event stays pending for the next delivery", async () => {
    await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    await expect(fake.deliver(() => new Response("nope", { status: 500 }))).rejects.toThrow(
      /answered 500/,
    );
    const { received, target } = endpoint();
    await fake.deliver(target);
    expect(received).toHaveLength(1);
  });

  it("sends the signature in a stripe-signature header with a JSON body", async () => {
    await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const deliveries: WebhookDelivery[] = [];
    await fake.deliver((delivery) => {
      deliveries.push(delivery);
    });
    const [delivery] = deliveries;
    expect(delivery?.headers["stripe-signature"]).toMatch(/^t=\d+,v1=/);
    expect(delivery?.rawBody).toBe(JSON.stringify(fake.events[0]));
  });
});
