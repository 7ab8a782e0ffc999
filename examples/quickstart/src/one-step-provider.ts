import { DEFAULT_CAPABILITIES, type PaymentProviderV1 } from "@tender/core";

/**
 * A small provider written for this example: it asks the customer for one
 * extra step (think 3DS) before it authorizes. The session's `data` remembers
 * whether the customer has done it.
 */
export function oneStepProvider(): PaymentProviderV1 {
  return {
    specificationVersion: "v1",
    id: "one-step",
    capabilities: {
      ...DEFAULT_CAPABILITIES,
      partialCapture: true,
      multipleCaptures: true,
      partialRefund: true,
    },
    async initiatePayment(input) {
      return { status: "pending", data: { ...input.data, challenge_passed: false } };
    },
    async updatePayment(input) {
      return { status: "pending", data: input.data };
    },
    async authorizePayment(input) {
      if (input.data.challenge_passed !== true) {
        return {
          status: "requires_more",
          raw_status: "challenge_required",
          data: input.data,
          next_action: { type: "redirect_to_url", redirect_url: "https://bank.example/challenge" },
        };
      }
      return { status: "authorized", raw_status: "approved", data: input.data };
    },
    async capturePayment(input) {
      return { data: input.data };
    },
    async refundPayment(input) {
      return { status: "succeeded", data: input.data };
    },
    async cancelPayment(input) {
      return { data: input.data };
    },
    async deletePayment(input) {
      return { data: input.data };
    },
    async retrievePayment(input) {
      return { data: input.data };
    },
    async getPaymentStatus(input) {
      return { status: "pending", data: input.data };
    },
    async getWebhookActionAndData() {
      return { action: "not_supported" };
    },
  };
}
