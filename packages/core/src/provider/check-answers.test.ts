import { describe, expect, it } from "vitest";
import { authorizedPayment, sessionFor } from "../service/test-support";
import { scriptedProvider } from "../testing/index";

/** A provider answer the contract does not allow, as a plugin's bug would return it. */
function broken(answer: unknown): never {
  // The scripted provider is typed; a bug is not.
  return answer as never;
}

describe("answers that break the provider contract", () => {
  it.each([
    ["undefined", undefined],
    ['a status of "ok"', { status: "ok", data: {} }],
    ["no data", { status: "authorized" }],
    ["a next_action without a type", { status: "requires_more", data: {}, next_action: {} }],
    [
      "a capture_before that is not a Date",
      { status: "authorized", data: {}, capture_before: "soon" },
    ],
  ])(
    "an authorize answering %s is an unknown outcome naming the provider, never a decline",
    async (_what, answer) => {
      const provider = scriptedProvider({ id: "card", authorize: () => broken(answer) });
      const { service, session } = await sessionFor(provider, 1000);

      const error = await service.authorizePaymentSession(session.id).catch((e: unknown) => e);

      expect(error).toMatchObject({
        name: "TenderError",
        code: "outcome_unknown",
        message: expect.stringContaining("Provider card's authorizePayment answered"),
      });
      const after = await service.retrievePaymentSession(session.id);
      // Not told to use another payment method: the authorization stays in flight for reconcile.
      expect(after.status).not.toBe("error");
      expect(after.authorization_started_at).toBeInstanceOf(Date);
      expect(await service.listPayments()).toEqual([]);
    },
  );

  it("a capture answering nothing leaves the capture pending for reconcile", async () => {
    let calls = 0;
    const provider = scriptedProvider({
      id: "card",
      capture: (input) => (calls++ === 0 ? broken(undefined) : { data: input.data }),
    });
    const { service, payment } = await authorizedPayment(1000, provider);

    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "outcome_unknown",
      message: expect.stringContaining("capturePayment answered undefined"),
    });
    expect(await service.listCaptures({ payment_id: payment.id })).toMatchObject([
      { status: "pending" },
    ]);

    expect(await service.reconcilePayment(payment.id)).toMatchObject({ captured_amount: 1000 });
  });

  it("a refund answering an unknown status is an unknown outcome, not a failure", async () => {
    const provider = scriptedProvider({
      id: "card",
      refund: () => broken({ status: "done", data: {} }),
    });
    const { service, payment } = await authorizedPayment(1000, provider);
    await service.capturePayment({ payment_id: payment.id });

    await expect(service.refundPayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "outcome_unknown",
      message: expect.stringContaining('refundPayment answered {"status":"done"'),
    });
    expect(await service.listRefunds({ payment_id: payment.id })).toMatchObject([
      { status: "pending" },
    ]);
  });

  it("masks a card number a broken answer carries before it reaches the message", async () => {
    const provider = scriptedProvider({
      id: "card",
      authorize: () => broken({ status: "ok", data: { pan: "4242424242424242" } }),
    });
    const { service, session } = await sessionFor(provider, 1000);

    const error = await service.authorizePaymentSession(session.id).catch((e: unknown) => e);

    expect(String(Reflect.get(Object(error), "message"))).not.toContain("4242424242424242");
  });

  it("every call names the session it belongs to", async () => {
    const provider = scriptedProvider({ id: "card" });
    const { service, session, payment } = await authorizedPayment(1000, provider);
    await service.capturePayment({ payment_id: payment.id, amount: 400 });
    await service.refundPayment({ payment_id: payment.id, amount: 100 });

    for (const method of [
      "initiatePayment",
      "authorizePayment",
      "capturePayment",
      "refundPayment",
    ]) {
      for (const call of provider.callsTo(method)) {
        expect(call.input, method).toMatchObject({ session_id: session.id });
      }
    }
  });
});
