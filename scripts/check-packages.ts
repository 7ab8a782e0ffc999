/**
 * `pnpm packages:check`: the public packages as npm users get them. After
 * `pnpm build`, it packs every public package under packages/ (pnpm pack
 * rewrites `workspace:^` to versions), lints each tarball with publint and
 * are-the-types-wrong, installs the tarballs with plain npm into a fresh
 * project, runs the accept-payment flow there from ESM and from CommonJS
 * (manual provider, the client, the PGlite store, Stripe against its fake),
 * and type-checks every public entry point under moduleResolution node16,
 * nodenext and bundler with skipLibCheck off.
 *
 * Everything it writes is under .packages-check/ (git-ignored, outside the
 * workspace globs, so pnpm never links it), the npm cache included.
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const work = join(root, ".packages-check");
const tarballs = join(work, "tarballs");
const project = join(work, "project");
const postgresOnly = join(work, "postgres-only");
const fixtures = join(root, "scripts", "packages-check");

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

interface PublicPackage {
  dir: string;
  manifest: PackageJson;
  tarball: string;
}

const timings: [string, number][] = [];

function step<T>(name: string, work: () => T): T {
  console.log(`\n--- packages:check: ${name}`);
  const started = performance.now();
  const result = work();
  timings.push([name, (performance.now() - started) / 1000]);
  return result;
}

function run(command: string, args: readonly string[], cwd: string): void {
  const shown = [command, ...args]
    .map((part) =>
      part === process.execPath ? "node" : part.startsWith(root) ? relative(root, part) : part,
    )
    .join(" ");
  console.log(`$ ${shown}   (in ${relative(root, cwd) || "."})`);
  const result = spawnSync(command, args, {
    cwd,
    stdio: "inherit",
    env: {
      ...process.env,
      npm_config_cache: join(work, "npm-cache"),
      npm_config_update_notifier: "false",
    },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${shown} failed with exit code ${result.status}`);
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

/** The project's pinned pnpm, through npx, as CI runs it. */
function pnpm(): [string, ...string[]] {
  const pinned = readJson<{ packageManager: string }>(join(root, "package.json")).packageManager;
  return ["npx", "--yes", pinned];
}

function bin(name: string, from = root): string {
  return join(from, "node_modules", ".bin", name);
}

function publicPackages(): PublicPackage[] {
  return readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && existsSync(join(root, "packages", entry.name, "package.json")),
    )
    .map((entry) => {
      const dir = join(root, "packages", entry.name);
      const manifest = readJson<PackageJson>(join(dir, "package.json"));
      const tarball = join(
        tarballs,
        `${manifest.name.replace(/^@/, "").replace("/", "-")}-${manifest.version}.tgz`,
      );
      return { dir, manifest, tarball };
    })
    .filter((pkg) => pkg.manifest.private !== true)
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

/** A version the workspace pins, so the check installs what the tests ran against. */
function workspaceVersion(name: string): string {
  const manifests = [
    join(root, "package.json"),
    ...readdirSync(join(root, "packages")).map((dir) =>
      join(root, "packages", dir, "package.json"),
    ),
  ];
  for (const path of manifests) {
    if (!existsSync(path)) continue;
    const manifest = readJson<PackageJson>(path);
    const version = manifest.devDependencies?.[name] ?? manifest.dependencies?.[name];
    if (version && /^\d/.test(version)) return version;
  }
  throw new Error(`No package in the workspace pins ${name} to an exact version.`);
}

/** `@tender/core`, `@tender/core/testing`, ...: every subpath a package exports, but ./package.json. */
function entryPoints(pkg: PublicPackage): string[] {
  const subpaths = Object.keys(pkg.manifest.exports ?? { ".": "" }).filter(
    (subpath) => subpath !== "./package.json" && !subpath.includes("*"),
  );
  return subpaths.map((subpath) =>
    subpath === "." ? pkg.manifest.name : `${pkg.manifest.name}/${subpath.slice(2)}`,
  );
}

function pack(packages: PublicPackage[]): void {
  rmSync(tarballs, { recursive: true, force: true });
  mkdirSync(tarballs, { recursive: true });
  const [command, ...prefix] = pnpm();
  for (const pkg of packages) {
    if (!existsSync(join(pkg.dir, "dist"))) {
      throw new Error(`${pkg.manifest.name} has no dist/: run pnpm build first.`);
    }
    run(command, [...prefix, "pack", "--pack-destination", tarballs], pkg.dir);
    if (!existsSync(pkg.tarball))
      throw new Error(`pnpm pack made no ${relative(root, pkg.tarball)}.`);
    const packed = spawnSync("tar", ["-xOzf", pkg.tarball, "package/package.json"], {
      encoding: "utf8",
    });
    if (packed.status !== 0) throw new Error(`${pkg.tarball} has no package/package.json.`);
    for (const line of packed.stdout.split("\n")) {
      if (line.includes("workspace:"))
        throw new Error(`${pkg.manifest.name} packed with a workspace: range: ${line.trim()}`);
    }
  }
}

