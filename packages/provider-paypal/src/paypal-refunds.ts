import { type PaymentProviderV1, ProviderError, type ProviderRefund } from "@tender/core";
import { match } from "ts-pattern";
import { toPayPalMoney } from "./paypal-currency";
import { orderIdOf } from "./paypal-data";
import { toProviderError } from "./paypal-error";
import type { PayPalOrderView, PayPalRefundView } from "./paypal-objects";
import { viewRefund } from "./paypal-objects";
import { type PayPalContext, readOrder } from "./paypal-orders";
import type { PayPalRefundStatus } from "./paypal-statuses";

/** One sub-refund of a Tender refund: how much of which capture. */
export interface RefundPart {
  capture_id: string;
  amount: number;
}

const GONE: ReadonlySet<PayPalRefundStatus> = new Set(["FAILED", "CANCELLED"]);

/**
 * The `custom_id` Tender's sub-refunds carry: the Tender refund they belong
 * to and its whole amount, so a list of PayPal's refunds says whether all of
 * a Tender refund's parts are there (`invoice_id` is the refund id too).
 */
export function refundMarker(refundId: string, total: number): string {
  return `${refundId}/${total}`;
}

function readMarker(refund: PayPalRefundView): { refund_id: string; total: number } | undefined {
  const found = /^(.+)\/(\d+)$/.exec(refund.custom_id ?? "");
  if (found?.[1] === undefined || found[2] === undefined || found[1] !== refund.invoice_id)
    return undefined;
  return { refund_id: found[1], total: Number(found[2]) };
}

/** What of each capture can still be refunded: its amount less its refunds that did not fail. */
export function refundableByCapture(order: PayPalOrderView): Map<string, number> {
  const rest = new Map<string, number>();
  for (const capture of order.captures) {
    if (capture.status === "COMPLETED" || capture.status === "PARTIALLY_REFUNDED")
      rest.set(capture.id, capture.amount);
  }
  for (const refund of order.refunds) {
    const left = refund.capture_id === null ? undefined : rest.get(refund.capture_id);
    if (left !== undefined && refund.capture_id !== null && !GONE.has(refund.status))
      rest.set(refund.capture_id, left - refund.amount);
  }
  return rest;
}

/**
 * Splits `amount` over the order's captures, newest first, never more than
 * a capture's refundable rest. Pure: the same order and amount give the same
 * parts, so a refund sent again plans what it planned the first time.
 */
export function planRefund(order: PayPalOrderView, amount: number): RefundPart[] {
  const rest = refundableByCapture(order);
  const parts: RefundPart[] = [];
  let left = amount;
  for (const capture of [...order.captures].reverse()) {
    if (left <= 0) break;
    const available = rest.get(capture.id) ?? 0;
    const take = Math.min(available, left);
    if (take <= 0) continue;
    parts.push({ capture_id: capture.id, amount: take });
    left -= take;
  }
  return parts;
}

/** The sub-refunds PayPal holds for one Tender refund (found by its invoice id), failed ones left out. */
export function ownRefunds(order: PayPalOrderView, refundId: string): PayPalRefundView[] {
  return order.refunds.filter(
    (refund) => refund.invoice_id === refundId && readMarker(refund) !== undefined,
  );
}

/** A Tender refund's status from its parts at PayPal. */
export function refundStatusOf(
  parts: readonly PayPalRefundView[],
  total: number,
): "pending" | "succeeded" | "failed" {
  const sum = (statuses: readonly PayPalRefundStatus[]) =>
    parts
      .filter((part) => statuses.includes(part.status))
      .reduce((all, part) => all + part.amount, 0);
  if (sum(["COMPLETED"]) >= total) return "succeeded";
  if (parts.length > 0 && parts.every((part) => GONE.has(part.status))) return "failed";
  return "pending";
}

function mapRefundStatus(status: PayPalRefundStatus): ProviderRefund["status"] {
  return match(status)
    .with("COMPLETED", () => "succeeded" as const)
    .with("PENDING", () => "pending" as const)
    .with("FAILED", "CANCELLED", () => "failed" as const)
    .exhaustive();
}

/**
 * Refunds per capture. A Tender refund of a payment captured in parts is
 * split over its captures (newest first, each within what it can still give
 * back), each part under a request id derived from the refund's key and the
 * capture; before sending, the order is read and the parts PayPal already
 * holds for this refund (by its invoice id) are counted, so sending the
 * refund again, or after a lost answer, never refunds twice.
 */
