/*
 * Writes src/testing/stripe-shapes.generated.ts: for each Stripe object the
 * fake returns, the fields the installed `stripe` SDK's declaration files mark
 * always present (a non-optional property, `null` allowed), and the nested
 * object types to check the same way, read with the TypeScript compiler API.
 *
 *   npx --yes pnpm@10.34.9 --filter @tender/provider-stripe generate:shapes
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Where the shapes are written, inside the package. */
export const GENERATED_PATH = join(PACKAGE_DIR, "src/testing/stripe-shapes.generated.ts");

/** The SDK types the fake returns, by the name the generated file gives them. */
const ROOTS = {
  PaymentIntent: "Stripe.PaymentIntent",
  Charge: "Stripe.Charge",
  Refund: "Stripe.Refund",
  PaymentMethod: "Stripe.PaymentMethod",
  Customer: "Stripe.Customer",
  SetupIntent: "Stripe.SetupIntent",
  Event: "Stripe.EventBase",
  Dispute: "Stripe.Dispute",
  "Radar.EarlyFraudWarning": "Stripe.Radar.EarlyFraudWarning",
  Review: "Stripe.Review",
} as const;

/** A nested object type's fields: those always present, and those to check inside when set. */
interface Shape {
  required: string[];
  nested: Array<[field: string, shape: string]>;
}

/** A program over one virtual file that names the roots and the SDK's Event union. */
function loadSdk(): { checker: ts.TypeChecker; roots: Map<string, ts.Type>; events: ts.Type } {
  const entry = join(PACKAGE_DIR, "scripts/__stripe_shape_roots__.ts");
  const lines = Object.entries(ROOTS).map(([name, type]) => `  ${JSON.stringify(name)}: ${type};`);
  const text = `import type Stripe from "stripe";\nexport type Roots = {\n${lines.join("\n")}\n};\nexport type Events = Stripe.Event;\n`;
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (fileName, language, ...rest) =>
    fileName === entry
      ? ts.createSourceFile(fileName, text, language)
      : getSourceFile(fileName, language, ...rest);
  host.fileExists = (fileName) => fileName === entry || fileExists(fileName);
  const program = ts.createProgram([entry], options, host);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error("The roots file did not compile.");
  const exported = (name: string): ts.Type => {
    const symbol = checker.getExportsOfModule(moduleSymbol).find((each) => each.name === name);
    if (symbol === undefined) throw new Error(`No export ${name} in the roots file.`);
    return checker.getDeclaredTypeOfSymbol(symbol);
  };
  const rootsType = exported("Roots");
  const roots = new Map<string, ts.Type>();
  for (const property of checker.getPropertiesOfType(rootsType)) {
    const type = checker.getTypeOfSymbol(property);
    if (checker.getPropertiesOfType(type).length === 0)
      throw new Error(
        `Stripe's ${property.name} did not resolve; is the stripe package installed?`,
      );
    roots.set(property.name, type);
  }
  return { checker, roots, events: exported("Events") };
}

