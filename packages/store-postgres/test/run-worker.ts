import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

export interface WorkerExit {
  code: number | null;
  /** The signal that ended it (`SIGKILL`), or null when it exited on its own. */
  signal: string | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a test worker script (beside this file) in its own Node process,
 * through tsx with workspace packages resolved to source, and resolves with
 * how it ended: a crash is an ending the caller may expect.
 */
export function runWorker(
  name: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<WorkerExit> {
  const script = fileURLToPath(new URL(`./${name}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=@tender/source", "--import", "tsx", script],
      {
        cwd: packageDir,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${name} ran longer than ${timeoutMs} ms.\n${stderr}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
