import type { NextAction } from "./next-action";
import type { ProviderDispute } from "./provider-dispute";
import type { RiskSignal } from "./risk-signal";
import type { SessionError } from "./session-error";

/**
 * What a provider webhook event means for the core. Actions added after the
 * first release (`disputed`, `risk`) are optional to send: a plugin written
 * before them keeps compiling and working.
 *
 * @example
 * ```ts
 * const action: WebhookAction = "authorized";
 * ```
 */
export type WebhookAction =
  | "authorized"
  | "captured"
  | "failed"
  | "pending"
  | "processing"
  | "requires_more"
  | "canceled"
  | "refunded"
  /** A dispute opened or moved (`data.dispute`, or read through `listDisputes`). */
  | "disputed"
  /** A fraud warning or review the provider attached to the payment (`data.risk`). */
  | "risk"
  | "not_supported";

/**
 * A verified webhook, as `getWebhookActionAndData` answers it: what it is
 * about and which session it names.
 *
 * @example
 * ```ts
 * return { action: "authorized", event_id: event.id, data: { session_id: event.metadata.session_id } };
 * ```
 */
export interface WebhookActionAndData {
  action: WebhookAction;
  /** The provider's event id, for the inbox: an event applied once is ignored after. */
  event_id?: string;
  data?: {
    session_id: string;
    amount?: number;
    raw_status?: string;
    next_action?: NextAction;
    error?: SessionError;
    provider_data?: Record<string, unknown>;
    /** For `refunded`: which of Tender's refunds the event settles, and how. */
    refund?: { refund_id: string; status: "pending" | "succeeded" | "failed" };
    /** For `disputed`: the dispute as the provider has it now (used when the provider has no `listDisputes`). */
    dispute?: ProviderDispute;
    /** For `risk`: the signal as the provider has it now. */
    risk?: RiskSignal;
  };
}

/**
 * A webhook request as the application received it.
 *
 * @example
 * ```ts
 * await service.handleWebhook("stripe", { headers: request.headers, rawBody: await request.text() });
 * ```
 */
export interface WebhookPayload {
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received: parsing and re-serializing breaks signatures. */
  rawBody: string | Uint8Array;
}
