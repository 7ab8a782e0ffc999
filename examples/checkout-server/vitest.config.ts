import { defineProject } from "vitest/config";
import { sharedProject } from "../../vitest.shared.ts";

// A browser test waits on PGlite, Chromium and the server at once on a busy
// 2-core machine: two minutes each only catches a hang.
export default defineProject({
  ...sharedProject,
  test: { ...sharedProject.test, testTimeout: 120_000 },
});
