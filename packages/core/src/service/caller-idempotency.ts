import { TENDER_ERROR_CODES, type TenderErrorCode } from "../errors/error-codes";
import { TenderError } from "../errors/tender-error";
import { assertStorableText } from "../records/json-value";
import type { SessionError } from "../records/records";
import type { StoreTransaction } from "../store/payment-store";

/**
 * A caller's idempotency key: the first call's result is replayed for the
 * same key and request; the same key with another request is refused.
 * Returns the id of the first call's record, or undefined for a new key.
 */
export async function replayIdempotent(
  tx: StoreTransaction,
  operation: string,
  key: string | undefined,
  request: Record<string, unknown>,
): Promise<string | undefined> {
  if (key === undefined) return undefined;
  const found = await tx.get("idempotency_keys", `${operation}:${key}`);
  if (!found) return undefined;
  if (found.request_hash !== hashRequest(request)) {
    throw new TenderError({
      code: "idempotency_key_reused",
      message: `Idempotency key "${key}" was used for another ${operation} request; use a new key for a new request.`,
      details: { idempotency_key: key },
    });
  }
  return found.result_id;
}

export async function rememberIdempotent(
  tx: StoreTransaction,
  operation: string,
  key: string | undefined,
  request: Record<string, unknown>,
  resultId: string,
  now: Date,
): Promise<void> {
  if (key === undefined) return;
  await tx.insert("idempotency_keys", {
    id: `${operation}:${key}`,
    created_at: now,
    updated_at: now,
    operation,
    request_hash: hashRequest(request),
    result_id: resultId,
  });
}

function hashRequest(request: Record<string, unknown>): string {
  const keys = Object.keys(request).sort();
  return JSON.stringify(keys.map((key) => [key, request[key] ?? null]));
}

export function optionalIdempotencyKey(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length === 0 || value.length > 255) {
    throw new TenderError({
      code: "invalid_argument",
      message: "idempotency_key must be a string of 1 to 255 characters.",
    });
  }
  assertStorableText(value, "idempotency_key");
  return value;
}

/** The first call failed: a replay fails the same way, with the provider's code when it is one of ours. */
export function replayedFailure(record: { id: string; error: SessionError | null }): TenderError {
  const original = record.error?.code;
  const code: TenderErrorCode = isErrorCode(original) ? original : "provider_error";
  return new TenderError({
    code,
    message: `This idempotency key's request already failed (${record.error?.message ?? "the provider refused it"}); use a new key to try again.`,
    details: {
      id: record.id,
      ...(record.error?.decline_code ? { decline_code: record.error.decline_code } : {}),
    },
  });
}

function isErrorCode(value: unknown): value is TenderErrorCode {
  return typeof value === "string" && TENDER_ERROR_CODES.some((code) => code === value);
}
