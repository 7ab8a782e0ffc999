import { randomUUID } from "node:crypto";

interface Row {
  id: string;
  amount: number;
  status: string;
  captured: number;
  refunded: number;
}

/**
 * The memory store's baseline: the same flow as plain Maps, no checks, no
 * locks, no events, no copies. It bounds what an in-memory flow can cost.
 */
export function minimalMemoryFlow(): { run(): Promise<void> } {
  const collections = new Map<string, Row>();
  const sessions = new Map<string, Row & { collection: string }>();
  const payments = new Map<string, Row & { collection: string }>();
  const captures = new Map<string, { id: string; payment: string; amount: number }>();
  const refunds = new Map<string, { id: string; payment: string; amount: number }>();
  return {
    async run() {
      const collection = {
        id: randomUUID(),
        amount: 5000,
        status: "not_paid",
        captured: 0,
        refunded: 0,
      };
      collections.set(collection.id, collection);
      const session = {
        id: randomUUID(),
        amount: 5000,
        status: "pending",
        captured: 0,
        refunded: 0,
        collection: collection.id,
      };
      sessions.set(session.id, session);
      await Promise.resolve();
      session.status = "authorized";
      const payment = {
        id: randomUUID(),
        amount: 5000,
        status: "authorized",
        captured: 0,
        refunded: 0,
        collection: collection.id,
      };
      payments.set(payment.id, payment);
      collection.status = "authorized";
      await Promise.resolve();
      const capture = {
        id: randomUUID(),
        payment: payment.id,
        amount: payment.amount - payment.captured,
      };
      captures.set(capture.id, capture);
      payment.captured += capture.amount;
      payment.status = "captured";
      collection.captured += capture.amount;
      collection.status = "completed";
      await Promise.resolve();
      const refund = { id: randomUUID(), payment: payment.id, amount: 1500 };
      refunds.set(refund.id, refund);
      payment.refunded += refund.amount;
      payment.status = "partially_refunded";
      collection.refunded += refund.amount;
      collection.status = "partially_refunded";
    },
  };
}
