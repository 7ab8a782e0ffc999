/* The errors live in @tender/provider, which plugins depend on; the core re-exports them here. */
export { passesLuhn, type RedactOptions, redact, redactDeep } from "@tender/provider";
