import { createHmac, timingSafeEqual } from "node:crypto";

/** The key the fake signs webhooks with (PayPal signs with its certificate's private key). */
export const FAKE_SIGNING_KEY = "fake-paypal-webhook-signing-key";

/** The algorithm PayPal names in `paypal-auth-algo`. */
export const AUTH_ALGO = "SHA256withRSA";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 (IEEE) of a text's UTF-8 bytes, as the unsigned decimal PayPal
 * puts in the signed message.
 *
 * @example
 * ```ts
 * crc32("123456789"); // 3421780262
 * ```
 */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, "utf8"))
    crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * What a signature covers.
 *
 * @example
 * ```ts
 * const signed: SignedTransmission = {
 *   transmissionId: headers["paypal-transmission-id"] ?? "",
 *   transmissionTime: headers["paypal-transmission-time"] ?? "",
 *   webhookId: "WH-FAKE",
 *   rawBody,
 * };
 * ```
 */
export interface SignedTransmission {
  transmissionId: string;
  transmissionTime: string;
  webhookId: string;
  rawBody: string;
}

/**
 * The fake's `paypal-transmission-sig`:
 * base64(HMAC-SHA256(key, `${transmission_id}|${transmission_time}|${webhook_id}|${crc32(rawBody)}`)).
 *
 * @example
 * ```ts
 * const sig = signTransmission({ transmissionId, transmissionTime, webhookId: "WH-FAKE", rawBody });
 * ```
 */
export function signTransmission(transmission: SignedTransmission, key = FAKE_SIGNING_KEY): string {
  const message = `${transmission.transmissionId}|${transmission.transmissionTime}|${transmission.webhookId}|${crc32(transmission.rawBody)}`;
  return createHmac("sha256", key).update(message, "utf8").digest("base64");
}

/** Whether a signature is the fake's for this transmission. */
export function verifyTransmission(transmission: SignedTransmission, signature: string): boolean {
  const expected = Buffer.from(signTransmission(transmission), "utf8");
  const given = Buffer.from(signature, "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
