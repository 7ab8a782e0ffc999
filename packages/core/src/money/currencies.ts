import { TenderError } from "../errors/tender-error";

/** A currency Tender knows: its lowercase ISO 4217 code and how many digits its minor unit has. */
export type CurrencyInfo = {
  /** Lowercase ISO 4217 code, as stored: `"usd"`. */
  readonly code: string;
  /** Digits after the decimal point: 5000 in a currency with exponent 2 is 50.00. */
  readonly exponent: 0 | 2 | 3 | 4;
};

/**
 * Every active ISO 4217 currency, keyed by its lowercase code. Precious metals,
 * SDRs and test codes (XAU, XDR, XTS, ...) have no minor unit and are left out.
 *
 * Exponents are ISO 4217's, except MGA: ISO gives it 2, but Stripe and our
 * docs treat it as zero-decimal, and a provider that disagrees with us on the
 * exponent would charge 100 times the amount. ANG and SLL are kept next to
 * their successors XCG and SLE while payments in them still happen.
 *
 * @example
 * ```ts
 * CURRENCIES.jpy; // { code: "jpy", exponent: 0 }
 * ```
 */
export const CURRENCIES: Readonly<Record<string, CurrencyInfo>> = deepFreeze({
  aed: { code: "aed", exponent: 2 },
  afn: { code: "afn", exponent: 2 },
  all: { code: "all", exponent: 2 },
  amd: { code: "amd", exponent: 2 },
  ang: { code: "ang", exponent: 2 },
  aoa: { code: "aoa", exponent: 2 },
  ars: { code: "ars", exponent: 2 },
  aud: { code: "aud", exponent: 2 },
  awg: { code: "awg", exponent: 2 },
  azn: { code: "azn", exponent: 2 },
  bam: { code: "bam", exponent: 2 },
  bbd: { code: "bbd", exponent: 2 },
  bdt: { code: "bdt", exponent: 2 },
  bgn: { code: "bgn", exponent: 2 },
  bhd: { code: "bhd", exponent: 3 },
  bif: { code: "bif", exponent: 0 },
  bmd: { code: "bmd", exponent: 2 },
  bnd: { code: "bnd", exponent: 2 },
  bob: { code: "bob", exponent: 2 },
  bov: { code: "bov", exponent: 2 },
  brl: { code: "brl", exponent: 2 },
  bsd: { code: "bsd", exponent: 2 },
  btn: { code: "btn", exponent: 2 },
  bwp: { code: "bwp", exponent: 2 },
  byn: { code: "byn", exponent: 2 },
  bzd: { code: "bzd", exponent: 2 },
  cad: { code: "cad", exponent: 2 },
  cdf: { code: "cdf", exponent: 2 },
  che: { code: "che", exponent: 2 },
  chf: { code: "chf", exponent: 2 },
  chw: { code: "chw", exponent: 2 },
  clf: { code: "clf", exponent: 4 },
  clp: { code: "clp", exponent: 0 },
  cny: { code: "cny", exponent: 2 },
  cop: { code: "cop", exponent: 2 },
  cou: { code: "cou", exponent: 2 },
  crc: { code: "crc", exponent: 2 },
  cuc: { code: "cuc", exponent: 2 },
  cup: { code: "cup", exponent: 2 },
  cve: { code: "cve", exponent: 2 },
  czk: { code: "czk", exponent: 2 },
  djf: { code: "djf", exponent: 0 },
  dkk: { code: "dkk", exponent: 2 },
  dop: { code: "dop", exponent: 2 },
  dzd: { code: "dzd", exponent: 2 },
  egp: { code: "egp", exponent: 2 },
  ern: { code: "ern", exponent: 2 },
  etb: { code: "etb", exponent: 2 },
  eur: { code: "eur", exponent: 2 },
  fjd: { code: "fjd", exponent: 2 },
  fkp: { code: "fkp", exponent: 2 },
  gbp: { code: "gbp", exponent: 2 },
  gel: { code: "gel", exponent: 2 },
  ghs: { code: "ghs", exponent: 2 },
  gip: { code: "gip", exponent: 2 },
  gmd: { code: "gmd", exponent: 2 },
  gnf: { code: "gnf", exponent: 0 },
  gtq: { code: "gtq", exponent: 2 },
  gyd: { code: "gyd", exponent: 2 },
  hkd: { code: "hkd", exponent: 2 },
  hnl: { code: "hnl", exponent: 2 },
  htg: { code: "htg", exponent: 2 },
  huf: { code: "huf", exponent: 2 },
  idr: { code: "idr", exponent: 2 },
  ils: { code: "ils", exponent: 2 },
  inr: { code: "inr", exponent: 2 },
  iqd: { code: "iqd", exponent: 3 },
  irr: { code: "irr", exponent: 2 },
  isk: { code: "isk", exponent: 0 },
  jmd: { code: "jmd", exponent: 2 },
  jod: { code: "jod", exponent: 3 },
  jpy: { code: "jpy", exponent: 0 },
  kes: { code: "kes", exponent: 2 },
  kgs: { code: "kgs", exponent: 2 },
  khr: { code: "khr", exponent: 2 },
  kmf: { code: "kmf", exponent: 0 },
  kpw: { code: "kpw", exponent: 2 },
  krw: { code: "krw", exponent: 0 },
  kwd: { code: "kwd", exponent: 3 },
  kyd: { code: "kyd", exponent: 2 },
  kzt: { code: "kzt", exponent: 2 },
  lak: { code: "lak", exponent: 2 },
  lbp: { code: "lbp", exponent: 2 },
  lkr: { code: "lkr", exponent: 2 },
  lrd: { code: "lrd", exponent: 2 },
  lsl: { code: "lsl", exponent: 2 },
  lyd: { code: "lyd", exponent: 3 },
  mad: { code: "mad", exponent: 2 },
  mdl: { code: "mdl", exponent: 2 },
  // ISO 4217 says 2; zero-decimal here to agree with Stripe (see above).
  mga: { code: "mga", exponent: 0 },
  mkd: { code: "mkd", exponent: 2 },
  mmk: { code: "mmk", exponent: 2 },
  mnt: { code: "mnt", exponent: 2 },
  mop: { code: "mop", exponent: 2 },
  mru: { code: "mru", exponent: 2 },
  mur: { code: "mur", exponent: 2 },
  mvr: { code: "mvr", exponent: 2 },
  mwk: { code: "mwk", exponent: 2 },
  mxn: { code: "mxn", exponent: 2 },
  mxv: { code: "mxv", exponent: 2 },
  myr: { code: "myr", exponent: 2 },
  mzn: { code: "mzn", exponent: 2 },
  nad: { code: "nad", exponent: 2 },
  ngn: { code: "ngn", exponent: 2 },
  nio: { code: "nio", exponent: 2 },
  nok: { code: "nok", exponent: 2 },
  npr: { code: "npr", exponent: 2 },
  nzd: { code: "nzd", exponent: 2 },
  omr: { code: "omr", exponent: 3 },
  pab: { code: "pab", exponent: 2 },
  pen: { code: "pen", exponent: 2 },
  pgk: { code: "pgk", exponent: 2 },
  php: { code: "php", exponent: 2 },
  pkr: { code: "pkr", exponent: 2 },
  pln: { code: "pln", exponent: 2 },
  pyg: { code: "pyg", exponent: 0 },
  qar: { code: "qar", exponent: 2 },
  ron: { code: "ron", exponent: 2 },
  rsd: { code: "rsd", exponent: 2 },
  rub: { code: "rub", exponent: 2 },
  rwf: { code: "rwf", exponent: 0 },
  sar: { code: "sar", exponent: 2 },
  sbd: { code: "sbd", exponent: 2 },
  scr: { code: "scr", exponent: 2 },
  sdg: { code: "sdg", exponent: 2 },
  sek: { code: "sek", exponent: 2 },
  sgd: { code: "sgd", exponent: 2 },
  shp: { code: "shp", exponent: 2 },
  sle: { code: "sle", exponent: 2 },
  sll: { code: "sll", exponent: 2 },
  sos: { code: "sos", exponent: 2 },
  srd: { code: "srd", exponent: 2 },
  ssp: { code: "ssp", exponent: 2 },
  stn: { code: "stn", exponent: 2 },
  svc: { code: "svc", exponent: 2 },
  syp: { code: "syp", exponent: 2 },
  szl: { code: "szl", exponent: 2 },
  thb: { code: "thb", exponent: 2 },
  tjs: { code: "tjs", exponent: 2 },
  tmt: { code: "tmt", exponent: 2 },
  tnd: { code: "tnd", exponent: 3 },
  top: { code: "top", exponent: 2 },
  try: { code: "try", exponent: 2 },
  ttd: { code: "ttd", exponent: 2 },
  twd: { code: "twd", exponent: 2 },
  tzs: { code: "tzs", exponent: 2 },
  uah: { code: "uah", exponent: 2 },
  ugx: { code: "ugx", exponent: 0 },
  usd: { code: "usd", exponent: 2 },
  usn: { code: "usn", exponent: 2 },
  uyi: { code: "uyi", exponent: 0 },
  uyu: { code: "uyu", exponent: 2 },
  uyw: { code: "uyw", exponent: 4 },
  uzs: { code: "uzs", exponent: 2 },
  ved: { code: "ved", exponent: 2 },
  ves: { code: "ves", exponent: 2 },
  vnd: { code: "vnd", exponent: 0 },
  vuv: { code: "vuv", exponent: 0 },
  wst: { code: "wst", exponent: 2 },
  xaf: { code: "xaf", exponent: 0 },
  xcd: { code: "xcd", exponent: 2 },
  xcg: { code: "xcg", exponent: 2 },
  xof: { code: "xof", exponent: 0 },
  xpf: { code: "xpf", exponent: 0 },
  yer: { code: "yer", exponent: 2 },
  zar: { code: "zar", exponent: 2 },
  zmw: { code: "zmw", exponent: 2 },
  zwg: { code: "zwg", exponent: 2 },
});

