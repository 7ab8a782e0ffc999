import {
  type ApiResponse,
  type CaptureRequest,
  Client,
  type ClientCredentialsAuthManager,
  Environment,
  type OAuthToken,
  type OrderRequest,
  OrdersController,
  PatchOp,
  PaymentsController,
  type RefundRequest,
  ResponseValidationError,
} from "@paypal/paypal-server-sdk";
import type { PayPalMoney } from "./paypal-currency";
import { parseJson, toProviderError } from "./paypal-error";
import {
  PAYPAL_API_BASES,
  type PayPalProviderSettings,
  resolveCredentials,
  resolveEnvironment,
} from "./paypal-settings";
import { verifyWebhookSignature } from "./paypal-verify-webhook";

/** Every answer as PayPal wrote it (snake_case JSON), parsed by Tender's own guards. */
export interface PayPalApi {
  createOrder(body: OrderRequest, requestId: string): Promise<unknown>;
  getOrder(orderId: string): Promise<unknown>;
  patchOrderAmount(orderId: string, amount: PayPalMoney): Promise<void>;
  authorizeOrder(orderId: string, requestId: string): Promise<unknown>;
  captureOrder(orderId: string, requestId: string): Promise<unknown>;
  getAuthorization(authorizationId: string): Promise<unknown>;
  captureAuthorization(
    authorizationId: string,
    requestId: string,
    body: CaptureRequest,
  ): Promise<unknown>;
  reauthorize(authorizationId: string, requestId: string): Promise<unknown>;
  voidAuthorization(authorizationId: string, requestId: string): Promise<unknown>;
  getCapture(captureId: string): Promise<unknown>;
  refundCapture(captureId: string, requestId: string, body: RefundRequest): Promise<unknown>;
  /** POST /v1/notifications/verify-webhook-signature with the event's raw text: PayPal's `verification_status`. */
  verifyWebhookSignature(fields: Record<string, string>, rawEvent: string): Promise<unknown>;
}

const REPRESENTATION = "return=representation";

/**
 * Makes the SDK client on first use, so a provider can be registered before
 * its credentials are loaded; then every call goes through it, and its
 * errors become `ProviderError`s (keyed by the PayPal-Request-Id sent).
 */
export function lazyPayPalApi(
  settings: PayPalProviderSettings<string>,
  providerId: string,
): () => PayPalApi {
  let api: PayPalApi | undefined;
  return () => {
    api ??= makeApi(settings, providerId);
    return api;
  };
}

function makeApi(settings: PayPalProviderSettings<string>, providerId: string): PayPalApi {
  const { client, token } = makeClient(settings);
  const orders = new OrdersController(client);
  const payments = new PaymentsController(client);
  const send = async (
    requestId: string | undefined,
    call: () => Promise<ApiResponse<unknown>>,
  ): Promise<unknown> => {
    try {
      return bodyOf(await call());
    } catch (error) {
      // A 2xx the SDK's schema did not like is still PayPal's answer: it may have moved money.
      if (error instanceof ResponseValidationError && error.statusCode < 300) return bodyOf(error);
      throw toProviderError(error, providerId, requestId);
    }
  };
  const prefer = REPRESENTATION;
  return {
    createOrder: (body, paypalRequestId) =>
      send(paypalRequestId, () => orders.createOrder({ body, paypalRequestId, prefer })),
    getOrder: (id) => send(undefined, () => orders.getOrder({ id })),
    async patchOrderAmount(id, amount) {
      await send(undefined, () =>
        orders.patchOrder({
          id,
          body: [
            {
              op: PatchOp.Replace,
              path: "/purchase_units/@reference_id=='default'/amount",
              value: amount,
            },
          ],
        }),
      );
    },
    authorizeOrder: (id, paypalRequestId) =>
      send(paypalRequestId, () => orders.authorizeOrder({ id, paypalRequestId, prefer })),
    captureOrder: (id, paypalRequestId) =>
      send(paypalRequestId, () => orders.captureOrder({ id, paypalRequestId, prefer })),
    getAuthorization: (authorizationId) =>
      send(undefined, () => payments.getAuthorizedPayment({ authorizationId })),
    captureAuthorization: (authorizationId, paypalRequestId, body) =>
      send(paypalRequestId, () =>
        payments.captureAuthorizedPayment({ authorizationId, paypalRequestId, prefer, body }),
      ),
    reauthorize: (authorizationId, paypalRequestId) =>
      send(paypalRequestId, () =>
        payments.reauthorizePayment({ authorizationId, paypalRequestId, prefer }),
      ),
    voidAuthorization: (authorizationId, paypalRequestId) =>
      send(paypalRequestId, () =>
        payments.voidPayment({ authorizationId, paypalRequestId, prefer }),
      ),
    getCapture: (captureId) => send(undefined, () => payments.getCapturedPayment({ captureId })),
    refundCapture: (captureId, paypalRequestId, body) =>
      send(paypalRequestId, () =>
        payments.refundCapturedPayment({ captureId, paypalRequestId, prefer, body }),
      ),
    verifyWebhookSignature: (fields, rawEvent) =>
      verifyWebhookSignature({
        providerId,
        apiBase: PAYPAL_API_BASES[resolveEnvironment(settings)],
        fetch: settings.fetch ?? globalThis.fetch,
        token,
        fields,
        rawEvent,
      }),
  };
}

/**
 * The SDK client, and a bearer token shared with it: the SDK and the
 * webhook verification (a plain fetch) log in once between them.
 */
function makeClient(settings: PayPalProviderSettings<string>): {
  client: Client;
  token: () => Promise<string>;
} {
  let cached: OAuthToken | undefined;
  const refresh = async (manager: ClientCredentialsAuthManager): Promise<OAuthToken> => {
    cached = await manager.updateToken(cached);
    return cached;
  };
  const given = settings.client;
  const client =
    given ??
    (() => {
      const { clientId, clientSecret, environment } = resolveCredentials(settings);
      return new Client({
        clientCredentialsAuthCredentials: {
          oAuthClientId: clientId,
          oAuthClientSecret: clientSecret,
          oAuthTokenProvider: (_last, manager) => refresh(manager),
        },
        environment: environment === "production" ? Environment.Production : Environment.Sandbox,
        ...(settings.timeoutMs === undefined ? {} : { timeout: settings.timeoutMs }),
      });
    })();
  return {
    client,
    token: async () => (await refresh(client.clientCredentialsAuthManager)).accessToken,
  };
}

function bodyOf(response: { body: unknown }): unknown {
  return typeof response.body === "string" ? parseJson(response.body) : undefined;
}
