import type { FakePayPalContext } from "./fake-paypal-context";
import type { FakeRoute } from "./fake-route";
import { authenticationFailure, FakePayPalError } from "./paypal-errors";

/** OAuth's refusal: PayPal answers the token endpoint in OAuth's own error shape. */
class OAuthError extends FakePayPalError {
  readonly oauthError: string;

  constructor(status: number, error: string, description: string) {
    super(status, error, description);
    this.oauthError = error;
  }

  override body(): object {
    return { error: this.oauthError, error_description: this.message };
  }
}

/** Refuses (401 `invalid_client`) anything but `Basic base64(clientId:clientSecret)`. */
export function checkBasicAuth(context: FakePayPalContext, header: string | null): void {
  const match = /^Basic\s+(.+)$/i.exec(header ?? "");
  const decoded = match?.[1] === undefined ? "" : Buffer.from(match[1], "base64").toString("utf8");
  if (decoded !== `${context.clientId}:${context.clientSecret}`)
    throw new OAuthError(401, "invalid_client", "Client Authentication failed");
}

/** Refuses (401 AUTHENTICATION_FAILURE) a request without a bearer token this fake issued. */
export function checkBearer(context: FakePayPalContext, header: string | null): void {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  if (match?.[1] === undefined || !context.tokens.has(match[1])) throw authenticationFailure();
}

/** How long a token lasts, in seconds, as PayPal answers (the fake never expires one). */
export const TOKEN_EXPIRES_IN_SECONDS = 32_400;

/** POST /v1/oauth2/token: client credentials for a bearer token. */
export const oauthTokenRoute: FakeRoute = {
  method: "POST",
  path: "/v1/oauth2/token",
  auth: "basic",
  handle(context, request) {
    const form = request.body as Record<string, string>;
    if (form.grant_type !== "client_credentials")
      throw new OAuthError(400, "unsupported_grant_type", "Grant Type is NULL or not supported");
    const token = `A21AA${context.newId()}FAKE${context.tokens.size + 1}`;
    context.tokens.add(token);
    return {
      body: {
        scope:
          "https://uri.paypal.com/services/payments/payment/authcapture https://uri.paypal.com/services/payments/refund openid",
        access_token: token,
        token_type: "Bearer",
        app_id: "APP-80W284485P519543T",
        expires_in: TOKEN_EXPIRES_IN_SECONDS,
        nonce: `${context.isoNow()}fake`,
      },
    };
  },
};
