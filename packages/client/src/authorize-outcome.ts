import type { NextAction, TenderError } from "@tender/core";
import type { PaymentHandle } from "./payment-handle";
import type { SessionHandle } from "./session-handle";

/**
 * What authorizing a session came to. Expected outcomes are values, not
 * exceptions: `match(outcome)...exhaustive()` handles each one.
 *
 * @example
 * ```ts
 * const outcome = await session.authorize();
 * const payment = await match(outcome)
 *   .with({ status: "authorized" }, ({ payment }) => payment)
 *   .with({ status: "requires_more" }, ({ action }) => redirect(action))
 *   .with({ status: "processing" }, () => waitForWebhook())
 *   .with({ status: "failed" }, ({ error }) => showDecline(error))
 *   .exhaustive();
 * ```
 */
/**
 * What `payment` holds on an outcome that is not authorized: a sentence, so
 * `outcome.payment.capture()` without narrowing fails to compile with the fix
 * in the message (and, from JavaScript, fails at run time the same way).
 */
export const NOT_AUTHORIZED =
  'no payment: only an authorized outcome has one, check outcome.status === "authorized" first' as const;
export type NotAuthorized = typeof NOT_AUTHORIZED;

export type AuthorizeOutcome<
  TAction extends NextAction = NextAction,
  TData extends Record<string, unknown> = Record<string, unknown>,
> =
  | {
      readonly status: "authorized";
      readonly payment: PaymentHandle;
      readonly session: SessionHandle<TAction, TData>;
    }
  | {
      readonly status: "requires_more";
      readonly payment: NotAuthorized;
      /** What the customer must do, as the provider describes it (a redirect, a client secret). */
      readonly action: TAction;
      readonly session: SessionHandle<TAction, TData>;
      /** Authorizes again, once the customer has acted. */
      retry(): Promise<AuthorizeOutcome<TAction, TData>>;
    }
  | {
      readonly status: "processing";
      readonly payment: NotAuthorized;
      readonly session: SessionHandle<TAction, TData>;
    }
  | {
      readonly status: "failed";
      readonly payment: NotAuthorized;
      readonly error: TenderError;
      readonly session: SessionHandle<TAction, TData>;
    };
