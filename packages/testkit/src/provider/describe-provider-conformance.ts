import type { PaymentProviderV1 } from "@tender/provider";
import { describe } from "vitest";
import { describeContractCases } from "./contract-cases";
import { describeFlowCases } from "./flow-cases";
import { describeIdempotencyCases } from "./idempotency-cases";
import { describeOutcomeCases } from "./outcome-cases";
import type { ProviderConformanceOptions } from "./provider-conformance-options";
import { describeWebhookCases } from "./webhook-cases";

/**
 * The behaviour every payment provider owes Tender, as a vitest suite run
 * through a real service (`createPaymentModuleService` over the memory
 * store). Call it at the top level of a test file. What it checks follows the
 * provider's declared capabilities and the scenarios you supply:
 *
 * - the flow: initiate, authorize (or `requires_more`, the customer acts,
 *   authorize), capture whole, in parts and several times, refund whole and
 *   in parts, cancel;
 * - idempotency: a caller's key sent twice, a provider request sent again
 *   under its key, and an answer lost on the way back then reconciled, each
 *   moving money once;
 * - a decline is definite: the session is in error and nothing moved;
 * - a processing session settles (by webhook when the provider has them);
 * - webhooks: its own signed events are accepted, a tampered body is refused
 *   with `webhook_signature_invalid`, and events repeated and reordered leave
 *   the same state;
 * - after every step the books equal the provider's own record (your
 *   `ledger` hook, or `getPaymentStatus` and `listRefunds`), and reconcile
 *   finds nothing to correct;
 * - every answer keeps the provider contract (the core's own check).
 *
 * @example
 * ```ts
 * import { describeProviderConformance } from "@tender/testkit";
 * import { giftCard } from "../src/index";
 *
 * describeProviderConformance({
 *   name: "gift-card",
 *   provider: () => giftCard({ api: fakeGiftCardApi() }),
 *   scenarios: {
 *     authorizes: { data: { card: "GC-FULL" } },
 *     declines: { data: { card: "GC-EMPTY" } },
 *   },
 * });
 * ```
 */
export function describeProviderConformance<TProvider extends PaymentProviderV1>(
  options: ProviderConformanceOptions<TProvider>,
): void {
  // Which cases apply is decided when the suite is declared, from what the provider declares.
  const sample = typeof options.provider === "function" ? options.provider() : options.provider;
  const capabilities = { ...sample.capabilities };
  describe(`${options.name} provider conformance`, () => {
    describeContractCases(options, capabilities);
    describeFlowCases(options, capabilities);
    describeIdempotencyCases(options, capabilities);
    describeOutcomeCases(options, capabilities);
    describeWebhookCases(options, capabilities);
  });
}
