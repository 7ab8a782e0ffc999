import { createPaymentModuleService, formatAmount, TenderError } from "@tender/core";
import { paypal } from "@tender/provider-paypal";
import { createFakePayPal } from "@tender/provider-paypal/testing";
import { setupServer } from "msw/node";

/**
 * The flow with the PayPal provider, against the fake PayPal API (msw
 * intercepts the official SDK's requests: no network, no account): the buyer
 * is sent to PayPal to approve, comes back, and the order is authorized,
 * captured in two parts and refunded across both captures; then a buyer whose
 * card PayPal declines after approving.
 */
export async function runPayPalQuickstart(
  print: (line: string) => void = console.log,
): Promise<void> {
  const credentials = {
    clientId: "quickstart-client-id",
    clientSecret: "quickstart-client-secret",
    webhookId: "WH-QUICKSTART",
  };
  const fake = createFakePayPal(credentials);
  const server = setupServer(...fake.handlers);
  server.listen({ onUnhandledRequest: "error" });
  try {
    const service = createPaymentModuleService({
      providers: [
        paypal({
          ...credentials,
          environment: "sandbox",
          returnUrl: "https://shop.example/paypal/return",
          cancelUrl: "https://shop.example/paypal/cancel",
        }),
      ],
    });
    const open = async () => {
      const collection = await service.createPaymentCollections({
        currency_code: "eur",
        amount: 8000,
      });
      const session = await service.createPaymentSession(collection.id, {
        provider_id: "paypal",
        currency_code: "eur",
        amount: 8000,
      });
      return { session, orderId: String(session.data.order_id) };
    };
    const askApproval = async (sessionId: string) => {
      try {
        await service.authorizePaymentSession(sessionId);
        throw new Error("the order was authorized before the buyer approved it");
      } catch (error) {
        if (!TenderError.isInstance(error) || error.code !== "payment_requires_more") throw error;
        const waiting = await service.retrievePaymentSession(sessionId);
        return waiting.next_action?.redirect_url;
      }
    };
    const eur = (amount: number) => formatAmount(amount, "eur");
    print("\nPayPal (against the fake PayPal API, no network)");

    print("\n10. approve at PayPal, authorize, capture in two parts, refund across both");
    const approved = await open();
    print(
      `   authorize threw payment_requires_more; send the buyer to ${await askApproval(approved.session.id)}`,
    );
    fake.approve(approved.orderId);
    print("   the buyer approves at PayPal and comes back...");
    let payment = await service.authorizePaymentSession(approved.session.id);
    print(
      `   authorized ${eur(payment.amount)}; order ${approved.orderId}, authorization ${String(payment.data.authorization_id)}, capture before ${payment.capture_before?.toISOString().slice(0, 10)}`,
    );
    payment = await service.capturePayment({ payment_id: payment.id, amount: 3000 });
    payment = await service.capturePayment({ payment_id: payment.id });
    payment = await service.refundPayment({ payment_id: payment.id, amount: 6000 });
    const moved = fake.moved(approved.orderId);
    print(
      `   payment    ${payment.status}, captured ${eur(payment.captured_amount)}, refunded ${eur(payment.refunded_amount)}`,
    );
    print(`   PayPal     captured ${eur(moved.captured)}, refunded ${eur(moved.refunded)}`);

    print("\n11. approved with a card PayPal then declines");
    const declined = await open();
    await askApproval(declined.session.id);
    fake.approveWithDeclinedInstrument(declined.orderId);
    try {
      await service.authorizePaymentSession(declined.session.id);
      throw new Error("the declined order was authorized");
    } catch (error) {
      if (!TenderError.isInstance(error) || error.code !== "payment_authorization_failed")
        throw error;
      const session = await service.retrievePaymentSession(declined.session.id);
      print(`   authorize threw ${error.code}; session ${session.status} (${session.error?.code})`);
    }
    await service.close();
  } finally {
    server.close();
  }
}
