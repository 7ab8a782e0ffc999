import { type PaymentProviderV1, PROVIDER_PAYMENT_STATUSES } from "@tender/provider";
import { describe, expect, it } from "vitest";
import { useHarness } from "./conformance-harness";
import { expectBooksAgree } from "./expect-books";
import type { ProviderConformanceOptions } from "./provider-conformance-options";

const REQUIRED = [
  "initiatePayment",
  "updatePayment",
  "authorizePayment",
  "capturePayment",
  "refundPayment",
  "cancelPayment",
  "deletePayment",
  "getPaymentStatus",
  "getWebhookActionAndData",
] as const;

const CAPABILITIES = [
  "partialCapture",
  "multipleCaptures",
  "partialRefund",
  "webhooks",
  "accountHolders",
  "savedPaymentMethods",
  "automaticCapture",
] as const;

/** Answers that break the contract, as a broken or compromised provider might give them. */
const HOSTILE_AUTHORIZATIONS: Array<[string, (answer: unknown) => unknown]> = [
  ["no answer at all", () => undefined],
  ["a status the core does not know", (answer) => ({ ...(answer as object), status: "ok" })],
  ["data that is not an object", (answer) => ({ ...(answer as object), data: "secret" })],
  ["a number where the status belongs", (answer) => ({ ...(answer as object), status: 200 })],
];

export function describeContractCases<TProvider extends PaymentProviderV1>(
  options: ProviderConformanceOptions<TProvider>,
  capabilities: PaymentProviderV1["capabilities"],
): void {
  describe("the provider contract", () => {
    const harness = useHarness(options);

    it("is a v1 provider with an id, every required method and every capability declared as a boolean", () => {
      const { raw } = harness();
      expect(raw.specificationVersion).toBe("v1");
      expect(raw.id).toMatch(/\S/);
      for (const method of REQUIRED) expect(raw[method], method).toBeTypeOf("function");
      for (const capability of CAPABILITIES) {
        expect(raw.capabilities[capability], capability).toBeTypeOf("boolean");
      }
      if (capabilities.incrementalAuthorization) {
        expect(raw.incrementAuthorization, "incrementAuthorization").toBeTypeOf("function");
      }
      if (capabilities.accountHolders) {
        expect(raw.createAccountHolder, "createAccountHolder").toBeTypeOf("function");
      }
    });

    it("reports an authorized payment through getPaymentStatus and retrievePayment without changing it", async () => {
      const h = harness();
      const { session, payment } = await h.authorized();
      const status = await h.provider.getPaymentStatus({
        session_id: session.id,
        data: session.data,
      });
      expect(PROVIDER_PAYMENT_STATUSES).toContain(status.status);
      if (!capabilities.local) {
        expect(["authorized", "captured"], "getPaymentStatus of an authorized payment").toContain(
          status.status,
        );
      }
      if (h.raw.retrievePayment) {
        const retrieved = await h.provider.retrievePayment?.({
          session_id: session.id,
          data: payment.data,
        });
        expect(retrieved?.data).toBeTypeOf("object");
      }
      const again = await h.provider.getPaymentStatus({
        session_id: session.id,
        data: session.data,
      });
      expect(again.status).toBe(status.status);
      expect(await h.service.retrievePayment(payment.id)).toMatchObject({
        status: payment.status,
        captured_amount: payment.captured_amount,
      });
    });

    it.each(HOSTILE_AUTHORIZATIONS)(
      "meets an authorization answered with %s: an error naming the provider, nothing booked, then authorizes once it answers properly",
      async (_what, replace) => {
        const h = harness();
        const session = await h.open(options.scenarios.authorizes);
        h.recorder.answerNextWith("authorizePayment", replace);
        const error = await h.service.authorizePaymentSession(session.id).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        // A local provider is called inside the transaction, which the refusal rolls back: nothing is in doubt.
        const code = capabilities.local ? "provider_error" : "outcome_unknown";
        expect(error, "the service refuses the answer").toMatchObject({ code });
        expect(String((error as Error).message)).toContain(h.raw.id);
        const waiting = await h.service.retrievePaymentSession(session.id);
        expect(waiting.payment_id, "nothing is booked on a broken answer").toBeNull();
        expect(["authorized", "captured", "error"]).not.toContain(waiting.status);
        expect(await h.paymentOf(session.id)).toBeUndefined();

        const payment = await h.service.authorizePaymentSession(session.id);
        expect(payment).toMatchObject({ amount: h.amount, payment_session_id: session.id });
        await expectBooksAgree(h, session.id);
      },
    );

    it.skipIf(capabilities.automaticCapture || capabilities.local === true)(
      "meets a capture answered with data that is not an object: outcome_unknown, the capture pending, then reconcile captures once",
      async () => {
        const h = harness();
        const { session, payment } = await h.authorized();
        h.recorder.answerNextWith("capturePayment", () => ({ data: 42 }));
        await expect(h.service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
          code: "outcome_unknown",
        });
        const [pending] = await h.service.listCaptures({ payment_id: payment.id });
        expect(pending?.status, "the capture stays pending, holding its amount").toBe("pending");
        const reconciled = await h.service.reconcilePayment(payment.id);
        expect(reconciled).toMatchObject({ status: "captured", captured_amount: h.amount });
        await expectBooksAgree(h, session.id);
      },
    );
  });
}
