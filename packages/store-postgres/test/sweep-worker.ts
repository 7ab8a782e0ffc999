/**
 * One process of the sweep test (sweeps-multi-process.test.ts): its own store
 * and service over the shared schema, with a provider that captures (it
 * answers each capture, as the processor's idempotent replay would), runs the
 * reconcile sweep once and prints what it did and which captures it sent,
 * as one JSON line.
 */
import { createPaymentModuleService } from "@tender/core";
import { scriptedProvider } from "@tender/core/testing";
import { postgresStore } from "../src/index";

const url = process.env.SWEEP_DATABASE_URL ?? "";
const schema = process.env.SWEEP_SCHEMA ?? "";
const store = postgresStore({ connectionString: url, schema, poolSize: 4 });
const sent: string[] = [];
const provider = scriptedProvider({
  id: "card",
  capture: async (input) => {
    sent.push(input.capture_id);
    await new Promise((resolve) => setTimeout(resolve, 2));
    return { data: input.data };
  },
});
const service = createPaymentModuleService({ providers: [provider], store, relay: false });
const result = await service.reconcile({ olderThan: 0, limit: 1000 });
await store.close();
process.stdout.write(`${JSON.stringify({ result, sent })}\n`);
