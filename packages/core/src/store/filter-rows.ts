import type { StorePage } from "./payment-store";

/** Equality on each field, or membership when the filter gives an array: the memory store's semantics. */
export function matchesFilter(row: object, filter: object | undefined): boolean {
  if (!filter) return true;
  for (const [field, expected] of Object.entries(filter)) {
    if (expected === undefined) continue;
    const actual: unknown = Reflect.get(row, field);
    if (isBefore(expected)) {
      if (!(actual instanceof Date) || actual.getTime() >= expected.before.getTime()) return false;
    } else if (Array.isArray(expected)) {
      if (!expected.includes(actual)) return false;
    } else if (actual !== expected) {
      return false;
    }
  }
  return true;
}

/** Orders by created_at then id (as SQL orders them, ids in byte order) and applies skip/take. */
export function paginate<TRow extends { id: string; created_at: Date }>(
  rows: TRow[],
  page: StorePage | undefined,
): TRow[] {
  const direction = page?.order === "desc" ? -1 : 1;
  rows.sort((a, b) => {
    const byTime = a.created_at.getTime() - b.created_at.getTime();
    return direction * (byTime !== 0 ? byTime : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  const skip = page?.skip ?? 0;
  return rows.slice(skip, page?.take === undefined ? undefined : skip + page.take);
}

/** A `{ before: Date }` condition of a store filter. */
export function isBefore(value: unknown): value is { before: Date } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Reflect.get(value, "before") instanceof Date
  );
}
