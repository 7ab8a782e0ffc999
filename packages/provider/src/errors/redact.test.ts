import { describe, expect, it } from "vitest";
import { passesLuhn, redact, redactDeep } from "./redact";

/** A Tender record id as the core makes them: a prefix and 26 characters of Crockford base32 (a ULID). */
function tenderId(random: { int: (min: number, max: number) => number }, prefix: string): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let tail = "";
  for (let i = 0; i < 26; i += 1) tail += alphabet.charAt(random.int(0, 31));
  return `${prefix}_${tail}`;
}

/** A seeded generator (a linear congruential one): a failing seed replays the same run. */
function seeded(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    digits: (count: number) => Array.from({ length: count }, () => String(int(0, 9))).join(""),
  };
}

type Random = ReturnType<typeof seeded>;

const SEEDS = Array.from({ length: 20 }, (_, i) => 1 + i * 7919);

/** Issuer prefixes and lengths of real card brands (Visa, Mastercard, Amex, Diners, Discover, JCB, Maestro, UnionPay). */
const BRANDS: ReadonlyArray<{ prefixes: readonly string[]; lengths: readonly number[] }> = [
  { prefixes: ["4"], lengths: [13, 16, 19] },
  { prefixes: ["51", "52", "53", "54", "55", "2221", "2720"], lengths: [16] },
  { prefixes: ["34", "37"], lengths: [15] },
  { prefixes: ["300", "305", "36", "38"], lengths: [14] },
  { prefixes: ["6011", "65"], lengths: [16, 19] },
  { prefixes: ["3528", "3589"], lengths: [16] },
  { prefixes: ["6304", "6759", "50"], lengths: [13, 16, 19] },
  { prefixes: ["62"], lengths: [16, 17, 18, 19] },
];

/** A random card number that passes the Luhn check. */
function cardNumber(random: Random): string {
  const brand = random.pick(BRANDS);
  const prefix = random.pick(brand.prefixes);
  const length = random.pick(brand.lengths);
  const body = prefix + random.digits(length - prefix.length - 1);
  const check = [..."0123456789"].find((digit) => passesLuhn(body + digit)) ?? "0";
  return body + check;
}

/** The number as people write it: together, in fours, in the brand's groups, or split at random. */
function written(random: Random, digits: string): string {
  const separator = random.pick([" ", "-"]);
  const style = random.pick(["together", "fours", "random"] as const);
  if (style === "together") return digits;
  if (style === "fours") return digits.match(/.{1,4}/g)?.join(separator) ?? digits;
  let out = "";
  for (const [i, digit] of [...digits].entries()) {
    out += digit;
    if (i < digits.length - 1 && random.int(0, 3) === 0) out += random.pick([" ", "-"]);
  }
  return out;
}

/** Stripe-style object ids (`pi_3N...`): a prefix and 24 base-62 characters. */
function stripeId(random: Random): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const body = Array.from({ length: 24 }, () => random.pick([...alphabet])).join("");
  return `${random.pick(["pi", "pm", "ch", "re", "cus", "seti", "req"])}_3N${body}`;
}

const onlyDigits = (text: string) => text.replaceAll(/\D/g, "");

describe("redact: card numbers", () => {
  it("masks a card number a provider echoes, keeping the last 4 digits", () => {
    expect(redact("No such PaymentMethod: '4242424242424242'")).toBe(
      "No such PaymentMethod: '****4242'",
    );
    expect(redact("No such PaymentMethod: '4242 4242 4242 4242'")).toBe(
      "No such PaymentMethod: '****4242'",
    );
    expect(redact("card 4000-0566-5566-5556 declined")).toBe("card ****5556 declined");
    expect(redact("amex 3782 822463 10005, visa 4222222222222")).toBe(
      "amex ****0005, visa ****2222",
    );
  });

  it("masks any 15 to 19 digit run, even one that fails the Luhn check (a mistyped card)", () => {
    expect(redact("payment_method=4242424242424241")).toBe("payment_method=****4241");
    expect(redact("'4242 4242 4242 424'")).toBe("'****2424'");
  });

  it("masks the card number in a longer run of groups and keeps the groups beside it", () => {
    expect(redact("4242 4242 4242 4242 2030")).toBe("****4242 2030");
    expect(redact("order 5000 4242424242424242")).toBe("order 5000 ****4242");
  });

  it.each(SEEDS)(
    "always masks a Luhn-valid card number, however it is written (seed %i)",
    (seed) => {
      const random = seeded(seed);
      for (let i = 0; i < 200; i += 1) {
        const digits = cardNumber(random);
        const text = `${random.pick(["No such PaymentMethod: '", "card ", "pan=", "(", ""])}${written(random, digits)}${random.pick(["'", ".", " declined", ")", ""])}`;
        for (const digitRuns of ["all", "luhn"] as const) {
          const redacted = redact(text, { digitRuns });
          expect(onlyDigits(redacted), `${text} -> ${redacted}`).toBe(digits.slice(-4));
        }
      }
    },
  );

  it.each(SEEDS)("leaves ids, amounts, ULIDs and timestamps as they are (seed %i)", (seed) => {
    const random = seeded(seed);
    for (let i = 0; i < 200; i += 1) {
      const ms = random.int(Date.UTC(2001, 8, 10), Date.UTC(2033, 4, 17));
      const text = [
        stripeId(random),
        tenderId(random, random.pick(["payses", "pay", "paycol", "capt", "ref"] as const)),
        `${random.pick(["payses", "capt"])}_${tenderId(random, "pay").slice(4)}:update:${ms}`,
        `amount ${random.int(0, 99_999_999)}`,
        String(ms),
        String(Math.floor(ms / 1000)),
        new Date(ms).toISOString(),
        `+1 ${random.digits(3)}-${random.digits(3)}-${random.digits(4)}`,
        String(Number.MAX_SAFE_INTEGER),
      ].join(random.pick([", ", "; ", " and "]));
      const kept = text.replace(String(Number.MAX_SAFE_INTEGER), "");
      expect(redact(kept), kept).toBe(kept);
      expect(redact(text, { digitRuns: "luhn" }), text).toBe(text);
    }
  });

  it("lets Tender's own messages quote limits in luhn mode, but still masks a real card number", () => {
    const limit = `between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`;
    expect(redact(limit, { digitRuns: "luhn" })).toBe(limit);
    expect(redact(`got 4242424242424242`, { digitRuns: "luhn" })).toBe("got ****4242");
  });

  it("keeps digits glued to letters: they are part of an identifier", () => {
    for (const text of ["pi_3N4242424242424242ab", "x4242424242424242", "01J4242424242424242ZZ"]) {
      expect(redact(text)).toBe(text);
    }
  });
});

