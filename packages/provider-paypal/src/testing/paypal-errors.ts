/** One entry of a PayPal error's `details`. */
export interface PayPalErrorDetail {
  issue: string;
  description: string;
  field?: string;
  value?: string;
  location?: string;
}

/**
 * An error answer, thrown by a route and turned into a response with the
 * body PayPal sends: `{ name, message, debug_id, details, links }`.
 */
export class FakePayPalError extends Error {
  readonly status: number;
  readonly errorName: string;
  readonly details: PayPalErrorDetail[];

  constructor(status: number, name: string, message: string, details: PayPalErrorDetail[] = []) {
    super(message);
    this.name = "FakePayPalError";
    this.status = status;
    this.errorName = name;
    this.details = details;
  }

  /** The JSON body, with a fresh `debug_id`. */
  body(debugId: string): object {
    const issue = this.details[0]?.issue;
    return {
      name: this.errorName,
      message: this.message,
      debug_id: debugId,
      details: this.details,
      links: [
        {
          href: `https://developer.paypal.com/api/rest/reference/orders/v2/errors/#${issue ?? this.errorName}`,
          rel: "information_link",
          method: "GET",
        },
      ],
    };
  }
}

/** 422 UNPROCESSABLE_ENTITY with one issue (`ORDER_NOT_APPROVED`, `MAX_CAPTURE_AMOUNT_EXCEEDED`, ...). */
export function unprocessable(issue: string, description: string): FakePayPalError {
  return new FakePayPalError(
    422,
    "UNPROCESSABLE_ENTITY",
    "The requested action could not be performed, semantically incorrect, or failed business validation.",
    [{ issue, description }],
  );
}

/** 400 INVALID_REQUEST for a malformed or missing field. */
export function invalidRequest(
  issue: string,
  description: string,
  field?: string,
): FakePayPalError {
  return new FakePayPalError(
    400,
    "INVALID_REQUEST",
    "Request is not well-formed, syntactically incorrect, or violates schema.",
    [{ issue, description, ...(field === undefined ? {} : { field, location: "body" }) }],
  );
}

/** 404 RESOURCE_NOT_FOUND for an unknown id in the path. */
export function notFound(field: string, id: string): FakePayPalError {
  return new FakePayPalError(404, "RESOURCE_NOT_FOUND", "The specified resource does not exist.", [
    {
      field,
      value: id,
      location: "path",
      issue: "INVALID_RESOURCE_ID",
      description:
        "Specified resource ID does not exist. Please check the resource ID and try again.",
    },
  ]);
}

/** 401 AUTHENTICATION_FAILURE: no or an unknown bearer token. */
export function authenticationFailure(): FakePayPalError {
  return new FakePayPalError(
    401,
    "AUTHENTICATION_FAILURE",
    "Authentication failed due to invalid authentication credentials or a missing Authorization header.",
    [{ issue: "INVALID_ACCOUNT_STATUS", description: "Invalid or missing access token." }],
  );
}

/** 429 RATE_LIMIT_REACHED. */
export function rateLimited(): FakePayPalError {
  return new FakePayPalError(
    429,
    "RATE_LIMIT_REACHED",
    "Too many requests. Blocked due to rate limiting.",
    [{ issue: "RATE_LIMIT_REACHED", description: "Too many requests. Retry later." }],
  );
}

/** 500 INTERNAL_SERVER_ERROR. */
export function internalServerError(): FakePayPalError {
  return new FakePayPalError(
    500,
    "INTERNAL_SERVER_ERROR",
    "An internal server error has occurred.",
    [
      {
        issue: "INTERNAL_SERVER_ERROR",
        description:
          "An internal server error has occurred. Retry with the same PayPal-Request-Id.",
      },
    ],
  );
}
