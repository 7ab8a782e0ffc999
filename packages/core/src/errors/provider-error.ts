/* The errors live in @tender/provider, which plugins depend on; the core re-exports them here. */
export { ProviderError, type ProviderErrorOptions } from "@tender/provider";
