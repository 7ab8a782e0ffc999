import { defineConfig } from "vitest/config";

// Runs every workspace project from the root (`pnpm vitest`); `pnpm test` runs them through turbo.
export default defineConfig({
  test: {
    projects: ["packages/*", "examples/*"],
  },
});
