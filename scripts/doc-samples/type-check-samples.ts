import { join, relative, resolve } from "node:path";
import ts from "typescript";
import type { SampleModule } from "./assemble-module";

/**
 * Type-checks every sample module in one program with the repository's
 * compiler options (tsconfig.base.json: strict, `noUncheckedIndexedAccess`,
 * `customConditions: ["@tender/source"]`, so `@tender/*` is the workspace's
 * source). Returns one line per error, placed in its guide
 * (`docs/client.md:45:3 TS2304: ...`); errors outside the samples (in a
 * package's source) are named by their file.
 */
export function typeCheckSamples(root: string, folder: string, modules: SampleModule[]): string[] {
  const base = ts.readConfigFile(join(root, "tsconfig.base.json"), ts.sys.readFile);
  if (base.error) return [formatPlain(base.error, root)];
  const parsed = ts.parseJsonConfigFileContent(
    {
      ...base.config,
      compilerOptions: {
        ...base.config.compilerOptions,
        noEmit: true,
        allowJs: true,
        checkJs: false,
      },
    },
    ts.sys,
    folder,
  );
  const files = new Map(modules.map((module) => [resolve(folder, module.file), module]));
  const program = ts.createProgram({ rootNames: [...files.keys()], options: parsed.options });
  const seen = new Set<string>();
  const errors: string[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    if (diagnostic.category !== ts.DiagnosticCategory.Error) continue;
    const module = diagnostic.file ? files.get(resolve(diagnostic.file.fileName)) : undefined;
    const text =
      module && diagnostic.file
        ? formatInGuide(diagnostic, diagnostic.file, module)
        : formatPlain(diagnostic, root);
    // A sample continued by others is checked in each: report its error once.
    if (!seen.has(text)) errors.push(text);
    seen.add(text);
  }
  return errors;
}

function formatInGuide(
  diagnostic: ts.Diagnostic,
  file: ts.SourceFile,
  module: SampleModule,
): string {
  const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  const origin = module.origins[line];
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n    ");
  const where = origin
    ? `${origin.doc}:${origin.line}:${character + origin.indent + 1}`
    : `${module.sample.doc}:${module.sample.line} (the sample's end)`;
  return `${where} TS${diagnostic.code}: ${message}`;
}

function formatPlain(diagnostic: ts.Diagnostic, root: string): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n    ");
  if (!diagnostic.file) return `TS${diagnostic.code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  return `${relative(root, diagnostic.file.fileName)}:${line + 1}:${character + 1} TS${diagnostic.code}: ${message} (not a sample: the workspace's source)`;
}
