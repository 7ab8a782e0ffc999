import { createPaymentModuleService, formatAmount, TenderError } from "@tender/core";
import { stripe } from "@tender/provider-stripe";
import { createFakeStripe } from "@tender/provider-stripe/testing";
import { setupServer } from "msw/node";

/**
 * The same flow with the Stripe provider, against the fake Stripe API (msw
 * intercepts the official SDK's requests: no network, no account): a card
 * that succeeds, a card that is declined, and a 3DS round trip.
 */
export async function runStripeQuickstart(
  print: (line: string) => void = console.log,
): Promise<void> {
  const fake = createFakeStripe({ webhookSecret: "whsec_quickstart" });
  const server = setupServer(...fake.handlers);
  server.listen({ onUnhandledRequest: "error" });
  try {
    const service = createPaymentModuleService({
      providers: [stripe({ apiKey: "sk_test_quickstart", webhookSecret: "whsec_quickstart" })],
    });
    const open = async (paymentMethod: string) => {
      const collection = await service.createPaymentCollections({
        currency_code: "usd",
        amount: 5000,
      });
      return service.createPaymentSession(collection.id, {
        provider_id: "stripe",
        currency_code: "usd",
        amount: 5000,
        data: { payment_method: paymentMethod, return_url: "https://shop.example/return" },
      });
    };
    print("\nStripe (against the fake Stripe API, no network)");

    print("\n7. pm_card_visa: authorize, capture, refund");
    const visa = await open("pm_card_visa");
    let payment = await service.authorizePaymentSession(visa.id);
    print(
      `   authorized ${formatAmount(payment.amount, "usd")}; PaymentIntent ${String(visa.data.id)} requires_capture`,
    );
    payment = await service.capturePayment({ payment_id: payment.id });
    payment = await service.refundPayment({ payment_id: payment.id, amount: 1500 });
    print(
      `   payment    ${payment.status}, captured ${formatAmount(payment.captured_amount, "usd")}, refunded ${formatAmount(payment.refunded_amount, "usd")}`,
    );

    print("\n8. pm_card_chargeDeclinedInsufficientFunds: declined");
    const declined = await open("pm_card_chargeDeclinedInsufficientFunds");
    try {
      await service.authorizePaymentSession(declined.id);
      throw new Error("the declined card was authorized");
    } catch (error) {
      if (!TenderError.isInstance(error) || error.code !== "payment_authorization_failed")
        throw error;
      const session = await service.retrievePaymentSession(declined.id);
      print(
        `   authorize threw ${error.code}; session ${session.status} (${session.raw_status}), decline code ${session.error?.decline_code}`,
      );
    }

    print("\n9. pm_card_threeDSecure2Required: 3DS round trip");
    const threeDS = await open("pm_card_threeDSecure2Required");
    try {
      await service.authorizePaymentSession(threeDS.id);
      throw new Error("the 3DS card was authorized without a challenge");
    } catch (error) {
      if (!TenderError.isInstance(error) || error.code !== "payment_requires_more") throw error;
      const session = await service.retrievePaymentSession(threeDS.id);
      print(
        `   authorize threw ${error.code}; send the customer to ${session.next_action?.redirect_url}`,
      );
    }
    fake.completeThreeDS(String(threeDS.data.id));
    print("   the customer passes the challenge...");
    const afterChallenge = await service.authorizePaymentSession(threeDS.id);
    print(
      `   authorized again: payment ${afterChallenge.status}, ${formatAmount(afterChallenge.amount, "usd")}`,
    );
    await service.close();
  } finally {
    server.close();
  }
}
