/* The errors live in @tender/provider, which plugins depend on; the core re-exports them here. */
export { TENDER_ERROR_CODES, type TenderErrorCode } from "@tender/provider";
