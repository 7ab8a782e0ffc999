import { defineProject } from "vitest/config";
import { sharedProject } from "../../vitest.shared.ts";

// Type tests (*.test-d.ts) check the client's inference and its compile errors.
export default defineProject({
  ...sharedProject,
  test: {
    ...sharedProject.test,
    typecheck: { ...sharedProject.test.typecheck, tsconfig: "./tsconfig.json" },
  },
});
