import { describe, expect, it } from "vitest";
import type { ProviderDispute, WebhookActionAndData } from "../provider/payment-provider";
import type { DisputeStatus } from "../records/statuses";
import { seededRandom } from "../testing/index";
import { scriptedProvider } from "../testing/scripted-provider";
import { capturedPayment, paymentRecords, recordEvents } from "./test-support";

/**
 * Disputes as a processor reports them: its own records (`records`, which
 * `listDisputes` answers from, unless `listing` is off) are what the books
 * are compared with. Webhook bodies map back to the events a test sent.
 */
function disputingProvider(listing = true) {
  const records: ProviderDispute[] = [];
  const sent = new Map<string, WebhookActionAndData>();
  const base = scriptedProvider({
    id: "card",
    capabilities: { webhooks: true },
    webhook: (rawBody) => {
      const event = sent.get(rawBody);
      if (!event) throw new Error(`unknown body ${rawBody}`);
      return event;
    },
  });
  const provider = Object.assign(base, {
    records,
    sent,
    ...(listing ? { listDisputes: async () => records.map((record) => ({ ...record })) } : {}),
  });
  return provider;
}

async function setup(options: { listing?: boolean; amount?: number } = {}) {
  const provider = disputingProvider(options.listing ?? true);
  const opened = await capturedPayment(options.amount ?? 5000, options.amount ?? 5000, provider);
  let serial = 0;
  const deliver = (event: Omit<WebhookActionAndData, "event_id">) => {
    serial += 1;
    const full = { ...event, event_id: `evt_${serial}` };
    const body = JSON.stringify({ n: serial });
    provider.sent.set(body, full);
    return opened.service.handleWebhook("card", { headers: {}, rawBody: body });
  };
  return { ...opened, provider, deliver, events: recordEvents(opened.service) };
}

type Setup = Awaited<ReturnType<typeof setup>>;

function dispute(id: string, status: DisputeStatus, amount = 5000): ProviderDispute {
  return {
    id,
    amount,
    reason: "fraudulent",
    status,
    raw_status: status,
    evidence_due_by: new Date("2030-01-08T00:00:00.000Z"),
  };
}

const HOLDS: readonly DisputeStatus[] = ["needs_response", "under_review", "lost"];

/** The books against the processor's records: one row per dispute, its status, and what they took back. */
async function expectBooksEqualProcessor({ service, payment, provider }: Setup) {
  const now = await service.retrievePayment(payment.id);
  const rows = await service.listDisputes({ payment_id: payment.id });
  expect(rows).toHaveLength(provider.records.length);
  for (const record of provider.records) {
    const row = rows.find((r) => r.provider_dispute_id === record.id);
    expect(row, record.id).toMatchObject({ status: record.status, amount: record.amount });
  }
  const taken = provider.records
    .filter((r) => HOLDS.includes(r.status))
    .reduce((sum, r) => sum + r.amount, 0);
  expect(now.disputed_amount).toBe(taken);
  const collection = await service.retrievePaymentCollection(payment.payment_collection_id);
  expect(collection.disputed_amount).toBe(taken);
  // A dispute moves no captured or refunded money of Tender's own.
  expect(collection.captured_amount).toBe(now.captured_amount);
  return { payment: now, rows, collection };
}

