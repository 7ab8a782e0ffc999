/**
 * A fake processor for the core's money tests: it keeps its own ledger of
 * what it authorized, captured, refunded and released, honours idempotency
 * keys as a processor must (a repeated key answers what the first call did
 * and moves nothing), and can be told to move the money and then throw, as
 * a network that dies after the processor acted does. Tests end by
 * comparing the books with this ledger. Test-only: no index exports it.
 */
import { ProviderError } from "../errors/provider-error";
import { type ScriptedProvider, scriptedProvider } from "../testing/index";

export type Movement =
  | "initiate"
  | "update"
  | "authorize"
  | "increment"
  | "capture"
  | "refund"
  | "cancel";

export interface LedgerEntry {
  movement: Movement;
  key: string;
  amount: number;
  /** The session, capture or refund id the core sent it for. */
  record: string;
}

/** The errors a provider may throw after the money moved, none of them a definite refusal. */
export const AFTER_MOVING_ERRORS: ReadonlyArray<readonly [string, () => Error]> = [
  ["a plain Error (socket hang up)", () => new Error("socket hang up")],
  [
    "a timeout",
    () => Object.assign(new Error("The operation timed out."), { name: "TimeoutError" }),
  ],
  ["a reset connection", () => Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })],
  [
    "a retryable ProviderError",
    () =>
      new ProviderError({
        providerId: "processor",
        code: "api_error",
        message: "The processor answered 500.",
        retryable: true,
      }),
  ],
  [
    "a ProviderError that does not say it is definite",
    () =>
      new ProviderError({
        providerId: "processor",
        code: "provider_error",
        message: "Something went wrong.",
      }),
  ],
];

export interface LedgerProvider extends ScriptedProvider<"processor"> {
  /** Every movement the processor made, once per idempotency key. */
  readonly ledger: LedgerEntry[];
  /** The next call to `movement` moves the money, then throws `error`. */
  failAfterMoving(movement: Movement, error: Error): void;
  /** The next call to `movement` throws `error` before doing anything. */
  failBeforeMoving(movement: Movement, error: Error): void;
  /**
   * The next call to `movement` (after those queued before) fails with a 500 that the processor stores
   * for its key, as Stripe does: the same key replays it. Nothing moves
   * (unless `applied`: then the money moves and only the answer is the 500).
   * A replayed failure makes the provider ask its ledger whether the record
   * moved: it answers with the movement, or says nothing moved and the
   * request must go again under a new key (`retryUnderNewKey`).
   */
  failStored(movement: Movement, options?: { applied?: boolean }): void;
  /** What the ledger says moved, per movement kind. */
  total(movement: Movement): number;
}

