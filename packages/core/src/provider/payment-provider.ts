/*
 * The provider interface lives in @tender/provider, the specification a
 * plugin depends on; the core re-exports it for its own modules and for
 * application code.
 */
export {
  type AccountHolderInput,
  type AccountHolderResult,
  type AuthorizePaymentInput,
  type CapturePaymentInput,
  type CapturePaymentResult,
  DEFAULT_CAPABILITIES,
  defineProvider,
  type IncrementAuthorizationInput,
  type IncrementAuthorizationResult,
  type InitiatePaymentInput,
  type ListPaymentMethodsInput,
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
  type RefundPaymentInput,
  type RefundPaymentResult,
  type SavePaymentMethodInput,
  type UpdatePaymentInput,
  type WebhookAction,
  type WebhookActionAndData,
  type WebhookPayload,
} from "@tender/provider";
