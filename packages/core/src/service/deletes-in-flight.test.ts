import { describe, expect, it } from "vitest";
import { createPaymentModuleService } from "../index";
import { scriptedProvider } from "../testing/index";

/** A gate a provider call waits on: the provider's answer is still on its way. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

async function authorizationInFlight() {
  const answer = gate();
  const reached = gate();
  const provider = scriptedProvider({
    id: "slow",
    authorize: async (input) => {
      reached.open();
      await answer.opened;
      return { status: "authorized", data: input.data };
    },
  });
  const service = createPaymentModuleService({ providers: [provider] });
  const collection = await service.createPaymentCollections({ currency_code: "eur", amount: 800 });
  const session = await service.createPaymentSession(collection.id, {
    provider_id: "slow",
    currency_code: "eur",
    amount: 800,
  });
  const authorizing = service.authorizePaymentSession(session.id);
  await reached.opened;
  return { service, provider, collection, session, authorizing, answer };
}

describe("deleting while an authorization is in flight", () => {
  it("refuses to delete the session, deletes nothing, and the authorization still books its payment", async () => {
    const { service, provider, collection, session, authorizing, answer } =
      await authorizationInFlight();
    await expect(service.deletePaymentSession(session.id)).rejects.toMatchObject({
      code: "operation_in_progress",
      retryable: true,
      details: { session_id: session.id },
    });
    expect(provider.callsTo("deletePayment")).toHaveLength(0);
    answer.open();
    const payment = await authorizing;
    expect(payment).toMatchObject({ status: "authorized", amount: 800 });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "authorized",
    });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      authorized_amount: 800,
    });
  });

  it("refuses to delete the collection, keeps every record, and the money held is booked", async () => {
    const { service, provider, collection, authorizing, answer } = await authorizationInFlight();
    await expect(service.deletePaymentCollections(collection.id)).rejects.toMatchObject({
      code: "operation_in_progress",
    });
    expect(provider.callsTo("deletePayment")).toHaveLength(0);
    answer.open();
    const payment = await authorizing;
    // With its payment booked, the collection is refused for the money it holds.
    await expect(service.deletePaymentCollections(collection.id)).rejects.toMatchObject({
      code: "collection_has_payments",
    });
    expect(await service.listPayments({ payment_collection_id: collection.id })).toMatchObject([
      { id: payment.id, status: "authorized" },
    ]);
  });
});
