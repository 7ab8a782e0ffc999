/** One versioned schema change. Released migrations never change; new ones are appended. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The SQL, given the quoted schema name to qualify every object with. */
  sql(quotedSchema: string): string;
}