export function paypalRefunds(ctx: PayPalContext): Pick<PaymentProviderV1, "refundPayment"> & {
  listRefunds: NonNullable<PaymentProviderV1["listRefunds"]>;
} {
  return {
    async refundPayment(input) {
      const orderId = orderIdOf(input.data, ctx.id);
      toPayPalMoney(input.amount, input.currency_code);
      const key = input.idempotency_key;
      const order = await readOrder(ctx, orderId);
      const own = ownRefunds(order, input.refund_id);
      const made = own.filter((part) => !GONE.has(part.status));
      const covered = made.reduce((sum, part) => sum + part.amount, 0);
      const parts = planRefund(order, input.amount - covered);
      const planned = parts.reduce((sum, part) => sum + part.amount, 0);
      if (covered + planned < input.amount) {
        throw new ProviderError({
          providerId: ctx.id,
          code: "invalid_request",
          definite: made.length === 0,
          message: `PayPal order ${orderId} can give back only ${covered + planned} more of refund ${input.refund_id} (${input.amount}) from its captures.`,
        });
      }
      for (const part of parts) {
        // A part's request id is new for each part a capture gives to this refund.
        const onCapture = own.filter((refund) => refund.capture_id === part.capture_id).length;
        const requestId = `${key}:${part.capture_id}:${onCapture}`;
        const money = toPayPalMoney(part.amount, input.currency_code);
        try {
          const answer = await ctx.api().refundCapture(part.capture_id, requestId, {
            amount: { currencyCode: money.currency_code, value: money.value },
            invoiceId: input.refund_id,
            customId: refundMarker(input.refund_id, input.amount),
            ...(input.note ? { noteToPayer: input.note.slice(0, 255) } : {}),
          });
          const refund = viewRefund(answer);
          if (refund) made.push({ ...refund, capture_id: refund.capture_id ?? part.capture_id });
        } catch (error) {
          const failure = toProviderError(error, ctx.id, requestId);
          // The order says whether this part was made, whatever the answer was.
          const after = await readOrder(ctx, orderId).catch(() => undefined);
          const found = after
            ? ownRefunds(after, input.refund_id).find(
                (refund) =>
                  refund.capture_id === part.capture_id &&
                  !made.some((known) => known.id === refund.id),
              )
            : undefined;
          if (found) {
            made.push(found);
            continue;
          }
          if (failure.definite && made.length === 0) throw failure;
          if (failure.definite)
            throw new ProviderError({
              providerId: ctx.id,
              code: failure.code,
              retryable: true,
              idempotencyKey: key,
              message: `PayPal refused a part of refund ${input.refund_id} after other parts were made (${failure.message}); the refund stays pending.`,
              cause: failure,
            });
          throw failure;
        }
      }
      const status = refundStatusOf(made, input.amount);
      return {
        status,
        data: {
          paypal_refund_ids: made.map((part) => part.id),
          paypal_refunds: made.map((part) => ({
            id: part.id,
            capture_id: part.capture_id,
            amount: part.amount,
            status: part.status,
          })),
        },
      };
    },

    async listRefunds(input) {
      const order = await readOrder(ctx, orderIdOf(input.data, ctx.id));
      const listed: ProviderRefund[] = [];
      const groups = new Map<string, { total: number; parts: PayPalRefundView[] }>();
      for (const refund of order.refunds) {
        const marker = readMarker(refund);
        if (marker === undefined) {
          // Made in PayPal's dashboard, or a reversal: not Tender's.
          listed.push({
            id: refund.id,
            amount: refund.amount,
            status: mapRefundStatus(refund.status),
            refund_id: null,
          });
          continue;
        }
        const group = groups.get(marker.refund_id) ?? { total: marker.total, parts: [] };
        group.parts.push(refund);
        groups.set(marker.refund_id, group);
      }
      // One entry per Tender refund, settled only when all of its parts are.
      for (const [refundId, { total, parts }] of groups) {
        const [first] = parts;
        if (first === undefined) continue;
        listed.push({
          id: first.id,
          amount: total,
          status: refundStatusOf(parts, total),
          refund_id: refundId,
        });
      }
      return listed;
    },
  };
}
