import type { UserWorkspaceConfig } from "vitest/config";

/**
 * What every package's vitest project shares.
 *
 * Workspace packages resolve to their TypeScript source (the `@tender/source`
 * export condition), so tests never wait on a build.
 *
 * Timeouts are sized for a loaded 2-core machine, not an idle one: `pnpm test`
 * runs every package's suite at once through turbo, CI runs it beside a CPU
 * load, and a test that starts PGlite (a WebAssembly PostgreSQL, about 7 s
 * alone), migrates a schema or spawns a child process can take several times
 * as long there. A timeout only catches a hang; no test measures speed.
 */
export const sharedProject = {
  resolve: { conditions: ["@tender/source"] },
  ssr: { resolve: { conditions: ["@tender/source"] } },
  test: {
    testTimeout: 180_000,
    hookTimeout: 180_000,
    typecheck: { enabled: true, include: ["src/**/*.test-d.ts"] },
  },
} satisfies UserWorkspaceConfig;
