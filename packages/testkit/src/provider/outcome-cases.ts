import { type PaymentProviderV1, ProviderError } from "@tender/provider";
import { describe, expect, it } from "vitest";
import { type Harness, useHarness } from "./conformance-harness";
import { expectBooksAgree } from "./expect-books";
import type { ProviderConformanceOptions } from "./provider-conformance-options";
import { stateOf } from "./state-of";

/** Delivers the webhooks the provider sent since the last call; returns them. */
export async function deliverSent<TProvider extends PaymentProviderV1>(h: Harness<TProvider>) {
  const sent = await h.takeWebhooks();
  for (const payload of sent) await h.service.handleWebhook(h.raw.id, payload);
  return sent;
}

export function describeOutcomeCases<TProvider extends PaymentProviderV1>(
  options: ProviderConformanceOptions<TProvider>,
  capabilities: PaymentProviderV1["capabilities"],
): void {
  describe("declines and asynchronous outcomes", () => {
    const harness = useHarness(options);

    it.skipIf(!options.scenarios.declines)(
      "declines definitely: the session is in error, no payment is made and nothing moved",
      async () => {
        const h = harness();
        const scenario = options.scenarios.declines;
        if (!scenario) return;
        const session = await h.open(scenario);
        await expect(h.service.authorizePaymentSession(session.id)).rejects.toMatchObject({
          code: "payment_authorization_failed",
        });
        const declined = await h.service.retrievePaymentSession(session.id);
        expect(declined).toMatchObject({ status: "error", payment_id: null });
        expect(declined.error).toEqual(
          expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
        );
        expect(await h.paymentOf(session.id)).toBeUndefined();
        // A decline is an answer (status error) or a definite ProviderError: never an unknown outcome.
        const [call] = h.recorder.callsTo("authorizePayment");
        if (call && "error" in call.outcome) {
          expect(
            ProviderError.isDefiniteFailure(call.outcome.error),
            "the decline is definite",
          ).toBe(true);
        } else {
          expect(call?.outcome).toMatchObject({ answer: { status: "error" } });
        }
        const collection = await h.service.retrievePaymentCollection(session.payment_collection_id);
        expect(collection).toMatchObject({ authorized_amount: 0, captured_amount: 0 });
        expect(await h.moved(session.id)).toMatchObject({ captured: 0 });
        await expectBooksAgree(h, session.id);
      },
    );

    it.skipIf(!options.scenarios.processing)(
      capabilities.webhooks
        ? "stays processing, then settles by webhook; the events again, twice and out of order, change nothing"
        : "stays processing, then settles",
      async () => {
        const h = harness();
        const scenario = options.scenarios.processing;
        if (!scenario) return;
        const session = await h.open(scenario);
        await expect(h.service.authorizePaymentSession(session.id)).rejects.toMatchObject({
          code: "payment_processing",
        });
        const processing = await h.service.retrievePaymentSession(session.id);
        expect(processing).toMatchObject({ status: "processing", payment_id: null });
        expect(await h.moved(session.id)).toMatchObject({ captured: 0 });

        if (capabilities.webhooks) await h.takeWebhooks(); // what the authorization sent is not the settlement
        await scenario.settle({ provider: h.raw, service: h.service, session: processing });
        const sent = capabilities.webhooks ? await deliverSent(h) : [];
        const payment = await h.paymentOf(session.id);
        expect(payment, "the settled session has its payment").toMatchObject({ amount: h.amount });
        const settled = await stateOf(h, session.id);
        expect(["authorized", "captured"]).toContain(settled.session.status);

        for (const payload of [...sent].reverse().flatMap((p) => [p, p])) {
          await h.service.handleWebhook(h.raw.id, payload);
        }
        expect(await stateOf(h, session.id)).toEqual(settled);
        await expectBooksAgree(h, session.id);
      },
    );
  });
}

/** Tampers with a webhook body, keeping its signature: one byte more. */
export function tampered(rawBody: string | Uint8Array): string {
  const text = typeof rawBody === "string" ? rawBody : new TextDecoder().decode(rawBody);
  return `${text} `;
}
