import { spawn } from "node:child_process";
import { join } from "node:path";
import type { SampleModule } from "./assemble-module";

/** Long enough for PGlite or the fake Stripe on a loaded 2-core machine; a sample only ever hangs past it. */
const TIMEOUT_MS = 120_000;

export interface RunFailure {
  module: SampleModule;
  message: string;
}

/**
 * Runs the `run` samples with the repository's tsx and the `@tender/source`
 * condition, a few at a time; each must exit 0. In a failure's output the
 * module's file and line become the guide's (`docs/client.md:52`).
 */
export async function runSamples(
  root: string,
  folder: string,
  modules: SampleModule[],
  parallel = 4,
): Promise<RunFailure[]> {
  const failures: RunFailure[] = [];
  const queue = [...modules];
  const worker = async () => {
    for (let module = queue.shift(); module; module = queue.shift()) {
      const failure = await runOne(root, folder, module);
      if (failure) failures.push({ module, message: failure });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return failures.sort((a, b) => a.module.file.localeCompare(b.module.file));
}

function runOne(root: string, folder: string, module: SampleModule): Promise<string | undefined> {
  return new Promise((settle) => {
    const child = spawn(
      join(root, "node_modules", ".bin", "tsx"),
      ["--conditions=@tender/source", module.file],
      { cwd: folder, env: { ...process.env, NODE_ENV: "test" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => {
      output += `\n(killed after ${TIMEOUT_MS / 1000} s: the sample did not finish)`;
      child.kill("SIGKILL");
    }, TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      settle(`could not start tsx: ${error.message}`);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return settle(undefined);
      settle(`exited with ${signal ?? `code ${code}`}:\n${inGuide(output, module)}`);
    });
  });
}

/** Rewrites `line-45.ts:12:7` in a stack trace to the guide's own line. */
function inGuide(output: string, module: SampleModule): string {
  const name = module.file.split("/").pop() ?? module.file;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return output.replace(
    new RegExp(`[^\\s(]*${escaped}:(\\d+)(?::(\\d+))?`, "g"),
    (found, line: string) => {
      const origin = module.origins[Number(line) - 1];
      return origin ? `${origin.doc}:${origin.line}` : found;
    },
  );
}