// Three ASCII letters, checked before lowercasing: `toLowerCase` maps some
// non-ASCII letters onto ASCII ones (the Kelvin sign "K" becomes "k").
const CODE_PATTERN = /^[A-Za-z]{3}$/;

/**
 * Whether `value` is a currency code {@link getCurrency} accepts, in any case.
 *
 * @example
 * ```ts
 * isCurrencyCode("USD"); // true
 * isCurrencyCode("us dollar"); // false
 * ```
 */
export function isCurrencyCode(value: unknown): value is string {
  return lookup(value) !== undefined;
}

/**
 * The currency for an ISO 4217 code, in any case (`"USD"` or `"usd"`).
 * Throws a `TenderError` with code `invalid_currency` for anything else,
 * including codes with surrounding spaces.
 *
 * @example
 * ```ts
 * getCurrency("KWD"); // { code: "kwd", exponent: 3 }
 * ```
 */
export function getCurrency(code: unknown): CurrencyInfo {
  const info = lookup(code);
  if (info === undefined) {
    throw new TenderError({
      code: "invalid_currency",
      message: `currency must be an active ISO 4217 code like "usd" (any case, no spaces); got ${describe(code)}`,
      details: { received: describe(code) },
    });
  }
  return info;
}

/**
 * The lowercase form of an ISO 4217 code, as Tender stores it. Throws like
 * {@link getCurrency}.
 *
 * @example
 * ```ts
 * normalizeCurrencyCode("EUR"); // "eur"
 * ```
 */
export function normalizeCurrencyCode(code: unknown): string {
  return getCurrency(code).code;
}

function lookup(value: unknown): CurrencyInfo | undefined {
  if (typeof value !== "string" || !CODE_PATTERN.test(value)) return undefined;
  const lower = value.toLowerCase();
  // Own properties only, so "constructor" and friends from Object.prototype never match.
  return Object.hasOwn(CURRENCIES, lower) ? CURRENCIES[lower] : undefined;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "bigint") return `${value}n (a bigint)`;
  return `${String(value)} (a ${typeof value})`;
}

function deepFreeze<T extends Record<string, CurrencyInfo>>(table: T): Readonly<T> {
  for (const info of Object.values(table)) Object.freeze(info);
  return Object.freeze(table);
}
