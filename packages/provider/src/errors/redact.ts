/**
 * Masks card numbers and credentials in text that Tender keeps or shows: an
 * error message, a stored error, an outbox delivery error. Secrets and card
 * data never appear in a message or a log, even when a provider echoes what
 * it was sent (`No such PaymentMethod: '4242424242424242'`).
 *
 * - Card numbers: a run of 13 to 19 digits, written together or in groups
 *   split by one space or dash, keeps at most its last 4 digits
 *   (`****4242`). A run of 15 to 19 digits is always masked (a mistyped card
 *   number is still the customer's card data); a run of 13 or 14 digits only
 *   when it passes the Luhn check and starts as a card of that length does
 *   (3 to 6), so a millisecond timestamp (`1733318684000`) stays. Digits
 *   glued to a letter belong to an identifier (`pi_3N…`, a ULID) and stay.
 * - Keys: Stripe keys (`sk_live_…`, `sk_test_…`, `rk_…`, `pk_…`, `ek_…`,
 *   `whsec_…`) keep their prefix (`sk_live_***`); a `Bearer`/`Basic`
 *   credential becomes `Bearer ***`; and the value of a `password=`,
 *   `secret=`, `token=`, `api_key=`-style pair (or `"password": "…"` in
 *   JSON) becomes `***`. A PaymentIntent's client secret is not a key: it is
 *   made to be handed to the customer's browser.
 *
 * Applying it twice changes nothing more.
 *
 * @example
 * ```ts
 * redact("No such PaymentMethod: '4242 4242 4242 4242'"); // "No such PaymentMethod: '****4242'"
 * redact("Invalid API Key provided: sk_live_51Habc"); // "Invalid API Key provided: sk_live_***"
 * ```
 */
export function redact(text: string, options: RedactOptions = {}): string {
  return redactCardNumbers(redactCredentials(text), options.digitRuns ?? "all");
}

export interface RedactOptions {
  /**
   * Which digit runs are card numbers. `"all"` (the default, for text from
   * outside Tender: providers, thrown errors): also every 15 to 19 digit run.
   * `"luhn"` (Tender's own messages, which quote limits such as
   * `Number.MAX_SAFE_INTEGER`): only runs that pass the Luhn check.
   */
  digitRuns?: "all" | "luhn";
}

/**
 * A copy of `value` with every string in it redacted: plain objects and
 * arrays are walked, anything else (numbers, dates, class instances) kept
 * as it is.
 */
export function redactDeep<T>(value: T, options: RedactOptions = {}): T {
  return walk(value, options, 0) as T;
}

