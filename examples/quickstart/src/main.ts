import { runQuickstart } from "./run-quickstart";

runQuickstart().catch((error: unknown) => {
  console.error("\nThe quickstart failed:", error);
  process.exitCode = 1;
});
