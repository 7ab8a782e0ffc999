let counter = 0;

/** A schema name no other test, test file or process uses at the same time. */
export function uniqueSchema(prefix: string): string {
  counter++;
  const random = Math.random().toString(36).slice(2, 8);
  return `${prefix}_${process.pid}_${counter}_${random}`;
}
