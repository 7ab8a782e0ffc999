import {
  DEFAULT_CAPABILITIES,
  type PaymentProviderV1,
  type ProviderPaymentResult,
  TenderError,
} from "@tender/core";

export interface ManualProviderSettings<TId extends string = "manual"> {
  /** The id the provider registers under; `"manual"` unless given. */
  id?: TId;
  /**
   * `"immediate"` (the default, the "system default" provider) authorizes at
   * once. `"deferred"` (bank transfer, cash on delivery) leaves the session
   * `processing` until the application calls `markPaymentSessionPaid`.
   */
  mode?: "immediate" | "deferred";
}

/** What a manual session may carry in `data`: your own reference (an invoice number, say). */
export type ManualSessionData = { reference?: string };

/** The next action a deferred manual session reports: wait for the money to arrive. */
export type ManualNextAction = { type: "await_offline_payment" };

export interface ManualProvider<TId extends string = "manual">
  extends PaymentProviderV1<TId, ManualSessionData, ManualNextAction> {
  readonly mode: "immediate" | "deferred";
}

/**
 * The manual provider: no payment service behind it, so captures and refunds
 * are bookkeeping. Use it as the system default, for offline methods, and in
 * tests.
 *
 * @example
 * ```ts
 * const service = createPaymentModuleService({
 *   providers: [manual(), manual({ id: "bank-transfer", mode: "deferred" })],
 * });
 * ```
 */
export function manual<const TId extends string = "manual">(
  settings: ManualProviderSettings<TId> = {},
): ManualProvider<NoInfer<TId>> {
  // Without an id the default applies, and TId is its default, "manual".
  const id = (settings.id ?? "manual") as TId;
  const mode = settings.mode ?? "immediate";
  if (typeof id !== "string" || id.length === 0) {
    throw new TenderError({
      code: "configuration",
      message: `manual({ id }) needs a non-empty string id; got ${JSON.stringify(id)}.`,
    });
  }
  if (mode !== "immediate" && mode !== "deferred") {
    throw new TenderError({
      code: "configuration",
      message: `manual({ mode }) is "immediate" or "deferred"; got ${JSON.stringify(mode)}.`,
    });
  }
  const pending = (data: Record<string, unknown>): ProviderPaymentResult => ({
    status: "pending",
    raw_status: "pending",
    data,
  });

  return {
    specificationVersion: "v1",
    id,
    mode,
    capabilities: {
      ...DEFAULT_CAPABILITIES,
      partialCapture: true,
      multipleCaptures: true,
      partialRefund: true,
      // An offline authorization is the merchant's own promise: raising it is bookkeeping.
      incrementalAuthorization: true,
      // No payment service behind it: the core books its steps in one commit each.
      local: true,
    },
    async initiatePayment(input) {
      return pending({ ...input.data });
    },
    async updatePayment(input) {
      return pending({ ...input.data });
    },
    async authorizePayment(input) {
      if (mode === "deferred") {
        return {
          status: "processing",
          raw_status: "awaiting_payment",
          data: { ...input.data },
          next_action: { type: "await_offline_payment" },
        };
      }
      return { status: "authorized", raw_status: "authorized", data: { ...input.data } };
    },
    async capturePayment(input) {
      return { data: input.data };
    },
    async refundPayment(input) {
      return { status: "succeeded", data: input.data };
    },
    async incrementAuthorization(input) {
      return { amount: input.amount, data: input.data };
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
      return pending(input.data);
    },
    async getWebhookActionAndData() {
      return { action: "not_supported" };
    },
  };
}
