import { type PaymentProviderV1, PROVIDER_PAYMENT_STATUSES } from "@tender/provider";
import { describe, expect, it } from "vitest";
import { useHarness } from "./conformance-harness";
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
  });
}
