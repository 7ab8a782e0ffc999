import type { InitiatePaymentInput, ProviderPaymentStatus } from "@tender/provider";
import type { TestOutcomeSpec } from "./test-outcome";

/** The test provider's own record of one session's payment. */
export interface TestPaymentState {
  id: string;
  session_id: string;
  amount: number;
  spec: TestOutcomeSpec;
  status: ProviderPaymentStatus;
  /** The customer acted on a `requires_more`. */
  acted: boolean;
  /** An `unknown_failure` lost its one answer. */
  lost: boolean;
  captured: number;
  refunds: Array<{
    id: string;
    refund_id: string;
    amount: number;
    status: "pending" | "succeeded" | "failed";
  }>;
}

/** The records, by the id kept in the session's data (`test_payment_id`) and by session. */
export function testPaymentStates(providerId: string) {
  const byId = new Map<string, TestPaymentState>();
  const byKey = new Map<string, TestPaymentState>();
  const bySession = new Map<string, TestPaymentState>();
  const missing = (what: string) =>
    new Error(
      `Test provider ${providerId} has no payment for ${what}: open the session through the service first.`,
    );
  return {
    /** The payment an initiate opens; the same key opens it once. */
    open(input: InitiatePaymentInput, spec: TestOutcomeSpec): TestPaymentState {
      const known = byKey.get(input.idempotency_key);
      if (known) return known;
      const payment: TestPaymentState = {
        id: `tpay_${byId.size + 1}`,
        session_id: input.session_id,
        amount: input.amount,
        spec,
        status: "pending",
        acted: false,
        lost: false,
        captured: 0,
        refunds: [],
      };
      byId.set(payment.id, payment);
      byKey.set(input.idempotency_key, payment);
      bySession.set(input.session_id, payment);
      return payment;
    },
    of(data: Record<string, unknown>, sessionId: string): TestPaymentState {
      const id = data.test_payment_id;
      const payment = typeof id === "string" ? byId.get(id) : bySession.get(sessionId);
      if (!payment) throw missing(typeof id === "string" ? id : sessionId);
      return payment;
    },
    bySession(sessionId: string): TestPaymentState {
      const payment = bySession.get(sessionId);
      if (!payment) throw missing(sessionId);
      return payment;
    },
  };
}
