import { initialSchema } from "./0001-initial-schema";
import type { Migration } from "./migration";

/** Every migration, in version order. */
export const MIGRATIONS: readonly Migration[] = [initialSchema];
