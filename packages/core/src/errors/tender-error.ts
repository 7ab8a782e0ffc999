/* The errors live in @tender/provider, which plugins depend on; the core re-exports them here. */
export { TenderError, type TenderErrorOptions } from "@tender/provider";