function walk(value: unknown, options: RedactOptions, depth: number): unknown {
  if (typeof value === "string") return redact(value, options);
  if (depth > 8 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => walk(item, options, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = walk(field, options, depth + 1);
  return out;
}

const MASK = "***";

/** Stripe's secret, restricted, publishable and ephemeral keys and webhook signing secrets. */
const STRIPE_KEY =
  /(?<![A-Za-z0-9])(sk|rk|pk|ek|whsec)_(?:(test|live)_|(?!(?:test|live)_))[A-Za-z0-9*]{4,}/g;
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)([A-Za-z0-9._~+/=-]+)/gi;
const SECRET_NAME =
  "[A-Za-z0-9_.-]*?(?:password|passwd|pwd|secret|token|api[_-]?key|private[_-]?key|credentials?)";
/** `name=value`, `"name": "value"`, `name:value` and `name: value` (the last only for a value that looks like a credential). */
const SECRET_PAIR = new RegExp(
  String.raw`(?<![A-Za-z0-9])(["']?)(${SECRET_NAME})\1(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s"'&,;)}\]]+)`,
  "gi",
);

function redactCredentials(text: string): string {
  return text
    .replace(STRIPE_KEY, (_key, kind: string, mode: string | undefined) =>
      mode ? `${kind}_${mode}_${MASK}` : `${kind}_${MASK}`,
    )
    .replace(AUTH_SCHEME, (match, scheme: string, space: string, token: string) =>
      // "Bearer 3f9a…" is a credential; "basic information" is prose.
      looksLikeCredential(token) ? `${scheme}${space}${MASK}` : match,
    )
    .replace(
      SECRET_PAIR,
      (match, quote: string, name: string, separator: string, value: string) => {
        if (value.replaceAll(/["'*]/g, "") === "") return match;
        if (!namesASecret(name)) return match;
        const spacedColon = separator.includes(":") && /\s$/.test(separator) && quote === "";
        // "the webhook secret: pass it ..." is prose; "password: hunter2" is not.
        if (spacedColon && !looksLikeCredential(value)) return match;
        const quoted = value.startsWith('"') || value.startsWith("'");
        const masked = quoted ? `${value[0]}${MASK}${value[0]}` : MASK;
        return `${quote}${name}${quote}${separator}${masked}`;
      },
    );
}

const SECRET_WORD =
  /(?:password|passwd|pwd|secret|token|api[_-]?key|private[_-]?key|credentials?)$/i;

/**
 * The secret word starts the name or a part of it (`password`, `client_secret`,
 * `x-api-key`, `accessToken`, `authtoken`), not the inside of an upper-case
 * identifier: a ULID such as `capt_01M9…VPWD` ends in "PWD" by chance.
 */
function namesASecret(name: string): boolean {
  const word = SECRET_WORD.exec(name);
  if (!word) return false;
  const before = name[word.index - 1];
  return before === undefined || !/[A-Z0-9]/.test(before);
}

/** A token with a digit in it, or too long to be a word. */
function looksLikeCredential(token: string): boolean {
  return /\d/.test(token) || token.length >= 20;
}

/** Maximal runs of digits split by single spaces or dashes. */
const DIGIT_RUN = /\d(?:[ -]?\d)*/g;
const LETTER = /[A-Za-z]/;

function redactCardNumbers(text: string, digitRuns: "all" | "luhn"): string {
  return text.replace(DIGIT_RUN, (run, offset: number) => {
    const groups = run.split(/[ -]/);
    // A group glued to a letter is part of an identifier: keep it out of the card number.
    const first = LETTER.test(text[offset - 1] ?? "") ? 1 : 0;
    const last = LETTER.test(text[offset + run.length] ?? "") ? groups.length - 1 : groups.length;
    const separators = run.match(/[ -]/g) ?? [];
    const out: string[] = [];
    let index = 0;
    while (index < groups.length) {
      const end = index >= first && index < last ? cardEnd(groups, index, last, digitRuns) : 0;
      if (end > 0) {
        const digits = groups.slice(index, end).join("");
        out.push(`****${digits.slice(-4)}`);
        index = end;
      } else {
        out.push(groups[index] ?? "");
        index += 1;
      }
      if (index < groups.length) out.push(separators[index - 1] ?? "");
    }
    return out.join("");
  });
}

/**
 * The end (exclusive) of the longest span of whole groups from `start` that
 * is a card number, or 0 when none is.
 */
function cardEnd(
  groups: string[],
  start: number,
  limit: number,
  digitRuns: "all" | "luhn",
): number {
  let longest = start;
  let length = 0;
  while (longest < limit && length + (groups[longest]?.length ?? 0) <= 19) {
    length += groups[longest]?.length ?? 0;
    longest += 1;
  }
  for (let end = longest; end > start; end -= 1) {
    if (isCardNumber(groups.slice(start, end).join(""), digitRuns)) return end;
  }
  return 0;
}

function isCardNumber(digits: string, digitRuns: "all" | "luhn"): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  if (digits.length >= 15 && digitRuns === "all") return true;
  if (digits.length <= 14 && !/^[3-6]/.test(digits)) return false;
  return passesLuhn(digits);
}

/** The Luhn checksum every card number carries in its last digit. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