export function ledgerProvider(): LedgerProvider {
  const ledger: LedgerEntry[] = [];
  const answers = new Map<string, unknown>();
  const after = new Map<Movement, Error>();
  const before = new Map<Movement, Error>();
  const stored = new Map<Movement, Array<{ applied: boolean }>>();
  const storedFailures = new Set<string>();

  function move<TAnswer>(
    movement: Movement,
    key: string,
    record: string,
    amount: number,
    answer: TAnswer,
  ): TAnswer {
    const failFirst = before.get(movement);
    if (failFirst) {
      before.delete(movement);
      throw failFirst;
    }
    const storeFailure = stored.get(movement)?.[0];
    if (storeFailure && !answers.has(key) && !storedFailures.has(key)) {
      stored.get(movement)?.shift();
      storedFailures.add(key);
      if (storeFailure.applied) {
        ledger.push({ movement, key, amount, record });
        answers.set(key, answer);
      }
    }
    if (storedFailures.has(key)) {
      // The 500 stored for this key (now or replayed): the provider asks its own records
      // whether this record moved, under any key.
      const moved = ledger.find((entry) => entry.movement === movement && entry.record === record);
      if (moved) return answers.get(moved.key) as TAnswer;
      throw new ProviderError({
        providerId: "processor",
        code: "api_error",
        message: `The processor answered 500 for key ${key} and nothing moved for ${record}; it will not take the key again.`,
        retryable: true,
        retryUnderNewKey: true,
      });
    }
    if (answers.has(key)) {
      // A repeated key: the first call's answer, and nothing moves again.
      const first = answers.get(key) as TAnswer;
      return first;
    }
    ledger.push({ movement, key, amount, record });
    answers.set(key, answer);
    const failure = after.get(movement);
    if (failure) {
      after.delete(movement);
      throw failure;
    }
    return answer;
  }

  // Which session each of the core's captures was for (a capture's record is its own id).
  const captureSession = new Map<string, string>();
  const sessionOf = (data: Record<string, unknown>) =>
    String(data.processor_id).replace(/^pi_/, "");
  const provider = scriptedProvider({
    id: "processor",
    // The state of a session's payment, from the ledger alone.
    status: (input) => {
      const session = sessionOf(input.data);
      const entries = ledger.filter(
        (entry) =>
          entry.record === session ||
          entry.record.startsWith(`${session}:`) ||
          captureSession.get(entry.record) === session,
      );
      const sum = (movement: Movement) =>
        entries.filter((e) => e.movement === movement).reduce((total, e) => total + e.amount, 0);
      // An increment's entry holds what it added to the authorization.
      const authorized = sum("authorize") + sum("increment");
      const captured = sum("capture");
      const canceled = ledger.some(
        (entry) => entry.movement === "cancel" && entry.record === input.data.processor_id,
      );
      const status =
        captured > 0 && captured >= authorized
          ? ("captured" as const)
          : canceled
            ? ("canceled" as const)
            : entries.some((e) => e.movement === "authorize")
              ? ("authorized" as const)
              : ("pending" as const);
      return {
        status,
        data: input.data,
        ...(captured > 0 ? { captured_amount: captured } : {}),
      };
    },
    initiate: (input) =>
      move("initiate", input.idempotency_key, input.session_id, input.amount, {
        status: "pending" as const,
        data: { ...input.data, processor_id: `pi_${input.session_id}` },
      }),
    update: (input) =>
      move("update", input.idempotency_key, input.session_id, input.amount, {
        status: "pending" as const,
        data: input.data,
      }),
    authorize: (input) =>
      move("authorize", input.idempotency_key, input.session_id, input.amount, {
        status: "authorized" as const,
        data: input.data,
      }),
    // One increment per target total: its record is the session and the total asked for.
    increment: (input) => {
      const session = sessionOf(input.data);
      const held = ledger
        .filter((entry) => entry.movement === "authorize" || entry.movement === "increment")
        .filter((entry) => entry.record === session || entry.record.startsWith(`${session}:`))
        .reduce((total, entry) => total + entry.amount, 0);
      return move(
        "increment",
        input.idempotency_key,
        `${session}:${input.amount}`,
        input.amount - held,
        { amount: input.amount, data: input.data },
      );
    },
    capture: (input) => {
      captureSession.set(input.capture_id, sessionOf(input.data));
      return move("capture", input.idempotency_key, input.capture_id, input.amount, {
        data: input.data,
      });
    },
    refund: (input) =>
      move("refund", input.idempotency_key, input.refund_id, input.amount, {
        status: "succeeded" as const,
        data: input.data,
      }),
    // One cancel per payment: the record is the payment's processor id in its data.
    cancel: (input) =>
      move(
        "cancel",
        input.idempotency_key ?? "cancel",
        String(input.data.processor_id ?? input.idempotency_key),
        0,
        { data: input.data },
      ),
  });
  return Object.assign(provider, {
    ledger,
    failAfterMoving: (movement: Movement, error: Error) => void after.set(movement, error),
    failBeforeMoving: (movement: Movement, error: Error) => void before.set(movement, error),
    failStored: (movement: Movement, options: { applied?: boolean } = {}) =>
      void stored.set(movement, [
        ...(stored.get(movement) ?? []),
        { applied: options.applied === true },
      ]),
    total: (movement: Movement) =>
      ledger.filter((entry) => entry.movement === movement).reduce((sum, e) => sum + e.amount, 0),
  });
}
