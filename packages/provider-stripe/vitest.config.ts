import { defineProject } from "vitest/config";

// Workspace packages resolve to their TypeScript source, so tests never wait on a build.
export default defineProject({
  resolve: { conditions: ["@tender/source"] },
  ssr: { resolve: { conditions: ["@tender/source"] } },
  test: { typecheck: { enabled: true, include: ["src/**/*.test-d.ts"] } },
});
