import { describe, expect, it } from "vitest";
import { parseFormBody, parseSearchParams, splitKey } from "./form-body";

describe("parseFormBody", () => {
  it("decodes flat keys, percent-escapes and plus signs", () => {
    expect(parseFormBody("amount=1000&currency=eur&description=T%C3%A9st+order")).toEqual({
      amount: "1000",
      currency: "eur",
      description: "Tést order",
    });
  });

  it("nests bracket keys into hashes", () => {
    expect(
      parseFormBody(
        "metadata[session_id]=x&payment_method_options[card][request_multicapture]=if_available",
      ),
    ).toEqual({
      metadata: { session_id: "x" },
      payment_method_options: { card: { request_multicapture: "if_available" } },
    });
  });

  it("builds lists from numeric indexes, as the official SDK encodes arrays", () => {
    expect(
      parseFormBody("payment_method_types[0]=card&payment_method_types[1]=sepa_debit"),
    ).toEqual({
      payment_method_types: ["card", "sepa_debit"],
    });
  });

  it("builds lists from empty brackets in the order they came", () => {
    expect(parseFormBody("expand[]=latest_charge&expand[]=payment_method")).toEqual({
      expand: ["latest_charge", "payment_method"],
    });
  });

  it("decodes percent-encoded brackets like literal ones", () => {
    expect(parseFormBody("metadata%5Border%5D=42")).toEqual({ metadata: { order: "42" } });
  });

  it("keeps lists inside hashes and hashes inside lists", () => {
    expect(parseFormBody("a[b][0][c]=1&a[b][1][c]=2")).toEqual({
      a: { b: [{ c: "1" }, { c: "2" }] },
    });
  });

  it("keeps a hash with numeric keys that are not 0..n-1 as a hash", () => {
    expect(parseFormBody("metadata[7]=x&metadata[9]=y")).toEqual({
      metadata: { "7": "x", "9": "y" },
    });
  });

  it("keeps an empty value, which Stripe reads as unset", () => {
    expect(parseFormBody("metadata=&description=")).toEqual({ metadata: "", description: "" });
  });

  it("lets a later value for the same key win", () => {
    expect(parseFormBody("amount=1&amount=2")).toEqual({ amount: "2" });
  });

  it("ignores keys that would reach the object prototype", () => {
    const parsed = parseFormBody("__proto__[polluted]=yes&metadata[__proto__]=x&ok=1");
    expect(parsed).toEqual({ ok: "1" });
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("reads a query string the same way", () => {
    expect(
      parseSearchParams(new URLSearchParams("customer=cus_1&type=card&expand[0]=data.customer")),
    ).toEqual({
      customer: "cus_1",
      type: "card",
      expand: ["data.customer"],
    });
  });
});

describe("splitKey", () => {
  it("splits bracket segments", () => {
    expect(splitKey("a[b][0]")).toEqual(["a", "b", "0"]);
    expect(splitKey("a[]")).toEqual(["a", ""]);
  });

  it("keeps a malformed key as one name", () => {
    expect(splitKey("a[b")).toEqual(["a[b"]);
    expect(splitKey("a[b]c")).toEqual(["a[b]c"]);
    expect(splitKey("[a]")).toEqual(["[a]"]);
  });
});
