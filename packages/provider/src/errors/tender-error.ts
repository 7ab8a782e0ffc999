import type { TenderErrorCode } from "./error-codes";
import { redact } from "./redact";

const marker = Symbol.for("tender.error");

export interface TenderErrorOptions {
  code: TenderErrorCode;
  message: string;
  cause?: unknown;
  /** Extra facts for the caller: the session id, the provider's next action, ... */
  details?: Record<string, unknown>;
  /** Whether the same call may succeed when retried unchanged. */
  retryable?: boolean;
}

/**
 * The one error type Tender throws. `code` is stable and machine-readable; the
 * message says what to do. Use {@link TenderError.isInstance} rather than
 * `instanceof`, which fails when two copies of the package are installed.
 *
 * @example
 * ```ts
 * try {
 *   await service.capturePayment({ payment_id, amount: 99_999 });
 * } catch (error) {
 *   if (TenderError.isInstance(error) && error.code === "capture_exceeds_authorized") {
 *     // capture less
 *   }
 * }
 * ```
 */
export class TenderError extends Error {
  readonly [marker] = true;
  readonly code: TenderErrorCode;
  readonly details: Record<string, unknown>;
  readonly retryable: boolean;

  constructor(options: TenderErrorOptions) {
    // Card numbers and keys never reach a message, whoever built it (see redact).
    super(
      redact(options.message, { digitRuns: "luhn" }),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = "TenderError";
    this.code = options.code;
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? false;
  }

  /** True for any Tender error, even one thrown by another copy of this package. */
  static isInstance(value: unknown): value is TenderError {
    return typeof value === "object" && value !== null && marker in value;
  }
}
