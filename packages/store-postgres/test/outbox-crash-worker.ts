/**
 * One process of the outbox crash test (outbox-crash.test.ts), in one of two modes:
 *
 * - `write`: runs accept-payment flows over the shared schema with a
 *   subscriber that logs each event it is handed (one JSON line per event)
 *   and SIGKILLs its own process when handed event number CRASH_AT: that
 *   event's commit is durable, its delivery never finishes.
 * - `restart`: a new process over the same schema whose service relays what
 *   is in the outbox to a subscriber that dedupes by event id (the ids seen
 *   are kept in the log), then exits.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { createPaymentModuleService, type TenderEvent } from "@tender/core";
import { scriptedProvider } from "@tender/core/testing";
import { postgresStore } from "../src/index";

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`outbox-crash-worker needs ${name}.`);
  return value;
}

const mode = setting("CRASH_MODE");
const log = setting("CRASH_LOG");
const store = postgresStore({
  connectionString: setting("CRASH_DATABASE_URL"),
  schema: setting("CRASH_SCHEMA"),
  poolSize: 2,
});
const provider = scriptedProvider({ id: "card", capabilities: { local: true } });

function record(event: TenderEvent, by: string): void {
  appendFileSync(
    log,
    `${JSON.stringify({ id: event.id, name: event.name, data: event.data, by })}\n`,
  );
}

if (mode === "write") {
  const crashAt = Number(setting("CRASH_AT"));
  let handed = 0;
  // A short grace, so the restarted process may take what this one never acknowledged.
  const service = createPaymentModuleService({
    providers: [provider],
    store,
    relay: { graceMs: 300 },
  });
  service.on("*", (event) => {
    handed++;
    if (handed === crashAt) process.kill(process.pid, "SIGKILL");
    record(event, "writer");
  });
  for (let flow = 0; ; flow++) {
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 1000 + flow,
    });
    const session = await service.createPaymentSession(collection.id, {
      provider_id: "card",
      currency_code: "usd",
      amount: 1000 + flow,
    });
    const payment = await service.authorizePaymentSession(session.id);
    await service.capturePayment({ payment_id: payment.id });
    await service.refundPayment({ payment_id: payment.id, amount: 100 });
  }
} else {
  const seen = new Set<string>();
  if (existsSync(log)) {
    for (const line of readFileSync(log, "utf8").split("\n")) {
      if (line) seen.add(JSON.parse(line).id);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 400));
  const service = createPaymentModuleService({ providers: [provider], store });
  let duplicates = 0;
  service.on("*", (event) => {
    // The subscriber dedupes by event id, as a subscriber of an at-least-once relay must.
    if (seen.has(event.id)) {
      duplicates++;
      return;
    }
    seen.add(event.id);
    record(event, "restart");
  });
  const round = await service.relay?.drain();
  await service.close();
  await store.close();
  process.stdout.write(`${JSON.stringify({ ...round, duplicates })}\n`);
}
