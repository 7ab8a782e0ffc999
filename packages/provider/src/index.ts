/**
 * `@tender/provider`: the specification a Tender payment provider plugin
 * depends on: the versioned interface types, `ProviderError` and the
 * outcome rules, capability declarations, and `defineProvider`. It has no
 * runtime dependency on the core's service.
 *
 * @packageDocumentation
 */
export { TENDER_ERROR_CODES, type TenderErrorCode } from "./errors/error-codes";
export { ProviderError, type ProviderErrorOptions } from "./errors/provider-error";
export { passesLuhn, type RedactOptions, redact, redactDeep } from "./errors/redact";
export { TenderError, type TenderErrorOptions } from "./errors/tender-error";
export type {
  AccountHolderInput,
  AccountHolderResult,
  ListPaymentMethodsInput,
  PaymentMethodRecord,
  SavePaymentMethodInput,
} from "./v1/account-holders";
export type { AuthorizePaymentInput } from "./v1/authorize-payment-input";
export type { CapturePaymentInput, CapturePaymentResult } from "./v1/capture-payment-input";
export {
  type DefaultedProviderMethod,
  defineProvider,
  type ProviderDefinition,
  type RequiredProviderMethod,
} from "./v1/define-provider";
export { DISPUTE_STATUSES, type DisputeStatus } from "./v1/dispute-status";
export type {
  IncrementAuthorizationInput,
  IncrementAuthorizationResult,
} from "./v1/increment-authorization-input";
export type { InitiatePaymentInput } from "./v1/initiate-payment-input";
export type { NextAction } from "./v1/next-action";
export type { PaymentDataInput, ProviderDataResult } from "./v1/payment-data-input";
export type { PaymentProviderV1 } from "./v1/payment-provider-v1";
export { DEFAULT_CAPABILITIES, type ProviderCapabilities } from "./v1/provider-capabilities";
export type {
  ProviderAccountHolder,
  ProviderContext,
  ProviderCustomer,
} from "./v1/provider-context";
export type { ProviderDispute } from "./v1/provider-dispute";
export { providerId } from "./v1/provider-id";
export {
  PROVIDER_PAYMENT_STATUSES,
  type ProviderPaymentResult,
  type ProviderPaymentStatus,
} from "./v1/provider-payment-result";
export type { ProviderRefund } from "./v1/provider-refund";
export type { RefundPaymentInput, RefundPaymentResult } from "./v1/refund-payment-input";
export type { RiskSignal } from "./v1/risk-signal";
export type { SessionError } from "./v1/session-error";
export type { UpdatePaymentInput } from "./v1/update-payment-input";
export type { WebhookAction, WebhookActionAndData, WebhookPayload } from "./v1/webhook";
