import { createPaymentModuleService, type TenderEvent, toTenderEvent } from "@tender/core";
import { manual } from "@tender/provider-manual";
import { collectionRecord } from "@tender/testkit";
import { describe, expect, it } from "vitest";
import { usePglite } from "./pglite-fixture";

const { pglite, freshStore } = usePglite();

/** The outbox's rows as the database holds them, oldest first. */
async function storedPayloads(schema: string): Promise<Array<{ id: string; data: unknown }>> {
  const result = await pglite().query<{ id: string; data: unknown }>(
    `SELECT id, data FROM "${schema}".outbox_events ORDER BY aggregate_id, sequence`,
  );
  return result.rows;
}

/** Writes an outbox row as another version of Tender would: `data` is the payload's JSON text. */
async function writeOutboxRow(
  schema: string,
  row: { id: string; aggregate_id: string; at: string; data: string },
): Promise<void> {
  await pglite().query(
    `INSERT INTO "${schema}".outbox_events (id, created_at, updated_at, name, aggregate_id, sequence, data, attempts, available_at)
     VALUES ($1, $2, $2, 'payment_collection.created', $3, 0, $4::json, 0, $2)`,
    [row.id, row.at, row.aggregate_id, row.data],
  );
}

describe("event payloads in the SQL outbox", () => {
  it("are kept packed and read back as the events the service emitted", async () => {
    const { store, schema } = await freshStore();
    // Acknowledgements wait, so the delivered events are still in the outbox to look at.
    const service = createPaymentModuleService({
      providers: [manual()],
      store,
      relay: { ackDelayMs: 600_000 },
    });
    const emitted: TenderEvent[] = [];
    service.on("*", (event) => {
      emitted.push(event);
    });
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 5000,
    });
    const session = await service.createPaymentSession(collection.id, {
      provider_id: "manual",
      currency_code: "usd",
      amount: 5000,
    });
    const payment = await service.authorizePaymentSession(session.id);
    await service.capturePayment({ payment_id: payment.id });
    await service.refundPayment({ payment_id: payment.id, amount: 1500 });

    const stored = await storedPayloads(schema);
    expect(stored.map((row) => row.id)).toEqual(emitted.map((event) => event.id));
    for (const row of stored) {
      // Format 1 first; the records as arrays of values, without their field names.
      expect(Array.isArray(row.data) && row.data[0]).toBe(1);
      expect(JSON.stringify(row.data)).not.toContain('"payment_collection_id"');
    }
    const bytes = stored.reduce((sum, row) => sum + JSON.stringify(row.data).length, 0);
    const unpacked = emitted.reduce((sum, event) => sum + JSON.stringify(event.data).length, 0);
    expect(bytes).toBeLessThan(unpacked / 2);

    const pending = await store.outbox.list({ state: "pending" });
    expect(pending.map(toTenderEvent)).toEqual(emitted);
    await service.close();
    await store.close();
  });

  it("leaves an event in a newer version's payload format to a relay that reads it, and delivers the rest", async () => {
    const { store, schema } = await freshStore();
    const at = new Date().toISOString();
    // As a newer version would write it: a payload format this version does not read.
    await writeOutboxRow(schema, {
      id: "evt_future",
      aggregate_id: "paycol_future",
      at,
      data: '[2, "collection", []]',
    });
    // Another event, in the same claim: written by a service that delivers nothing itself.
    const writer = createPaymentModuleService({ providers: [manual()], store, relay: false });
    const collection = await writer.createPaymentCollections({ currency_code: "usd", amount: 5 });
    const service = createPaymentModuleService({
      providers: [manual()],
      store,
      relay: { maxAttempts: 1 },
    });
    const delivered: string[] = [];
    service.on("*", (event) => {
      delivered.push(event.name);
    });
    expect(await service.relay?.drain()).toMatchObject({ delivered: 1, parked: 0 });
    expect(delivered).toEqual(["payment_collection.created"]);
    // Held, not attempted, not parked: once its claim runs out, a relay that reads it takes it.
    const held = await pglite().query<{
      attempts: number;
      parked_at: string | null;
      claimed: boolean;
    }>(
      `SELECT attempts, parked_at, claimed_until IS NOT NULL AS claimed FROM "${schema}".outbox_events`,
    );
    expect(held.rows).toEqual([{ attempts: 0, parked_at: null, claimed: true }]);
    expect(collection.id).not.toBe("paycol_future");
    await service.close();
    await store.close();
  });

  it("delivers an event written before payloads were packed", async () => {
    const { store, schema } = await freshStore();
    const collection = collectionRecord("paycol_legacy");
    const occurred = collection.created_at.toISOString();
    // As a version before packing wrote it: the record as an object, its times as ISO text.
    const legacy = JSON.stringify({ collection });
    await writeOutboxRow(schema, {
      id: "evt_legacy",
      aggregate_id: "paycol_legacy",
      at: occurred,
      data: legacy,
    });
    const service = createPaymentModuleService({ providers: [manual()], store });
    const delivered: TenderEvent[] = [];
    service.on("*", (event) => {
      delivered.push(event);
    });
    await service.relay?.drain();
    expect(delivered).toEqual([
      {
        name: "payment_collection.created",
        id: "evt_legacy",
        occurred_at: new Date(occurred),
        data: { collection },
      },
    ]);
    expect(await storedPayloads(schema)).toEqual([]);
    await service.close();
    await store.close();
  });
});