function lint(packages: PublicPackage[]): void {
  for (const pkg of packages) {
    run(bin("publint"), ["run", pkg.tarball, "--strict"], root);
    // The strict profile, node10 included: `typesVersions` lets TypeScript's
    // old `moduleResolution: "node"`, which ignores `exports`, find subpaths.
    run(bin("attw"), [pkg.tarball, "--format", "table-flipped", "--no-emoji"], root);
  }
}

function writeProject(dir: string, dependencies: Record<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const manifest = { name: `tender-${dir.split("/").pop()}`, private: true, dependencies };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--no-package-lock"], dir);
}

function tarballDependencies(packages: PublicPackage[], dir: string): Record<string, string> {
  return Object.fromEntries(
    packages.map((pkg) => [pkg.manifest.name, `file:${relative(dir, pkg.tarball)}`]),
  );
}

function pinned(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, workspaceVersion(name)]));
}

function install(packages: PublicPackage[]): void {
  // Every package, with the optional peers the flows use and the compiler.
  writeProject(project, {
    ...tarballDependencies(packages, project),
    ...pinned(["msw", "@electric-sql/pglite", "typescript", "@types/node"]),
  });
  // Every package and none of the optional peers: what a PostgreSQL-only user installs.
  writeProject(postgresOnly, {
    ...tarballDependencies(packages, postgresOnly),
    ...pinned(["typescript", "@types/node"]),
  });
  for (const peer of ["@electric-sql/pglite", "msw"]) {
    if (existsSync(join(postgresOnly, "node_modules", peer))) {
      throw new Error(`npm installed the optional peer ${peer} for a user who did not ask for it.`);
    }
  }
}

function runFlows(): void {
  for (const file of ["scenarios.cjs", "run.mjs", "run.cjs"])
    copyFileSync(join(fixtures, file), join(project, file));
  run(process.execPath, ["run.mjs"], project);
  run(process.execPath, ["run.cjs"], project);
  copyFileSync(join(fixtures, "postgres-only.cjs"), join(postgresOnly, "postgres-only.cjs"));
  run(process.execPath, ["postgres-only.cjs"], postgresOnly);
}

const RESOLUTIONS = {
  node16: { module: "node16", moduleResolution: "node16" },
  nodenext: { module: "nodenext", moduleResolution: "nodenext" },
  bundler: { module: "esnext", moduleResolution: "bundler" },
} as const;

interface Diagnostic {
  file: string;
  text: string;
}

/**
 * Type-checks `source` as an ESM file (and, under node16 and nodenext, as a
 * CommonJS file too) in `dir` under each resolution, with skipLibCheck off,
 * and returns the errors and the files each program read.
 */
function compile(
  dir: string,
  name: string,
  source: string,
): { errors: Diagnostic[]; files: string[] } {
  writeFileSync(join(dir, `${name}.mts`), source);
  writeFileSync(join(dir, `${name}.cts`), source);
  const errors: Diagnostic[] = [];
  const files: string[] = [];
  for (const [resolution, options] of Object.entries(RESOLUTIONS)) {
    const config = join(dir, `tsconfig.${name}.${resolution}.json`);
    const compilerOptions = {
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      target: "ES2022",
      // No DOM: Node users' settings; our declarations must not need it.
      lib: ["ES2022"],
      // Only this project's @types: the repository's node_modules above must not leak in.
      types: ["node"],
      typeRoots: ["./node_modules/@types"],
      ...options,
    };
    const sources = resolution === "bundler" ? [`${name}.mts`] : [`${name}.mts`, `${name}.cts`];
    writeFileSync(config, `${JSON.stringify({ compilerOptions, files: sources }, null, 2)}\n`);
    console.log(`$ tsc -p ${relative(root, config)}`);
    const result = spawnSync(bin("tsc", dir), ["-p", config, "--pretty", "false", "--listFiles"], {
      cwd: dir,
      encoding: "utf8",
    });
    if (result.error) throw result.error;
    for (const line of result.stdout.split("\n")) {
      const error = /^(.+?)\(\d+,\d+\): error /.exec(line);
      if (error?.[1]) errors.push({ file: error[1], text: `[${resolution}] ${line}` });
      else if (/^\s/.test(line) && errors.length > 0) {
        const last = errors[errors.length - 1];
        if (last) last.text += `\n${line}`;
      } else if (/^error /.test(line)) errors.push({ file: "", text: `[${resolution}] ${line}` });
      else if (line.startsWith("/")) files.push(line);
    }
  }
  return { errors, files };
}

