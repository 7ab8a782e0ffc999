import type { TenderErrorCode } from "./error-codes";
import { redact, redactDeep } from "./redact";
import { TenderError } from "./tender-error";

export interface ProviderErrorOptions {
  code: TenderErrorCode;
  message: string;
  providerId: string;
  retryable?: boolean;
  /**
   * The provider is sure nothing moved: it refused the request (a decline, a
   * validation error, a bad API key) or never sent it. Only a definite,
   * non-retryable failure marks a capture, refund or authorization failed;
   * any other throw leaves it pending until reconcile asks the provider what
   * happened. Default false: when in doubt, say nothing.
   */
  definite?: boolean;
  /**
   * Nothing moved under this idempotency key, and the provider will not take
   * the key again: it stored a failure for it and replays that failure (a
   * stored 5xx). The provider checked its own records before saying so. The
   * core keeps the row pending, records the next attempt's key on it and
   * sends the request again under that key (at once, then reconcile does).
   */
  retryUnderNewKey?: boolean;
  statusCode?: number;
  /** The provider's own error code (a decline code, say), kept as the provider said it. */
  providerCode?: string;
  declineCode?: string;
  requestId?: string;
  idempotencyKey?: string;
  /** The provider's raw error object, without secrets. */
  raw?: unknown;
  cause?: unknown;
}

/**
 * What a provider throws when the payment service it talks to refuses or
 * fails. Providers never return errors as values.
 *
 * @example
 * ```ts
 * throw new ProviderError({
 *   providerId: "stripe",
 *   code: "card_declined",
 *   definite: true, // the card was refused: nothing moved
 *   declineCode: "insufficient_funds",
 *   message: "The card was declined (insufficient_funds). Ask the customer for another card.",
 * });
 * ```
 */
export class ProviderError extends TenderError {
  readonly providerId: string;
  /** The provider is sure nothing moved (see {@link ProviderErrorOptions.definite}). */
  readonly definite: boolean;
  /** Nothing moved under this key and it cannot be used again (see {@link ProviderErrorOptions.retryUnderNewKey}). */
  readonly retryUnderNewKey: boolean;
  readonly statusCode: number | undefined;
  readonly providerCode: string | undefined;
  readonly declineCode: string | undefined;
  readonly requestId: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly raw: unknown;

  /** The message, details and raw error are redacted: a provider may echo a card number or a key. */
  constructor(options: ProviderErrorOptions) {
    super({
      code: options.code,
      message: redact(options.message),
      cause: options.cause,
      retryable: options.retryable ?? false,
      details: redactDeep({
        provider_id: options.providerId,
        ...(options.declineCode ? { decline_code: options.declineCode } : {}),
        ...(options.requestId ? { request_id: options.requestId } : {}),
      }),
    });
    this.name = "ProviderError";
    this.providerId = options.providerId;
    this.definite = options.definite === true && options.retryable !== true;
    this.retryUnderNewKey = options.retryUnderNewKey === true;
    this.statusCode = options.statusCode;
    this.providerCode = options.providerCode;
    this.declineCode = options.declineCode;
    this.requestId = options.requestId;
    this.idempotencyKey = options.idempotencyKey;
    this.raw = redactDeep(options.raw);
  }

  static isProviderError(value: unknown): value is ProviderError {
    return TenderError.isInstance(value) && "providerId" in value;
  }

  /**
   * Whether a provider call's failure is definite: nothing moved, so the row
   * it reserved may be marked failed. True only for a ProviderError that says
   * so (`definite: true`, not retryable). A plain Error, a timeout, a reset
   * connection or a retryable ProviderError is an unknown outcome: the money
   * may have moved.
   */
  static isDefiniteFailure(value: unknown): value is ProviderError {
    return (
      ProviderError.isProviderError(value) &&
      value.definite === true &&
      !value.retryable &&
      !value.retryUnderNewKey
    );
  }

  /** Whether the provider says nothing moved and the request must go again under a new key. */
  static needsNewKey(value: unknown): value is ProviderError {
    return ProviderError.isProviderError(value) && value.retryUnderNewKey === true;
  }
}
