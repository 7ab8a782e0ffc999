import { TenderError } from "../errors/tender-error";
import type { StoreFilter, StorePage, StoreTables, TableName } from "../store/payment-store";
import { inTransaction, mustGet, type ServiceContext } from "./service-context";
import { describe, rejectUnknownKeys, requireId, requireObject } from "./validate-input";

/** Filters a list call takes: equality on a field, or any of several values. */
export type ListFilters<T> = StoreFilter<T>;

/** Pagination: at most `take` records after skipping `skip`, oldest first unless `order: "desc"`. */
export interface ListConfig {
  take?: number;
  skip?: number;
  order?: "asc" | "desc";
}

export async function retrieveRecord<T extends TableName>(
  ctx: ServiceContext,
  table: T,
  id: unknown,
  where: string,
): Promise<StoreTables[T]> {
  const checked = requireId(id, `${where}(id)`);
  return inTransaction(ctx, ({ tx }) => mustGet(tx, table, checked));
}

/**
 * Lists records by the fields a caller may filter on. An unknown filter field
 * is an error, not a filter silently ignored.
 */
export async function listRecords<T extends TableName>(
  ctx: ServiceContext,
  table: T,
  allowed: readonly (keyof StoreTables[T] & string)[],
  filtersInput: unknown,
  configInput: unknown,
  where: string,
): Promise<StoreTables[T][]> {
  const filters =
    filtersInput === undefined ? {} : requireObject(filtersInput, `${where}(filters)`);
  rejectUnknownKeys(filters, allowed, `${where}(filters)`);
  for (const [key, value] of Object.entries(filters)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v !== "string" && v !== null)) {
      throw new TenderError({
        code: "invalid_argument",
        message: `${where}(filters).${key} must be a string or an array of strings.`,
      });
    }
  }
  const page = toPage(configInput, where);
  const filter: StoreFilter<StoreTables[T]> = {};
  for (const key of allowed) {
    if (filters[key] !== undefined) Reflect.set(filter, key, filters[key]);
  }
  return inTransaction(ctx, ({ tx }) => tx.list(table, filter, page));
}

function toPage(configInput: unknown, where: string): StorePage {
  if (configInput === undefined) return {};
  const config = requireObject(configInput, `${where}(filters, config)`);
  rejectUnknownKeys(config, ["take", "skip", "order"], `${where}(filters, config)`);
  const page: StorePage = {};
  for (const key of ["take", "skip"] as const) {
    const value = config[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new TenderError({
        code: "invalid_argument",
        message: `${where}(filters, { ${key} }) must be an integer of 0 or more; got ${describe(value)}.`,
      });
    }
    page[key] = value;
  }
  if (config.order !== undefined) {
    if (config.order !== "asc" && config.order !== "desc") {
      throw new TenderError({
        code: "invalid_argument",
        message: `${where} order is "asc" or "desc".`,
      });
    }
    page.order = config.order;
  }
  return page;
}