/** A package name from a path inside node_modules (the last one: pnpm-style nesting too). */
function packageOf(file: string): string | undefined {
  const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return match?.[1];
}

function typeCheck(packages: PublicPackage[]): void {
  const entries = packages.flatMap(entryPoints);
  const imports = entries
    .map((entry, index) => `import * as entry${index} from "${entry}";`)
    .join("\n");
  const source = `// Every public entry point.\n${imports}\n\nexport const entries = [${entries.map((_, index) => `entry${index}`).join(", ")}];\n`;
  const all = compile(project, "entries", source);
  // Errors in our declarations (or in how they use another package's types) fail the check.
  // An optional peer's own declarations may not compile without settings of its own
  // (msw wants lib DOM; PGlite wants @types/emscripten): they are the user's to set when
  // they use that peer, so they are listed, not failed; the PostgreSQL-only check below
  // proves a user who does not use them never reads them.
  const ours = all.errors.filter((error) => {
    const owner = packageOf(error.file);
    return owner === undefined || owner.startsWith("@tender/");
  });
  const theirs = new Map<string, number>();
  for (const error of all.errors) {
    const owner = packageOf(error.file);
    if (owner !== undefined && !owner.startsWith("@tender/"))
      theirs.set(owner, (theirs.get(owner) ?? 0) + 1);
  }
  if (theirs.size > 0) {
    console.log(
      `not ours, in the optional peers' own declarations: ${[...theirs].map(([name, count]) => `${name} ${count}`).join(", ")}`,
    );
  }
  if (ours.length > 0) {
    throw new Error(
      `The public entry points do not type-check:\n${ours.map((error) => error.text).join("\n")}`,
    );
  }
  console.log(`type-checked ${entries.length} entry points: ${entries.join(", ")}`);

  const postgres = compile(
    postgresOnly,
    "postgres-only",
    [
      `import { createPaymentModuleService } from "@tender/core";`,
      `import { manual } from "@tender/provider-manual";`,
      `import { type PostgresStore, postgresStore } from "@tender/store-postgres";`,
      ``,
      `const store: PostgresStore = postgresStore({ connectionString: "postgres://tender@localhost/tender" });`,
      `export const service = createPaymentModuleService({ providers: [manual()], store });`,
      ``,
    ].join("\n"),
  );
  if (postgres.errors.length > 0) {
    throw new Error(
      `postgresStore alone does not type-check:\n${postgres.errors.map((error) => error.text).join("\n")}`,
    );
  }
  const peers = postgres.files.filter((file) => /node_modules\/(@electric-sql|msw)\//.test(file));
  if (peers.length > 0)
    throw new Error(`postgresStore alone reads optional peers' types: ${peers.join(", ")}`);
  console.log("type-checked postgresStore alone: no error, no PGlite or msw type read");
}

/** Every `ts` block of every package's README (its npm page) compiles against the installed packages. */
function readmeExamples(packages: PublicPackage[]): void {
  const dir = join(project, "readme");
  mkdirSync(dir, { recursive: true });
  for (const pkg of packages) {
    const readme = join(pkg.dir, "README.md");
    if (!existsSync(readme))
      throw new Error(`${pkg.manifest.name} has no README.md for its npm page.`);
    const blocks = [...readFileSync(readme, "utf8").matchAll(/^```ts\n([\s\S]*?)^```$/gm)];
    blocks.forEach((block, index) => {
      writeFileSync(join(dir, `${pkg.dir.split("/").pop()}-${index + 1}.mts`), block[1] ?? "");
    });
  }
  const compilerOptions = {
    strict: true,
    noEmit: true,
    // The examples are checked, not the libraries again (the entry-point step does that).
    skipLibCheck: true,
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    module: "nodenext",
    moduleResolution: "nodenext",
    types: ["node"],
    typeRoots: ["./node_modules/@types"],
  };
  const config = join(project, "tsconfig.readme.json");
  writeFileSync(
    config,
    `${JSON.stringify({ compilerOptions, include: ["readme/*.mts"] }, null, 2)}\n`,
  );
  run(bin("tsc", project), ["-p", config], project);
}

const packages = publicPackages();
console.log(`public packages: ${packages.map((pkg) => pkg.manifest.name).join(", ")}`);
step("pack", () => pack(packages));
step("publint and are-the-types-wrong", () => lint(packages));
step("npm install of the tarballs", () => install(packages));
step("the flows from ESM and CommonJS", runFlows);
step("types under node16, nodenext and bundler", () => typeCheck(packages));
step("README examples", () => readmeExamples(packages));
console.log(
  `\npackages:check passed: ${timings.map(([name, seconds]) => `${name} ${seconds.toFixed(1)}s`).join(", ")}`,
);
