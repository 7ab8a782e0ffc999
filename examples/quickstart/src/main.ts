import { runQuickstart } from "./run-quickstart";
import { runStripeQuickstart } from "./run-stripe-quickstart";

async function main(): Promise<void> {
  await runQuickstart();
  await runStripeQuickstart();
  console.log("\nDone: every step succeeded.");
}

main().catch((error: unknown) => {
  console.error("\nThe quickstart failed:", error);
  process.exitCode = 1;
});