describe("disputes", () => {
  it("follows a chargeback to lost: its amount is taken back, cannot be refunded, and stays gone", async () => {
    const s = await setup();
    const { service, payment, provider, events } = s;
    provider.records.push(dispute("dp_1", "needs_response", 3000));
    await s.deliver({ action: "disputed", data: { session_id: payment.payment_session_id } });
    const { rows } = await expectBooksEqualProcessor(s);
    expect(rows[0]).toMatchObject({
      payment_collection_id: payment.payment_collection_id,
      provider_id: "card",
      currency_code: "usd",
      reason: "fraudulent",
      evidence_due_by: new Date("2030-01-08T00:00:00.000Z"),
      closed_at: null,
    });
    expect(await service.retrieveDispute(rows[0]?.id ?? "")).toEqual(rows[0]);
    expect(events.map((e) => e.name)).toEqual(["payment.dispute_opened"]);

    // The disputed 3000 cannot also be refunded; the other 2000 can.
    const before = await paymentRecords(service);
    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 2001 }),
    ).rejects.toMatchObject({
      code: "refund_exceeds_captured",
      message: expect.stringMatching(/disputes 3000.*cannot also be refunded/),
      details: { refundable: 2000, disputed_amount: 3000 },
    });
    expect(await paymentRecords(service)).toEqual(before);

    const [record] = provider.records;
    if (!record) throw new Error("no record");
    record.status = "under_review";
    await service.reconcilePayment(payment.id);
    record.status = "lost";
    record.raw_status = "lost";
    await s.deliver({ action: "disputed", data: { session_id: payment.payment_session_id } });
    const books = await expectBooksEqualProcessor(s);
    expect(books.rows[0]).toMatchObject({ status: "lost", closed_at: expect.any(Date) });
    expect(books.payment.disputed_amount).toBe(3000);
    expect(events.map((e) => e.name)).toEqual([
      "payment.dispute_opened",
      "payment.dispute_updated",
      "payment.dispute_closed",
    ]);
    await expect(service.refundPayment({ payment_id: payment.id })).resolves.toMatchObject({
      refunded_amount: 2000,
    });
    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 1 }),
    ).rejects.toMatchObject({
      code: "nothing_to_refund",
    });
  });

  it("gives the amount back when the chargeback is won", async () => {
    const s = await setup();
    s.provider.records.push(dispute("dp_1", "needs_response"));
    await s.service.reconcilePayment(s.payment.id);
    expect((await expectBooksEqualProcessor(s)).payment.disputed_amount).toBe(5000);
    await expect(s.service.refundPayment({ payment_id: s.payment.id })).rejects.toMatchObject({
      code: "nothing_to_refund",
    });
    const [record] = s.provider.records;
    if (record) record.status = "won";
    await s.service.reconcilePayment(s.payment.id);
    const books = await expectBooksEqualProcessor(s);
    expect(books.payment.disputed_amount).toBe(0);
    expect(books.collection.disputed_amount).toBe(0);
    const closed = s.events.filter((e) => e.name === "payment.dispute_closed");
    expect(closed).toHaveLength(1);
    expect(closed[0]?.data).toMatchObject({
      dispute: { status: "won" },
      payment: { disputed_amount: 0 },
    });
    await expect(s.service.refundPayment({ payment_id: s.payment.id })).resolves.toMatchObject({
      refunded_amount: 5000,
    });
  });

  it("takes nothing for an inquiry, and the amount once it escalates to a chargeback", async () => {
    const s = await setup();
    s.provider.records.push(dispute("dp_1", "warning_needs_response", 1500));
    await s.service.reconcilePayment(s.payment.id);
    expect((await expectBooksEqualProcessor(s)).payment.disputed_amount).toBe(0);
    const [record] = s.provider.records;
    if (record) record.status = "needs_response";
    await s.service.reconcilePayment(s.payment.id);
    expect((await expectBooksEqualProcessor(s)).payment.disputed_amount).toBe(1500);
    expect(await s.service.listDisputes({ status: "needs_response" })).toHaveLength(1);
    expect(await s.service.listDisputes({ payment_collection_id: "paycol_none" })).toEqual([]);
  });

  it("ends at the furthest state whatever order and how often the events come, a closed dispute never reopening (50 seeds)", async () => {
    const lives: DisputeStatus[][] = [
      ["needs_response", "under_review", "lost"],
      ["warning_needs_response", "warning_under_review", "needs_response", "won"],
      ["warning_needs_response", "warning_closed"],
    ];
    for (let seed = 1; seed <= 50; seed++) {
      const random = seededRandom(seed);
      const s = await setup({ listing: false, amount: 9000 });
      const reports = lives.flatMap((life, index) =>
        life.map((status) => dispute(`dp_${index}`, status, 1000 * (index + 1))),
      );
      const order = reports.flatMap((r) => (random() < 0.3 ? [r, r] : [r]));
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] as ProviderDispute, order[i] as ProviderDispute];
      }
      for (const report of order) {
        await s.deliver({
          action: "disputed",
          data: { session_id: s.payment.payment_session_id, dispute: report },
        });
      }
      s.provider.records.push(
        ...lives.map((life, index) =>
          dispute(`dp_${index}`, life.at(-1) as DisputeStatus, 1000 * (index + 1)),
        ),
      );
      const books = await expectBooksEqualProcessor(s);
      expect(books.payment.disputed_amount, `seed ${seed}`).toBe(1000);
      const opened = s.events.filter((e) => e.name === "payment.dispute_opened");
      expect(opened, `seed ${seed}`).toHaveLength(3);
    }
  });

  it("sends a dispute event back while its session has no payment, and refuses an invalid dispute", async () => {
    const s = await setup({ listing: false });
    const session = s.payment.payment_session_id;
    const before = await paymentRecords(s.service);
    for (const bad of [
      { ...dispute("dp_1", "lost"), amount: -5 },
      { ...dispute("dp_1", "lost"), status: "chargeback" },
      { ...dispute("dp_1", "lost"), evidence_due_by: "2030-01-01" },
      { ...dispute("", "lost") },
    ]) {
      await expect(
        s.deliver({ action: "disputed", data: { session_id: session, dispute: bad as never } }),
      ).rejects.toMatchObject({
        code: "provider_error",
        message: expect.stringMatching(/not valid/),
      });
    }
    await expect(
      s.deliver({ action: "disputed", data: { session_id: session } }),
    ).rejects.toMatchObject({
      code: "provider_error",
      message: expect.stringMatching(/data\.dispute/),
    });
    expect(await paymentRecords(s.service)).toEqual(before);
    expect(await s.service.listDisputes()).toEqual([]);

    const collection = await s.service.createPaymentCollections({
      currency_code: "usd",
      amount: 100,
    });
    const fresh = await s.service.createPaymentSession(collection.id, {
      provider_id: "card",
      currency_code: "usd",
      amount: 100,
    });
    await expect(
      s.deliver({
        action: "disputed",
        data: { session_id: fresh.id, dispute: dispute("dp_9", "needs_response", 100) },
      }),
    ).rejects.toMatchObject({ code: "not_found", retryable: true });
    expect(await s.service.listDisputes()).toEqual([]);
  });
});
