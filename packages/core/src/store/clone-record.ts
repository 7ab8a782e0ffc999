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
  // A spread copies a record in one step, in its own shape (several times faster than
  // adding its fields one by one); only the fields holding objects are copied again.
  const out: Record<string, unknown> = { ...value };
  for (const key in out) {
    const field = out[key];
    if (typeof field !== "object" || field === null) continue;
    const copied = cloneValue(field);
    // Defined, not assigned: an own "__proto__" field stays a field.
    if (key === "__proto__") {
      Object.defineProperty(out, key, {
        value: copied,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else out[key] = copied;
  }
  return out;
}
