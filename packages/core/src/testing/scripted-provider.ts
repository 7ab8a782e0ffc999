import { ProviderError } from "../errors/provider-error";
import {
  DEFAULT_CAPABILITIES,
  type IncrementAuthorizationResult,
  type PaymentProviderV1,
  type ProviderCapabilities,
  type ProviderPaymentResult,
  type WebhookActionAndData,
} from "../provider/payment-provider";

/** One recorded call to a scripted provider. */
export interface ScriptedCall {
  method: string;
  input: unknown;
}

export type ScriptedAnswer<TInput, TResult> =
  | TResult
  | ((input: TInput, call: number) => TResult | Promise<TResult>);

export interface ScriptedProviderSettings<TId extends string = "scripted"> {
  id?: TId;
  capabilities?: Partial<ProviderCapabilities>;
  /** What initiatePayment answers (default: pending, the data kept, `initiated: true`). */
  initiate?: ScriptedAnswer<
    Parameters<PaymentProviderV1["initiatePayment"]>[0],
    ProviderPaymentResult
  >;
  /** What updatePayment answers (default: pending, the data kept). */
  update?: ScriptedAnswer<Parameters<PaymentProviderV1["updatePayment"]>[0], ProviderPaymentResult>;
  /** What authorizePayment answers; a function sees the input and the call number (0-based). */
  authorize?: ScriptedAnswer<
    Parameters<PaymentProviderV1["authorizePayment"]>[0],
    ProviderPaymentResult
  >;
  capture?: ScriptedAnswer<
    Parameters<PaymentProviderV1["capturePayment"]>[0],
    { data: Record<string, unknown> }
  >;
  refund?: ScriptedAnswer<
    Parameters<PaymentProviderV1["refundPayment"]>[0],
    { status: "pending" | "succeeded" | "failed"; data: Record<string, unknown> }
  >;
  /** What incrementAuthorization answers (default: the requested total, the data kept). */
  increment?: ScriptedAnswer<
    Parameters<NonNullable<PaymentProviderV1["incrementAuthorization"]>>[0],
    IncrementAuthorizationResult
  >;
  cancel?: ScriptedAnswer<
    Parameters<PaymentProviderV1["cancelPayment"]>[0],
    { data: Record<string, unknown> }
  >;
  /**
   * What getPaymentStatus answers: the payment's state at the provider now,
   * which a webhook is applied through (default: pending, the data kept).
   */
  status?: ScriptedAnswer<
    Parameters<PaymentProviderV1["getPaymentStatus"]>[0],
    ProviderPaymentResult
  >;
  /** What a webhook payload maps to; the payload's rawBody is parsed as JSON by default. */
  webhook?: (rawBody: string) => WebhookActionAndData;
}

export interface ScriptedProvider<TId extends string = string> extends PaymentProviderV1<TId> {
  /** Every call the service made, in order. */
  readonly calls: ScriptedCall[];
  callsTo(method: string): ScriptedCall[];
}

/**
 * A provider whose answers a test scripts: authorize may answer
 * requires_more, then authorized; capture may throw a {@link ProviderError}.
 * It records every call, so a test can assert what reached the provider.
 *
 * @example
 * ```ts
 * const threeDS = scriptedProvider({
 *   id: "3ds",
 *   authorize: (_input, call) =>
 *     call === 0
 *       ? { status: "requires_more", data: {}, next_action: { type: "redirect", redirect_url: "https://bank/3ds" } }
 *       : { status: "authorized", data: {} },
 * });
 * ```
 */
export function scriptedProvider<const TId extends string = "scripted">(
  settings: ScriptedProviderSettings<TId> = {},
): ScriptedProvider<NoInfer<TId>> {
  // Without an id the default applies, and TId is its default, "scripted".
  const id = (settings.id ?? "scripted") as TId;
  const calls: ScriptedCall[] = [];
  const counts = new Map<string, number>();
  const record = (method: string, input: unknown): number => {
    calls.push({ method, input });
    const n = counts.get(method) ?? 0;
    counts.set(method, n + 1);
    return n;
  };
  async function answer<TInput, TResult>(
    script: ScriptedAnswer<TInput, TResult> | undefined,
    input: TInput,
    call: number,
    fallback: TResult,
  ): Promise<TResult> {
    if (script === undefined) return fallback;
    return typeof script === "function"
      ? (script as (i: TInput, c: number) => TResult | Promise<TResult>)(input, call)
      : script;
  }

  return {
    specificationVersion: "v1",
    id,
    capabilities: {
      ...DEFAULT_CAPABILITIES,
      partialCapture: true,
      multipleCaptures: true,
      partialRefund: true,
      incrementalAuthorization: true,
      ...settings.capabilities,
    },
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    async initiatePayment(input) {
      const n = record("initiatePayment", input);
      return answer(settings.initiate, input, n, {
        status: "pending",
        data: { ...input.data, initiated: true },
      });
    },
    async updatePayment(input) {
      const n = record("updatePayment", input);
      return answer(settings.update, input, n, { status: "pending", data: input.data });
    },
    async authorizePayment(input) {
      const n = record("authorizePayment", input);
      return answer(settings.authorize, input, n, { status: "authorized", data: input.data });
    },
    async capturePayment(input) {
      const n = record("capturePayment", input);
      return answer(settings.capture, input, n, { data: input.data });
    },
    async refundPayment(input) {
      const n = record("refundPayment", input);
      return answer(settings.refund, input, n, { status: "succeeded" as const, data: input.data });
    },
    async incrementAuthorization(input) {
      const n = record("incrementAuthorization", input);
      return answer(settings.increment, input, n, { amount: input.amount, data: input.data });
    },
    async cancelPayment(input) {
      const n = record("cancelPayment", input);
      return answer(settings.cancel, input, n, { data: input.data });
    },
    async deletePayment(input) {
      record("deletePayment", input);
      return { data: input.data };
    },
    async retrievePayment(input) {
      record("retrievePayment", input);
      return { data: input.data };
    },
    async getPaymentStatus(input) {
      const n = record("getPaymentStatus", input);
      return answer(settings.status, input, n, { status: "pending", data: input.data });
    },
    async getWebhookActionAndData(payload) {
      record("getWebhookActionAndData", payload);
      const body =
        typeof payload.rawBody === "string"
          ? payload.rawBody
          : new TextDecoder().decode(payload.rawBody);
      if (settings.webhook) return settings.webhook(body);
      throw new ProviderError({
        providerId: id,
        code: "webhook_signature_invalid",
        message: "This scripted provider was given no webhook mapping.",
      });
    },
  };
}
