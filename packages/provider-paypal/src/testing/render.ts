import type { FakeOrder } from "./fake-objects";
import type { FakePayPalContext } from "./fake-paypal-context";
import type { OrderRecord } from "./fake-paypal-state";

/**
 * An order as PayPal shows it: its first purchase unit carries the
 * authorizations, captures and refunds made on it (as snapshots).
 */
export function renderOrder(context: FakePayPalContext, record: OrderRecord): FakeOrder {
  const { state } = context;
  const order = structuredClone(record.order);
  const authorizations = record.authorizationIds.flatMap((id) => {
    const found = state.authorizations.get(id);
    return found ? [structuredClone(found.authorization)] : [];
  });
  const captureRecords = record.captureIds.flatMap((id) => {
    const found = state.captures.get(id);
    return found ? [found] : [];
  });
  const captures = captureRecords.map((found) => structuredClone(found.capture));
  const refunds = captureRecords.flatMap((found) =>
    found.refundIds.flatMap((id) => {
      const refund = state.refunds.get(id);
      return refund ? [structuredClone(refund.refund)] : [];
    }),
  );
  const unit = order.purchase_units[0];
  if (unit !== undefined && authorizations.length + captures.length > 0) {
    unit.payments = {
      ...(authorizations.length > 0 ? { authorizations } : {}),
      ...(captures.length > 0 ? { captures } : {}),
      ...(refunds.length > 0 ? { refunds } : {}),
    };
  }
  return order;
}
