import { runWorker } from "./run-worker";

/** Runs race-worker.ts in its own Node process and returns its output; any other ending is an error. */
export async function runRaceWorker(
  env: Record<string, string>,
  timeoutMs: number,
): Promise<string> {
  const exit = await runWorker("race-worker.ts", env, timeoutMs);
  if (exit.code !== 0) {
    throw new Error(
      `A race worker exited with ${exit.code ?? exit.signal}.\n${exit.stderr}\n${exit.stdout}`,
    );
  }
  return exit.stdout;
}
