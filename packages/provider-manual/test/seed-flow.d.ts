import type {
  Payment,
  PaymentCollection,
  PaymentModuleService,
  PaymentSession,
} from "@tender/core";

export function createCollection(service: PaymentModuleService): Promise<PaymentCollection>;
export function createSession(
  service: PaymentModuleService,
  collection: PaymentCollection,
): Promise<PaymentSession>;
export function authorize(service: PaymentModuleService, session: PaymentSession): Promise<Payment>;
export function authorizeHandlingAdditionalAction(
  service: PaymentModuleService,
  session: PaymentSession,
  onRequiresMore: (session: PaymentSession, error: unknown) => Promise<Payment> | Payment,
): Promise<Payment>;
