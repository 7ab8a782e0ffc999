import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import type { SampleModule } from "./assemble-module";

/**
 * Packages the guides import under a name they would have once published,
 * mapped to the workspace folder that holds them.
 */
const ALIASES: Record<string, string> = {
  // docs/writing-a-provider.md installs the example as a third party's package.
  "tender-gift-card": "examples/gift-card-provider",
};

/**
 * Writes the sample modules into `folder` (inside the repository, git-ignored)
 * beside a `node_modules` of links: every workspace package under its name
 * (`@tender/core` -> packages/core, resolved to source through its
 * `@tender/source` export condition), the aliases above, and each other
 * package a sample imports, linked from the workspace package that depends on
 * it (`msw`, `ts-pattern`). TypeScript and Node.js both resolve through it.
 */
export function writeSampleWorkspace(root: string, folder: string, modules: SampleModule[]): void {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const links = new Map<string, string>();
  const packageDirs = workspacePackageDirs(root);
  for (const dir of packageDirs) {
    const name = readName(dir);
    if (name) links.set(name, dir);
  }
  for (const [name, dir] of Object.entries(ALIASES)) links.set(name, join(root, dir));
  for (const name of importedPackages(modules)) {
    if (links.has(name) || existsSync(join(root, "node_modules", name))) continue;
    const from = packageDirs
      .map((dir) => join(dir, "node_modules", name))
      .find((path) => existsSync(path));
    if (from) links.set(name, realpathSync(from));
  }
  for (const [name, target] of links) {
    const link = join(folder, "node_modules", name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(relative(dirname(link), target), link, "dir");
  }
  // The samples are ES modules, as the packages are.
  writeFileSync(
    join(folder, "package.json"),
    `${JSON.stringify({ private: true, type: "module" }, null, 2)}\n`,
  );
  for (const module of modules) {
    const path = join(folder, module.file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, module.code);
  }
}

function workspacePackageDirs(root: string): string[] {
  return ["packages", "examples"].flatMap((parent) =>
    existsSync(join(root, parent))
      ? readdirSync(join(root, parent), { withFileTypes: true })
          .filter(
            (entry) =>
              entry.isDirectory() && existsSync(join(root, parent, entry.name, "package.json")),
          )
          .map((entry) => join(root, parent, entry.name))
      : [],
  );
}

function readName(dir: string): string | undefined {
  const manifest: unknown = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const name =
    typeof manifest === "object" && manifest !== null ? Reflect.get(manifest, "name") : undefined;
  return typeof name === "string" ? name : undefined;
}

/** The package names the samples import (`msw` for `msw/node`), Node's built-ins aside. */
function importedPackages(modules: SampleModule[]): Set<string> {
  const names = new Set<string>();
  const specifier = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"'./][^"']*)["']/g;
  for (const module of modules) {
    for (const [, spec = ""] of module.code.matchAll(specifier)) {
      if (spec.startsWith("node:")) continue;
      const parts = spec.split("/");
      names.add(spec.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? spec));
    }
  }
  return names;
}
