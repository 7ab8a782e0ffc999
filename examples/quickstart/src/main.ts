import type { PaymentStore } from "@tender/core";
import { pgliteStore } from "@tender/store-postgres/pglite";
import { runPayPalQuickstart } from "./run-paypal-quickstart";
import { runQuickstart } from "./run-quickstart";
import { runStripeQuickstart } from "./run-stripe-quickstart";

/** `--store pglite` runs the flow on an embedded PostgreSQL (PGlite) instead of the in-memory store. */
function chosenStore(argv: readonly string[]): PaymentStore | undefined {
  const index = argv.indexOf("--store");
  const name = index >= 0 ? argv[index + 1] : undefined;
  if (name === undefined || name === "memory") return undefined;
  if (name === "pglite") return pgliteStore();
  throw new Error(`--store is "memory" (the default) or "pglite"; got ${JSON.stringify(name)}.`);
}

async function main(): Promise<void> {
  const store = chosenStore(process.argv.slice(2));
  try {
    await runQuickstart(store ? { store } : {});
    await runStripeQuickstart();
    await runPayPalQuickstart();
    console.log("\nDone: every step succeeded.");
  } finally {
    await store?.close?.();
  }
}

main().catch((error: unknown) => {
  console.error("\nThe quickstart failed:", error);
  process.exitCode = 1;
});
