/**
 * `pnpm docs:check`: every TypeScript and JavaScript sample in README.md and
 * docs/ compiles against the workspace's source, and the runnable ones run,
 * so a guide cannot drift from the API.
 *
 * Each ```ts / ```typescript / ```js block of a guide is a module of its own
 * (written to .doc-samples/, git-ignored), type-checked with the
 * repository's compiler options, `@tender/*` resolved to source through the
 * `@tender/source` export condition. Other fences (sh, json, sql, mermaid)
 * are text. An HTML comment right before a block says more about it:
 *
 * - `<!-- sample: run -->`: also run with tsx (the same condition); it must
 *   exit 0. Runnable samples use in-memory things only: the manual provider,
 *   the fake Stripe over msw, the memory store or PGlite.
 * - `<!-- sample: setup=name -->`: a fragment. The guide defines what it
 *   uses in a hidden block, prepended to the sample, shown to no reader:
 *
 *       <!-- sample-setup: name
 *       import type { PaymentModuleService } from "@tender/core";
 *       declare const service: PaymentModuleService;
 *       -->
 *
 *   A runnable fragment's setup makes real values instead of declaring them.
 *   `setup=a,b` takes several, in that order; in a sample that continues
 *   another (below), each part's setups come right before that part.
 * - `<!-- sample: id=step-1 -->` names a sample; `<!-- sample: after=step-1 -->`
 *   continues it (its code, with its setups, comes first), for a guide that
 *   walks through one flow in several blocks.
 * - `<!-- sample: expect-errors -->`: a sample of mistakes. Each line followed
 *   by a `// error: ...` comment must fail to compile; the rest must compile.
 * - `<!-- sample: run expect-throws -->`: a JavaScript sample of misuse. Each
 *   line followed by `// TenderError <code>: <message>` (the comment may go
 *   on over several lines) must throw a `TenderError` with that code and that
 *   very message, whitespace aside.
 * - `<!-- sample: skip: why -->`: not checked. Only for a block that is not
 *   a Tender sample in TypeScript; say why.
 *
 * Options combine: `<!-- sample: run setup=service after=step-1 -->`. A
 * failure names the guide and its line (`docs/client.md:52:3 TS2304: ...`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { assembleModule, type SampleModule } from "./doc-samples/assemble-module";
import { extractSamples, type Sample } from "./doc-samples/extract-samples";
import { runSamples } from "./doc-samples/run-samples";
import { writeSampleWorkspace } from "./doc-samples/sample-workspace";
import { typeCheckSamples } from "./doc-samples/type-check-samples";

const root = resolve(import.meta.dirname, "..");
const folder = join(root, ".doc-samples");

function guides(): string[] {
  const found = ["README.md"];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      // docs/api is typedoc's output, not a guide.
      if (entry.isDirectory() && path !== "docs/api") walk(path);
      else if (entry.isFile() && entry.name.endsWith(".md")) found.push(path);
    }
  };
  walk("docs");
  return found.sort();
}

async function main(): Promise<number> {
  const problems: string[] = [];
  const modules: SampleModule[] = [];
  let skipped = 0;
  for (const doc of guides()) {
    const extracted = extractSamples(doc, readFileSync(join(root, doc), "utf8"));
    problems.push(...extracted.problems);
    const byId = new Map<string, Sample>();
    for (const sample of extracted.samples) {
      const { id } = sample.directive;
      if (id === undefined) continue;
      if (byId.has(id)) problems.push(`${doc}:${sample.line}: id=${id} is used twice`);
      byId.set(id, sample);
    }
    for (const sample of extracted.samples) {
      if (sample.directive.skip !== undefined) {
        skipped++;
        continue;
      }
      const module = assembleModule(sample, extracted, byId);
      if (typeof module === "string") problems.push(`${doc}:${sample.line}: ${module}`);
      else modules.push(module);
    }
  }

  writeSampleWorkspace(root, folder, modules);
  const typeErrors = typeCheckSamples(root, folder, modules);
  const runnable = modules.filter((module) => module.sample.directive.run);
  // A sample that does not compile is not run: its type errors say what is wrong.
  const failing = new Set(typeErrors.map((error) => error.split(":").slice(0, 2).join(":")));
  const toRun = runnable.filter(
    (module) => !module.origins.some((o) => o && failing.has(`${o.doc}:${o.line}`)),
  );
  const runFailures = await runSamples(root, folder, toRun);

  for (const problem of problems) console.error(`${problem} (sample directive)`);
  for (const error of typeErrors) console.error(error);
  for (const { module, message } of runFailures) {
    console.error(`${module.sample.doc}:${module.sample.line}: the sample ${message}`);
  }
  const notRun = runnable.length - toRun.length;
  console.log(
    `docs:check: ${modules.length} samples type-checked, ${toRun.length} run${notRun ? ` (${notRun} not run: they do not compile)` : ""}, ${skipped} skipped; modules in ${relative(root, folder)}/`,
  );
  const failed = problems.length + typeErrors.length + runFailures.length + notRun;
  if (failed > 0) {
    console.error(
      `docs:check failed: ${problems.length} directive problems, ${typeErrors.length} type errors, ${runFailures.length} samples failing at run time.`,
    );
    return 1;
  }
  return 0;
}

process.exitCode = await main();
