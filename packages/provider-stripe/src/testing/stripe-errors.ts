/** Stripe's error `type`s that the fake answers with. */
export type StripeErrorType =
  | "api_error"
  | "card_error"
  | "idempotency_error"
  | "invalid_request_error";

/** The `error` member of a Stripe error response. */
export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: object;
  payment_method?: object;
  setup_intent?: object;
}

/**
 * An error answer from the fake, thrown by a route and turned into a response.
 * `stored` says whether the endpoint had begun executing: Stripe keeps such
 * answers for the idempotency key, but not those of parameter validation.
 */
export class FakeStripeError extends Error {
  readonly status: number;
  readonly body: StripeErrorBody;
  readonly stored: boolean;

  constructor(status: number, body: StripeErrorBody, stored: boolean) {
    super(body.message);
    this.name = "FakeStripeError";
    this.status = status;
    this.body = body.code
      ? {
          ...body,
          doc_url: `https://stripe.com/docs/error-codes/${body.code.replaceAll("_", "-")}`,
        }
      : body;
    this.stored = stored;
  }
}

interface ErrorDetails {
  param?: string;
  code?: string;
}

/** A parameter failed validation: 400, nothing stored for the idempotency key. */
export function invalidParam(message: string, details: ErrorDetails = {}): FakeStripeError {
  return new FakeStripeError(400, { type: "invalid_request_error", message, ...details }, false);
}

/** The request was valid but the objects' state refuses it: 400, stored for the key. */
export function invalidRequest(
  message: string,
  details: ErrorDetails & { payment_intent?: object } = {},
): FakeStripeError {
  return new FakeStripeError(400, { type: "invalid_request_error", message, ...details }, true);
}

/** `payment_intent_unexpected_state`, with the intent as it is. */
export function unexpectedState(message: string, paymentIntent?: object): FakeStripeError {
  return invalidRequest(message, {
    code: "payment_intent_unexpected_state",
    ...(paymentIntent ? { payment_intent: paymentIntent } : {}),
  });
}

/** 404 `resource_missing`, worded as Stripe words it (`No such payment_intent: 'pi_123'`). */
export function resourceMissing(resource: string, id: string, param: string): FakeStripeError {
  return new FakeStripeError(
    404,
    {
      type: "invalid_request_error",
      code: "resource_missing",
      param,
      message: `No such ${resource}: '${id}'`,
    },
    true,
  );
}

/** 400 `resource_missing` for an id given as a parameter (`customer=cus_404`); nothing stored. */
export function missingReference(resource: string, id: string, param: string): FakeStripeError {
  return new FakeStripeError(
    400,
    {
      type: "invalid_request_error",
      code: "resource_missing",
      param,
      message: `No such ${resource}: '${id}'`,
    },
    false,
  );
}

/** 402 for a declined or unauthenticated card; the intent travels in the error. */
export function cardError(body: Omit<StripeErrorBody, "type">): FakeStripeError {
  return new FakeStripeError(402, { type: "card_error", ...body }, true);
}

/** The error body of an internal failure (HTTP 500). */
export function apiErrorBody(requestId: string): { error: StripeErrorBody } {
  return {
    error: {
      type: "api_error",
      message: `An unknown error occurred while processing this request (${requestId}). Retry with the same idempotency key, or contact Stripe support if it persists.`,
    },
  };
}
