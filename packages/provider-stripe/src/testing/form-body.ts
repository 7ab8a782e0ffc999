/**
 * A value decoded from Stripe's form encoding: a string, or nested lists and hashes of them.
 *
 * @example
 * ```ts
 * const value: FormValue = ["card", { brand: "visa" }];
 * ```
 */
export type FormValue = string | FormValue[] | FormObject;

/**
 * A hash decoded from Stripe's form encoding (`a[b][0]=x` becomes `{ a: { b: ["x"] } }`).
 *
 * @example
 * ```ts
 * const params: FormObject = parseFormBody("a[b][0]=x"); // { a: { b: ["x"] } }
 * ```
 */
export interface FormObject {
  [key: string]: FormValue;
}

/** Keys whose assignment would reach an object's prototype. */
const UNSAFE_KEYS = new Set(["__proto__"]);

/**
 * Decodes an `application/x-www-form-urlencoded` body the way Stripe reads it:
 * bracket keys nest (`metadata[order]=1`), numeric or empty brackets build lists
 * (`payment_method_types[0]=card`, `expand[]=latest_charge`).
 *
 * @example
 * ```ts
 * parseFormBody("amount=1000&metadata[order]=42&expand[]=latest_charge");
 * // { amount: "1000", metadata: { order: "42" }, expand: ["latest_charge"] }
 * ```
 */
export function parseFormBody(body: string): FormObject {
  return parseSearchParams(new URLSearchParams(body));
}

/** Like {@link parseFormBody}, for a URL's query string (Stripe's GET parameters). */
export function parseSearchParams(search: URLSearchParams): FormObject {
  const root: Tree = new Map();
  for (const [key, value] of search) {
    const path = splitKey(key);
    if (path.some((segment) => UNSAFE_KEYS.has(segment))) continue;
    insert(root, path, value);
  }
  return toFormObject(root);
}

/** Nodes while parsing: a map keeps insertion order and knows which keys came as `[]`. */
type Tree = Map<string, Node>;
type Node = { kind: "leaf"; value: string } | { kind: "branch"; children: Tree; appended: number };

/** `a[b][0]` -> `["a", "b", "0"]`; a key that is not well-formed stays one flat name. */
export function splitKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const segments = [key.slice(0, open)];
  const rest = key.slice(open);
  const pattern = /\[([^[\]]*)\]/g;
  let consumed = 0;
  for (const match of rest.matchAll(pattern)) {
    if (match.index !== consumed) return [key];
    segments.push(match[1] ?? "");
    consumed += match[0].length;
  }
  return consumed === rest.length ? segments : [key];
}

function insert(tree: Tree, path: readonly string[], value: string): void {
  const [head, ...tail] = path;
  if (head === undefined) return;
  if (tail.length === 0) {
    tree.set(head, { kind: "leaf", value });
    return;
  }
  let node = tree.get(head);
  if (node === undefined || node.kind === "leaf") {
    node = { kind: "branch", children: new Map(), appended: 0 };
    tree.set(head, node);
  }
  const [next, ...rest] = tail;
  // An empty bracket (`expand[]`) appends: give it the next free position.
  const key = next === "" ? String(node.appended++) : next;
  if (key === undefined) return;
  insert(node.children, [key, ...rest], value);
}

function toFormObject(tree: Tree): FormObject {
  const result: FormObject = {};
  for (const [key, node] of tree) result[key] = toFormValue(node);
  return result;
}

function toFormValue(node: Node): FormValue {
  if (node.kind === "leaf") return node.value;
  const keys = [...node.children.keys()];
  // Only keys 0..n-1 (in any order) make a list, so `metadata[7]=x` stays a hash.
  const isList =
    keys.length > 0 && keys.every((key) => /^(0|[1-9]\d*)$/.test(key) && Number(key) < keys.length);
  if (!isList) return toFormObject(node.children);
  const list: FormValue[] = [];
  for (let index = 0; index < keys.length; index++) {
    const child = node.children.get(String(index));
    if (child !== undefined) list.push(toFormValue(child));
  }
  return list;
}

/** Narrows a decoded value to a hash. */
export function isFormObject(value: FormValue | undefined): value is FormObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
