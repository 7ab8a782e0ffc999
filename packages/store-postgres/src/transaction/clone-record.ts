/**
 * A deep copy of a record: Dates, plain objects and arrays are copied, other
 * values kept. Records hold only those (JSON columns and timestamps), and this
 * is several times faster than `structuredClone`, which the store would
 * otherwise run on every row it hands out.
 */
export function cloneRecord<TRecord>(value: TRecord): TRecord {
  return cloneValue(value) as TRecord;
}

function cloneValue(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map(cloneValue);
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (Object.hasOwn(value, key)) out[key] = cloneValue(Reflect.get(value, key));
  }
  return out;
}
