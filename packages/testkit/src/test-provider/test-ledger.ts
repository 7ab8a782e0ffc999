/** Money the test provider moved under one idempotency key (each key once, however often it was sent). */
export interface TestLedgerEntry {
  idempotency_key: string;
  kind: "capture" | "refund";
  session_id: string;
  /** Tender's payment id the call named. */
  payment_id: string;
  amount: number;
}

/** What moved at the provider, summed over ledger entries. */
export interface MovedMoney {
  captured: number;
  refunded: number;
}

/** Sums the entries that match every given field. */
export function sumMoved(
  entries: readonly TestLedgerEntry[],
  filter: { session_id?: string; payment_id?: string } = {},
): MovedMoney {
  const moved = { captured: 0, refunded: 0 };
  for (const entry of entries) {
    if (filter.session_id !== undefined && entry.session_id !== filter.session_id) continue;
    if (filter.payment_id !== undefined && entry.payment_id !== filter.payment_id) continue;
    if (entry.kind === "capture") moved.captured += entry.amount;
    else moved.refunded += entry.amount;
  }
  return moved;
}
