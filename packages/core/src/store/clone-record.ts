/**
 * A deep copy of a record: Dates, plain objects and arrays are copied, other
 * values kept as they are. Records hold only those (JSON fields and times),
 * and this is several times faster than `structuredClone`, which a store
 * would otherwise run on every row it hands out. An object of another kind
 * (a Map in someone's metadata, say) is copied by `structuredClone`.
 */
export function cloneRecord<TRecord>(value: TRecord): TRecord {
  return cloneValue(value) as TRecord;
}

function cloneValue(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map(cloneValue);
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (Object.hasOwn(value, key)) out[key] = cloneValue(Reflect.get(value, key));
  }
  return out;
}
