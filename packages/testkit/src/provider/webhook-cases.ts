import type { PaymentProviderV1 } from "@tender/provider";
import { describe, expect, it } from "vitest";
import { type Harness, useHarness } from "./conformance-harness";
import { expectBooksAgree } from "./expect-books";
import { parts } from "./flow-cases";
import { deliverSent, tampered } from "./outcome-cases";
import type { ProviderConformanceOptions } from "./provider-conformance-options";
import { stateOf } from "./state-of";

export function describeWebhookCases<TProvider extends PaymentProviderV1>(
  options: ProviderConformanceOptions<TProvider>,
  capabilities: PaymentProviderV1["capabilities"],
): void {
  /** Authorize, capture a part (or all), refund a part (or all): a flow that sends events. */
  const flow = async (h: Harness<TProvider>) => {
    const { session, payment } = await h.authorized();
    const { first, second } = parts(h.amount);
    if (!capabilities.automaticCapture) {
      const amount = capabilities.partialCapture ? { amount: first } : {};
      await h.service.capturePayment({ payment_id: payment.id, ...amount });
    }
    const amount = capabilities.partialRefund ? { amount: second } : {};
    await h.service.refundPayment({ payment_id: payment.id, ...amount });
    return session;
  };

  describe.skipIf(!capabilities.webhooks)("webhooks", () => {
    const harness = useHarness(options);

    it("gives the suite the webhooks it sends (webhooks.take), as it declares capabilities.webhooks", () => {
      expect(
        options.webhooks?.take,
        "describeProviderConformance({ webhooks: { take } })",
      ).toBeTypeOf("function");
    });

    it("accepts its own signed webhooks for a flow, which agree with what the calls booked", async () => {
      const h = harness();
      const session = await flow(h);
      const booked = await stateOf(h, session.id);
      const sent = await deliverSent(h);
      expect(sent.length, "the flow sent webhooks").toBeGreaterThan(0);
      expect(await stateOf(h, session.id)).toEqual(booked);
      await expectBooksAgree(h, session.id);
    });

    it("rejects a tampered body or a missing signature with webhook_signature_invalid, and changes nothing", async () => {
      const h = harness();
      const session = await flow(h);
      const booked = await stateOf(h, session.id);
      const [payload] = await h.takeWebhooks();
      if (!payload) throw new Error("The flow sent no webhook.");
      await expect(
        h.service.handleWebhook(h.raw.id, { ...payload, rawBody: tampered(payload.rawBody) }),
      ).rejects.toMatchObject({ code: "webhook_signature_invalid" });
      await expect(
        h.service.handleWebhook(h.raw.id, { headers: {}, rawBody: payload.rawBody }),
      ).rejects.toMatchObject({ code: "webhook_signature_invalid" });
      expect(await stateOf(h, session.id)).toEqual(booked);
      // The rejected event was not recorded as seen: the genuine one is still applied.
      await h.service.handleWebhook(h.raw.id, payload);
      expect(await stateOf(h, session.id)).toEqual(booked);
    });

    it("leaves the same state when its events arrive twice and out of order", async () => {
      const h = harness();
      const session = await flow(h);
      const booked = await stateOf(h, session.id);
      const sent = await h.takeWebhooks();
      const reversed = [...sent].reverse();
      for (const payload of [...reversed, ...sent, ...reversed]) {
        await h.service.handleWebhook(h.raw.id, payload);
      }
      expect(await stateOf(h, session.id)).toEqual(booked);
      await expectBooksAgree(h, session.id);
    });
  });
}
