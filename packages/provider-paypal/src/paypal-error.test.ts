import { ProviderError } from "@tender/core";
import { describe, expect, it } from "vitest";
import { readErrorBody, toProviderError } from "./paypal-error";
import { classify } from "./paypal-issues";

const body = (issue: string, name = "UNPROCESSABLE_ENTITY") =>
  readErrorBody({ name, message: "m", debug_id: "d1", details: [{ issue, description: "x" }] });

describe("what PayPal's answers mean", () => {
  it.each([
    [422, "INSTRUMENT_DECLINED", "card_declined", true],
    [422, "MAX_CAPTURE_AMOUNT_EXCEEDED", "invalid_request", true],
    [422, "SOMETHING_PAYPAL_ADDED_LATER", "invalid_request", true],
    [400, "INVALID_PARAMETER_VALUE", "invalid_request", true],
    [404, "INVALID_RESOURCE_ID", "invalid_request", true],
    [401, "INVALID_ACCOUNT_STATUS", "configuration", true],
    [409, "DUPLICATE_REQUEST_ID", "idempotency_error", false],
    [429, "RATE_LIMIT_REACHED", "rate_limited", false],
    [500, "INTERNAL_SERVER_ERROR", "api_error", false],
    [503, "SERVICE_UNAVAILABLE", "api_error", false],
  ])("%i %s is %s, definite: %s", (status, issue, code, definite) => {
    expect(classify(status, body(issue))).toMatchObject({ code, definite });
  });

  it("keeps PayPal's debug_id and issue, and reads OAuth's own error shape", () => {
    expect(body("INSTRUMENT_DECLINED")).toMatchObject({
      debug_id: "d1",
      issue: "INSTRUMENT_DECLINED",
    });
    expect(
      readErrorBody(
        '{"error":"invalid_client","error_description":"Client Authentication failed"}',
      ),
    ).toMatchObject({
      oauth_error: "invalid_client",
      message: "Client Authentication failed",
    });
    expect(readErrorBody("<html>")).toMatchObject({ name: null, issue: null });
  });

  it("treats anything that is not PayPal's answer as an unknown outcome", () => {
    const error = toProviderError(new Error("socket hang up"), "paypal", "key-1");
    expect(error).toMatchObject({ code: "connection", retryable: true, idempotencyKey: "key-1" });
    expect(ProviderError.isDefiniteFailure(error)).toBe(false);
    expect(toProviderError(error, "paypal")).toBe(error);
  });
});
