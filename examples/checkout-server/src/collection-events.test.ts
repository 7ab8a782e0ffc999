import { createPaymentModuleService, type TenderEvent } from "@tender/core";
import { manual } from "@tender/provider-manual";
import { describe, expect, it } from "vitest";
import { CollectionEvents } from "./collection-events";

describe("CollectionEvents", () => {
  it("hands each event of a payment's life to the listeners of its collection only", async () => {
    const service = createPaymentModuleService({ providers: [manual()] });
    const events = new CollectionEvents();
    service.on("*", (event) => events.publish(event));
    const [mine, other] = await service.createPaymentCollections([
      { currency_code: "eur", amount: 6700 },
      { currency_code: "eur", amount: 500 },
    ]);
    const heard: TenderEvent["name"][] = [];
    const unsubscribe = events.subscribe(mine?.id ?? "", (event) => heard.push(event.name));
    const ignored: string[] = [];
    events.subscribe(other?.id ?? "", (event) => ignored.push(event.name));

    const session = await service.createPaymentSession(mine?.id ?? "", {
      provider_id: "manual",
      currency_code: "eur",
      amount: 6700,
    });
    const payment = await service.authorizePaymentSession(session.id);
    await service.capturePayment({ payment_id: payment.id, amount: 4000 });
    await service.refundPayment({ payment_id: payment.id, amount: 1000 });
    unsubscribe();
    await service.capturePayment({ payment_id: payment.id, amount: 1000 }); // heard by nobody now
    await service.close();

    expect(heard).toEqual([
      "payment_session.created",
      "payment_session.authorized",
      "payment.captured",
      "payment.refunded",
    ]);
    expect(ignored).toEqual([]);
  });
});