/** Collects the shapes reachable from the roots. */
function collectShapes(checker: ts.TypeChecker, roots: Map<string, ts.Type>): Map<string, Shape> {
  const names = new Map<ts.Type, string>();
  const taken = new Map<string, ts.Type>();
  for (const [name, type] of roots) {
    names.set(type, name);
    taken.set(name, type);
  }
  const shapes = new Map<string, Shape>();
  const queue: ts.Type[] = [...roots.values()];

  const nameOf = (type: ts.Type): string => {
    const known = names.get(type);
    if (known !== undefined) return known;
    const symbol = type.aliasSymbol ?? type.getSymbol();
    if (symbol === undefined) throw new Error(`An anonymous type: ${checker.typeToString(type)}.`);
    const declaration = symbol.declarations?.[0];
    const file = declaration?.getSourceFile().fileName ?? "";
    const folder = /\/resources\/([A-Za-z]+)\/[^/]+$/.exec(file)?.[1];
    const qualified = checker.getFullyQualifiedName(symbol).replace(/^"[^"]*"\./, "");
    const reference =
      type.flags & ts.TypeFlags.Object &&
      (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference;
    const args = reference ? type : undefined;
    const typeArguments = args ? checker.getTypeArguments(args as ts.TypeReference) : [];
    const suffix = typeArguments.length
      ? `<${typeArguments.map((argument) => nameOf(argument)).join(", ")}>`
      : "";
    const name = `${folder ? `${folder}.` : ""}${qualified}${suffix}`;
    const clash = taken.get(name);
    if (clash !== undefined && clash !== type) throw new Error(`Two SDK types are named ${name}.`);
    names.set(type, name);
    taken.set(name, type);
    queue.push(type);
    return name;
  };

  /** The object type to look inside a value of `type`, or undefined where the check stops. */
  const nestedOf = (type: ts.Type): string | undefined => {
    const present = type.isUnion()
      ? type.types.filter((each) => !(each.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)))
      : [type];
    // An expandable `string | Object`, a union of objects or of literals: the check stops.
    if (present.length !== 1) return undefined;
    const [only] = present;
    if (only === undefined) return undefined;
    if (checker.isArrayType(only)) {
      const [element] = checker.getTypeArguments(only as ts.TypeReference);
      return element === undefined ? undefined : nestedOf(element);
    }
    if (!(only.flags & ts.TypeFlags.Object) || only.getCallSignatures().length > 0)
      return undefined;
    // An index signature only (Metadata) or `{}`: nothing is always present.
    if (checker.getPropertiesOfType(only).length === 0) return undefined;
    return nameOf(only);
  };

  for (let type = queue.shift(); type !== undefined; type = queue.shift()) {
    const name = nameOf(type);
    if (shapes.has(name)) continue;
    const shape: Shape = { required: [], nested: [] };
    shapes.set(name, shape);
    for (const property of checker.getPropertiesOfType(type)) {
      if (!(property.flags & ts.SymbolFlags.Optional)) shape.required.push(property.name);
      const nested = nestedOf(checker.getTypeOfSymbol(property));
      if (nested !== undefined) shape.nested.push([property.name, nested]);
    }
  }
  return shapes;
}

/** A root's `object` value (`"charge"`) -> its name, read from the `object` property's literal type. */
function objectNames(
  checker: ts.TypeChecker,
  roots: Map<string, ts.Type>,
): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const [name, type] of roots) {
    const symbol = type.getProperty("object");
    const literal = symbol && checker.getTypeOfSymbol(symbol);
    if (literal?.isStringLiteral()) found.push([literal.value, name]);
  }
  return found;
}

/** `event.type` -> the shape of its `data.object`, for the events whose object is a root. */
function eventObjects(
  checker: ts.TypeChecker,
  events: ts.Type,
  roots: Map<string, ts.Type>,
): Array<[string, string]> {
  const rootNames = new Map([...roots].map(([name, type]) => [type, name]));
  const found: Array<[string, string]> = [];
  for (const member of events.isUnion() ? events.types : [events]) {
    const typeSymbol = member.getProperty("type");
    const dataSymbol = member.getProperty("data");
    if (typeSymbol === undefined || dataSymbol === undefined) continue;
    const literal = checker.getTypeOfSymbol(typeSymbol);
    const objectSymbol = checker.getTypeOfSymbol(dataSymbol).getProperty("object");
    if (!literal.isStringLiteral() || objectSymbol === undefined) continue;
    const root = rootNames.get(checker.getTypeOfSymbol(objectSymbol));
    if (root !== undefined) found.push([literal.value, root]);
  }
  return found.sort(([a], [b]) => a.localeCompare(b));
}

