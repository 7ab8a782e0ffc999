export { TENDER_ERROR_CODES, type TenderErrorCode } from "./errors/error-codes";
export { ProviderError, type ProviderErrorOptions } from "./errors/provider-error";
export { type RedactOptions, redact, redactDeep } from "./errors/redact";
export { TenderError, type TenderErrorOptions } from "./errors/tender-error";
export { collectionIdOf } from "./events/collection-id-of";
export { EventBus, type EventHandler } from "./events/event-bus";
export { isFromNewerVersion, toTenderEvent } from "./events/outbox-event";
export {
  createOutboxRelay,
  type OutboxRelay,
  type OutboxRelayOptions,
  type RelayRound,
} from "./events/outbox-relay";
export type { ServiceRelayOptions } from "./events/service-delivery";
export {
  TENDER_EVENT_NAMES,
  type TenderEvent,
  type TenderEventMap,
  type TenderEventName,
} from "./events/tender-events";
export {
  assertAmount,
  CURRENCIES,
  type CurrencyInfo,
  formatAmount,
  getCurrency,
  isCurrencyCode,
  isMinorUnitAmount,
  money,
  normalizeCurrencyCode,
  parseAmount,
  toDecimalString,
} from "./money/index";
export {
  collectionHeld,
  disputedBy,
  disputeHolds,
  heldBy,
  heldByPayment,
  incrementInFlight,
  isFinalCapture,
  type MovementAmount,
  netCaptured,
  type PaymentMoney,
  refundable,
  releasedAfterCapture,
  releasedWhenClosed,
  remainingToCapture,
  type SessionHold,
  unbookedCapture,
} from "./money/ledger";
export {
  type AccountHolderInput,
  type AccountHolderResult,
  type AuthorizePaymentInput,
  type CapturePaymentInput as ProviderCapturePaymentInput,
  type CapturePaymentResult,
  DEFAULT_CAPABILITIES,
  type DefaultedProviderMethod,
  defineProvider,
  type IncrementAuthorizationInput as ProviderIncrementAuthorizationInput,
  type IncrementAuthorizationResult,
  type InitiatePaymentInput,
  type ListPaymentMethodsInput as ProviderListPaymentMethodsInput,
  type PaymentDataInput,
  type PaymentMethodRecord,
  type PaymentProviderV1,
  PROVIDER_PAYMENT_STATUSES,
  type ProviderAccountHolder,
  type ProviderCapabilities,
  type ProviderContext,
  type ProviderCustomer,
  type ProviderDataResult,
  type ProviderDefinition,
  type ProviderDispute,
  type ProviderPaymentResult,
  type ProviderPaymentStatus,
  type ProviderRefund,
  providerId,
  type RefundPaymentInput as ProviderRefundPaymentInput,
  type RefundPaymentResult,
  type RequiredProviderMethod,
  type SavePaymentMethodInput,
  type UpdatePaymentInput as ProviderUpdatePaymentInput,
  type WebhookAction,
  type WebhookActionAndData,
  type WebhookPayload,
} from "./provider/payment-provider";
export { generateId, ID_PREFIXES } from "./records/generate-id";
export {
  assertJsonValue,
  assertStorableText,
  type JsonLimits,
  type JsonValue,
  MAX_JSON_BYTES,
  MAX_JSON_DEPTH,
  MAX_STORED_JSON_BYTES,
  MAX_STORED_JSON_DEPTH,
} from "./records/json-value";
export type {
  AccountHolder,
  Capture,
  Dispute,
  IdempotencyRecord,
  Metadata,
  NextAction,
  OutboxEvent,
  Payment,
  PaymentCollection,
  PaymentSession,
  Refund,
  RefundReason,
  RiskSignal,
  SessionError,
  SessionProviderCall,
  WebhookEventRecord,
} from "./records/records";
export {
  DISPUTE_STATUSES,
  type DisputeStatus,
  OPERATION_STATUSES,
  type OperationStatus,
  PAYMENT_COLLECTION_STATUSES,
  PAYMENT_SESSION_STATUSES,
  PAYMENT_STATUSES,
  type PaymentCollectionStatus,
  type PaymentSessionStatus,
  type PaymentStatus,
} from "./records/statuses";
export type {
  CreateAccountHolderInput,
  CreatePaymentMethodsInput,
  ListPaymentMethodsInput,
} from "./service/account-holders";
export type { CapturePaymentInput } from "./service/capture-payment";
export type { CreatePaymentCollectionInput } from "./service/create-payment-collections";
export {
  createPaymentModuleService,
  type PaymentModuleService,
  type PaymentModuleServiceOptions,
} from "./service/create-payment-module-service";
export type { CreatePaymentSessionInput } from "./service/create-payment-session";
export type {
  ExpireAuthorizationsOptions,
  ExpireAuthorizationsResult,
} from "./service/expire-authorizations";
export type { WebhookResult } from "./service/handle-webhook";
export type { IncrementAuthorizationInput } from "./service/increment-authorization";
export type { MarkPaymentSessionPaidOptions } from "./service/mark-payment-session-paid";
export type { ListConfig, ListFilters } from "./service/queries";
export type { ReconcileOptions, ReconcileResult } from "./service/reconcile-sweep";
export type { RefundPaymentInput } from "./service/refund-payment";
export type { CreateRefundReasonInput } from "./service/refund-reasons";
export type { UpdatePaymentInput } from "./service/update-payment";
export type { UpdatePaymentCollectionInput } from "./service/update-payment-collections";
export type { UpdatePaymentSessionInput } from "./service/update-payment-session";
export {
  type CollectionTotals,
  deriveCollectionStatus,
  type PaymentLike,
  type SessionLike,
} from "./state/derive-collection-status";
export {
  canDisputeMove,
  DISPUTE_TRANSITIONS,
  isDisputeClosed,
} from "./state/dispute-transitions";
export {
  derivePaymentStatus,
  isExpired,
  PAYMENT_TRANSITIONS,
  type PaymentAmounts,
} from "./state/payment-transitions";
export {
  isAuthorizable,
  isTerminalSession,
  judgeSessionTransition,
  SESSION_TRANSITIONS,
  type TransitionVerdict,
} from "./state/session-transitions";
export { memoryStore } from "./store/memory-store";
export type {
  BeforeCondition,
  OutboxStore,
  PaymentStore,
  StoreFilter,
  StorePage,
  StoreTables,
  StoreTransaction,
  TableName,
  TransactionOptions,
} from "./store/payment-store";
