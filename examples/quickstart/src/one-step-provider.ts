import type { PaymentProviderV1 } from "@tender/core";
import { manual } from "@tender/provider-manual";

/**
 * A small provider written for this example: the manual provider's
 * bookkeeping, except that it asks the customer for one extra step (think
 * 3DS) before it authorizes. The session's `data` remembers whether the
 * customer has done it.
 */
export function oneStepProvider(): PaymentProviderV1<"one-step"> {
  const base = manual({ id: "one-step" });
  return {
    ...base,
    async initiatePayment(input) {
      return { status: "pending", data: { ...input.data, challenge_passed: false } };
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
  };
}