function installedSdkVersion(): string {
  const resolved = ts.resolveModuleName(
    "stripe/package.json",
    join(PACKAGE_DIR, "package.json"),
    { moduleResolution: ts.ModuleResolutionKind.Node10, resolveJsonModule: true },
    ts.sys,
  ).resolvedModule?.resolvedFileName;
  if (resolved === undefined) throw new Error("The stripe package is not installed.");
  const manifest: unknown = JSON.parse(readFileSync(resolved, "utf8"));
  const version =
    typeof manifest === "object" && manifest !== null && "version" in manifest
      ? manifest.version
      : undefined;
  if (typeof version !== "string") throw new Error(`No version in ${resolved}.`);
  return version;
}

const quote = (text: string): string => JSON.stringify(text);
const key = (text: string): string => (/^[A-Za-z_$][\w$]*$/.test(text) ? text : quote(text));

/** An array literal on one line when it fits in 100 columns, else one item a line (as biome formats it). */
function list(before: string, items: readonly string[], after: string): string {
  const inline = `${before}[${items.join(", ")}]${after}`;
  if (inline.length <= 100) return inline;
  const indent = " ".repeat(before.length - before.trimStart().length + 2);
  return `${before}[\n${items.map((item) => `${indent}${item},\n`).join("")}${indent.slice(2)}]${after}`;
}

/** `key: value,` and a newline, the value on a line of its own past 100 columns. */
function property(indent: string, name: string, value: string): string {
  const inline = `${indent}${name}: ${value},`;
  return inline.length <= 100 ? `${inline}\n` : `${indent}${name}:\n${indent}  ${value},\n`;
}

/** The generated file's text, from the SDK installed now. */
export function renderStripeShapes(): string {
  const { checker, roots, events } = loadSdk();
  const shapes = collectShapes(checker, roots);
  const out: string[] = [
    `// Generated by ${relative(PACKAGE_DIR, fileURLToPath(import.meta.url))} from the declaration files of stripe@${installedSdkVersion()}.`,
    "// Do not edit: run `npx --yes pnpm@10.34.9 --filter @tender/provider-stripe generate:shapes`.",
    "",
    "/** The fields of one object type Stripe always sends (`null` when unset), and the object-typed fields to check inside. */",
    "export interface StripeShape {",
    "  readonly required: readonly string[];",
    "  /** Field -> the shape of its value (of each element of an array) when it is an object. */",
    "  readonly nested: Readonly<Record<string, string>>;",
    "}",
    "",
    "/** The roots: the object types the fake returns, by the name used in {@link STRIPE_SHAPES}. */",
    list("export const STRIPE_ROOT_SHAPES = ", Object.keys(ROOTS).map(quote), " as const;"),
    "",
    "/** A root's `object` value -> its shape, to check any object the fake returns by what it says it is. */",
    "export const STRIPE_OBJECT_SHAPES: Readonly<Record<string, string>> = {",
    ...objectNames(checker, roots).map(([object, root]) => `  ${key(object)}: ${quote(root)},`),
    "};",
    "",
    "/** `event.type` -> the shape of its `data.object`, where that object is a root. */",
    "export const STRIPE_EVENT_OBJECTS: Readonly<Record<string, string>> = {",
    ...eventObjects(checker, events, roots).map(
      ([type, root]) => `  ${quote(type)}: ${quote(root)},`,
    ),
    "};",
    "",
    "/** Every object type reachable from the roots, by SDK name. */",
    "export const STRIPE_SHAPES: Readonly<Record<string, StripeShape>> = {",
  ];
  for (const name of [...shapes.keys()].sort()) {
    const shape = shapes.get(name);
    if (shape === undefined) continue;
    out.push(`  ${key(name)}: {`);
    out.push(list("    required: ", shape.required.map(quote), ","));
    out.push(
      shape.nested.length === 0
        ? "    nested: {},"
        : `    nested: {\n${shape.nested.map(([field, nested]) => property("      ", key(field), quote(nested))).join("")}    },`,
    );
    out.push("  },");
  }
  out.push("};", "");
  return out.join("\n");
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(GENERATED_PATH, renderStripeShapes());
  console.log(`Wrote ${relative(process.cwd(), GENERATED_PATH)}`);
}
