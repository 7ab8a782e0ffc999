/**
 * Idempotency keys per attempt. A row's first request goes under its base key
 * (a capture's or refund's id, `<payment>:cancel`, `<session>:initiate`);
 * when the provider says nothing moved under a key it will not take again (a
 * stored 5xx), the next attempt goes under `<base>:attempt-<n>`, recorded on
 * the row before it is sent. One record, one key per attempt.
 */
export function attemptKey(base: string, attempt: number): string {
  return attempt <= 1 ? base : `${base}:attempt-${attempt}`;
}

/** The key of the attempt after the one `key` was made for. */
export function nextAttemptKey(key: string): string {
  const found = /^(.*):attempt-(\d+)$/.exec(key);
  if (found?.[1] === undefined) return attemptKey(key, 2);
  return attemptKey(found[1], Number(found[2]) + 1);
}
