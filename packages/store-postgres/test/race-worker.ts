/**
 * One process of the multi-process race: its own store and service over the
 * shared schema, capturing and refunding random amounts of the given payments
 * one call at a time, then printing what it saw as one JSON line.
 * Run by multi-process-race.test.ts; configured through RACE_* variables.
 */
import { createPaymentModuleService, ProviderError, TenderError } from "@tender/core";
import { scriptedProvider } from "@tender/core/testing";
import { postgresStore } from "../src/index";
import type { RaceOutcome, RaceReport } from "./race-report";

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`race-worker needs ${name}.`);
  return value;
}

const worker = Number(setting("RACE_WORKER"));
const paymentIds = setting("RACE_PAYMENTS").split(",");
const operations = Number(setting("RACE_OPERATIONS"));
let seed = 7919 * (worker + 1);
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// One call in ten is refused by the "provider", so failed calls are exercised too.
const provider = scriptedProvider({
  id: "card",
  capture: async (input) => {
    await pause(random() * 3);
    if (random() < 0.1) {
      throw new ProviderError({
        providerId: "card",
        code: "card_declined",
        definite: true,
        message: "The issuer refused the capture.",
      });
    }
    return { data: input.data };
  },
  refund: async (input) => {
    await pause(random() * 3);
    return { status: random() < 0.1 ? "failed" : "succeeded", data: input.data };
  },
});
const store = postgresStore({
  connectionString: setting("RACE_DATABASE_URL"),
  schema: setting("RACE_SCHEMA"),
  poolSize: 3,
  maxAttempts: 100,
});
const service = createPaymentModuleService({ providers: [provider], store });
const EXPECTED = new Set([
  "capture_exceeds_authorized",
  "refund_exceeds_captured",
  "nothing_to_refund",
]);

const report: RaceReport = {
  worker,
  captured: [],
  refunded: [],
  refusedCaptures: [],
  refusedRefunds: [],
  rejected: 0,
  unexpected: [],
  retries: 0,
};

function providerCall(method: string, index: number, idField: string): string | undefined {
  const input = provider.callsTo(method)[index]?.input;
  const id = typeof input === "object" && input !== null ? Reflect.get(input, idField) : undefined;
  return typeof id === "string" ? id : undefined;
}

for (let i = 0; i < operations; i++) {
  const paymentId = paymentIds[Math.floor(random() * paymentIds.length)] ?? "";
  const amount = 1 + Math.floor(random() * 400);
  const capture = random() < 0.55;
  const method = capture ? "capturePayment" : "refundPayment";
  const before = provider.callsTo(method).length;
  try {
    if (capture) await service.capturePayment({ payment_id: paymentId, amount });
    else await service.refundPayment({ payment_id: paymentId, amount });
    const id = providerCall(method, before, capture ? "capture_id" : "refund_id");
    const outcome: RaceOutcome = { id: id ?? "(no provider call)", payment_id: paymentId, amount };
    (capture ? report.captured : report.refunded).push(outcome);
  } catch (error) {
    const id = providerCall(method, before, capture ? "capture_id" : "refund_id");
    const code = TenderError.isInstance(error) ? error.code : "unknown";
    if (id !== undefined && (code === "card_declined" || code === "provider_error")) {
      (capture ? report.refusedCaptures : report.refusedRefunds).push(id);
    } else if (id === undefined && EXPECTED.has(code)) {
      report.rejected++;
    } else {
      report.unexpected.push(
        `${method} ${paymentId} ${amount}: ${code}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
report.retries = store.stats().retries;
await store.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
