import type { PaymentModuleService } from "@tender/core";

/**
 * Tender's sweeps on a timer: reconcile settles what a crash or a lost
 * answer left pending, expireAuthorizations lapses holds past their
 * deadline. Both are safe to run from several processes.
 */
export function startSweeps(
  service: PaymentModuleService,
  options: { everyMs: number; log: (line: string) => void },
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const sweep = async () => {
    try {
      await service.reconcile();
      await service.expireAuthorizations();
    } catch (error) {
      options.log(`sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const timer = setInterval(() => {
    running = running.then(sweep);
  }, options.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
