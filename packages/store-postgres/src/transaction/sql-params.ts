import type { ColumnType } from "../schema/columns";
import type { EncodedValue } from "../schema/encode-value";

/** Collects parameters for one statement and hands out cast placeholders (`$3::bigint`). */
export class SqlParams {
  readonly values: EncodedValue[] = [];

  add(value: EncodedValue, type: ColumnType | `${ColumnType}[]`): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}
