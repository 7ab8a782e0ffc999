import { defineProject } from "vitest/config";

// Workspace packages resolve to their TypeScript source, so tests never wait on a build.
// Type tests (*.test-d.ts) check the client's inference and its compile errors.
export default defineProject({
  resolve: { conditions: ["@tender/source"] },
  ssr: { resolve: { conditions: ["@tender/source"] } },
  test: {
    typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