describe("redact: keys and credentials", () => {
  it("masks Stripe keys and webhook secrets, keeping the kind and mode", () => {
    expect(redact("Invalid API Key provided: sk_live_51HabcDEF0123456789")).toBe(
      "Invalid API Key provided: sk_live_***",
    );
    expect(redact("sk_test_4eC39HqLyjWDarjtT1zdp7dc rk_live_zzzzzzzz rk_test_abcd1234")).toBe(
      "sk_test_*** rk_live_*** rk_test_***",
    );
    expect(redact("whsec_0123456789abcdef, ek_test_YWNjdF8x")).toBe("whsec_***, ek_test_***");
    expect(redact("Invalid API Key provided: sk_test_****1234")).toBe(
      "Invalid API Key provided: sk_test_***",
    );
  });

  it("masks bearer and basic credentials", () => {
    expect(redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc")).toBe(
      "Authorization: Bearer ***",
    );
    expect(redact("authorization: basic c2tfdGVzdF8xMjM6")).toBe("authorization: basic ***");
  });

  it("masks the value of password, secret, token and api key pairs", () => {
    expect(redact("POST /login?user=ann&password=hunter2&x=1")).toBe(
      "POST /login?user=ann&password=***&x=1",
    );
    expect(redact('{"client_secret":"abc","api_key": "k-1","name":"ann"}')).toBe(
      '{"client_secret":"***","api_key": "***","name":"ann"}',
    );
    expect(redact("STRIPE_API_KEY=sk_live_abcd1234 secret: s3cr3t token=t0k")).toBe(
      "STRIPE_API_KEY=*** secret: *** token=***",
    );
    expect(redact("client_secret: pi_3Nabc_secret_xyz")).toBe("client_secret: ***");
  });

  it("masks a secret word that starts a part of the name, not one inside an upper-case id", () => {
    expect(redact("accessToken=abc1 AUTH_TOKEN=def2 x-api-key: k9")).toBe(
      "accessToken=*** AUTH_TOKEN=*** x-api-key: ***",
    );
    // A ULID ends in "PWD" or "TOKEN" by chance: the key beside it is no secret.
    for (const text of [
      "capt_01M916ZQH6000NVN7HAV72VPWD:update:1669204956761",
      "ref_01M916ZQH6000NVN7HATOKEN=42",
    ]) {
      expect(redact(text)).toBe(text);
    }
  });

  it("leaves prose about keys and secrets alone", () => {
    for (const text of [
      "Check the Stripe API key (STRIPE_API_KEY).",
      "Missing webhook secret: pass webhookSecret or set STRIPE_WEBHOOK_SECRET.",
      "The customer must authenticate: bring them back on-session.",
      "basic information",
      "the bearer of the card",
    ]) {
      expect(redact(text)).toBe(text);
    }
  });

  it.each(SEEDS)("changes nothing more when applied twice (seed %i)", (seed) => {
    const random = seeded(seed);
    for (let i = 0; i < 100; i += 1) {
      const text = [
        written(random, cardNumber(random)),
        `sk_${random.pick(["live", "test"])}_${random.digits(12)}`,
        `password=${random.digits(6)}`,
        `Bearer ${random.digits(20)}`,
        stripeId(random),
      ].join(" ");
      const once = redact(text);
      expect(redact(once)).toBe(once);
      expect(redact(once, { digitRuns: "luhn" })).toBe(once);
    }
  });
});

describe("redactDeep", () => {
  it("redacts every string in plain objects and arrays, and keeps other values", () => {
    const at = new Date(0);
    expect(
      redactDeep({
        message: "card 4242424242424242",
        nested: [{ key: "sk_live_abcdef123456" }, 42],
        at,
      }),
    ).toEqual({ message: "card ****4242", nested: [{ key: "sk_live_***" }, 42], at });
  });
});
