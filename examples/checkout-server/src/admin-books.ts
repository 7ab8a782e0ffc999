import {
  PAYMENT_COLLECTION_STATUSES,
  PAYMENT_STATUSES,
  type Payment,
  type PaymentCollectionStatus,
  type PaymentStatus,
  type RefundReason,
} from "@tender/core";
import type { CheckoutTender } from "./checkout-providers";
import { invalidArgument } from "./http/api-error";
import {
  type CollectionView,
  collectionView,
  type DisputeView,
  disputeView,
  type PaymentView,
  paymentView,
} from "./record-views";

/** The admin lists the newest first, this many at most. */
const PAGE = { take: 100, order: "desc" } as const;

export function collectionStatusOf(value: string | undefined): PaymentCollectionStatus | undefined {
  if (value === undefined || value === "") return undefined;
  const status = PAYMENT_COLLECTION_STATUSES.find((known) => known === value);
  if (status === undefined) {
    throw invalidArgument(
      `status must be a collection status, one of ${PAYMENT_COLLECTION_STATUSES.join(", ")}; got ${JSON.stringify(value)}.`,
    );
  }
  return status;
}

export function paymentStatusOf(value: string | undefined): PaymentStatus | undefined {
  if (value === undefined || value === "") return undefined;
  const status = PAYMENT_STATUSES.find((known) => known === value);
  if (status === undefined) {
    throw invalidArgument(
      `status must be a payment status, one of ${PAYMENT_STATUSES.join(", ")}; got ${JSON.stringify(value)}.`,
    );
  }
  return status;
}

export async function listCollectionViews(
  tender: CheckoutTender,
  status: PaymentCollectionStatus | undefined,
): Promise<CollectionView[]> {
  const collections = await tender.service.listPaymentCollections(
    status === undefined ? {} : { status },
    PAGE,
  );
  return collections.map(collectionView);
}

export async function listPaymentViews(
  tender: CheckoutTender,
  filters: { status?: PaymentStatus | undefined; collectionId?: string | undefined },
): Promise<PaymentView[]> {
  const payments = await tender.service.listPayments(
    {
      ...(filters.status !== undefined ? { status: filters.status } : {}),
      ...(filters.collectionId !== undefined
        ? { payment_collection_id: filters.collectionId }
        : {}),
    },
    PAGE,
  );
  const reasons = await tender.service.listRefundReasons();
  return Promise.all(payments.map((payment) => withRelated(tender, payment, reasons)));
}

export async function readPaymentView(
  tender: CheckoutTender,
  paymentId: string,
): Promise<PaymentView> {
  const payment = await tender.service.retrievePayment(paymentId);
  return withRelated(tender, payment, await tender.service.listRefundReasons());
}

export async function listDisputeViews(tender: CheckoutTender): Promise<DisputeView[]> {
  return (await tender.service.listDisputes({}, PAGE)).map(disputeView);
}

async function withRelated(
  tender: CheckoutTender,
  payment: Payment,
  reasons: readonly RefundReason[],
): Promise<PaymentView> {
  const [captures, refunds, disputes] = await Promise.all([
    tender.service.listCaptures({ payment_id: payment.id }),
    tender.service.listRefunds({ payment_id: payment.id }),
    tender.service.listDisputes({ payment_id: payment.id }),
  ]);
  return paymentView(payment, { captures, refunds, disputes, reasons });
}
