import { defineProject } from "vitest/config";

// Workspace packages resolve to their TypeScript source, so tests never wait on a build.
// Timeouts are generous: a suite starts PGlite (a few seconds) and migrates a fresh schema per test.
export default defineProject({
  resolve: { conditions: ["@tender/source"] },
  ssr: { resolve: { conditions: ["@tender/source"] } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    typecheck: { enabled: true, include: ["src/**/*.test-d.ts"] },
  },
});
