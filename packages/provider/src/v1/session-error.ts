/**
 * Why a session's payment failed, as the provider reported it (a decline):
 * kept on the session and shown to the customer, so a message must never
 * carry a secret.
 *
 * @example
 * ```ts
 * const error: SessionError = { code: "card_declined", decline_code: "insufficient_funds", message: "The card was declined." };
 * ```
 */
export interface SessionError {
  code: string;
  message: string;
  decline_code?: string;
}
