import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Slack's request signature (https://docs.slack.dev/authentication/verifying-requests-from-slack):
 * `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` under the signing
 * secret. Bolt checks it too, but only refuses timestamps more than 5 minutes
 * in the past; a replay window has two sides, so this check refuses the
 * future as well.
 */
export type VerifyFailure = "missing" | "malformed" | "stale" | "future" | "mismatch";
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface SignedRequest {
  rawBody: string | Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
}

export function verifySlackSignature(
  request: SignedRequest,
  signingSecret: string,
  nowMs: number = Date.now(),
  toleranceSeconds: number = SIGNATURE_TOLERANCE_SECONDS,
): VerifyResult {
  const { timestamp, signature } = request;
  if (!timestamp || !signature) return { ok: false, reason: "missing" };
  if (!/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/.test(signature)) {
    return { ok: false, reason: "malformed" };
  }
  const skew = Math.floor(nowMs / 1000) - Number(timestamp);
  if (skew > toleranceSeconds) return { ok: false, reason: "stale" };
  if (skew < -toleranceSeconds) return { ok: false, reason: "future" };
  const expected = Buffer.from(signRequest(signingSecret, timestamp, request.rawBody), "utf8");
  const given = Buffer.from(signature, "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? { ok: true }
    : { ok: false, reason: "mismatch" };
}

/** The `x-slack-signature` Slack would send for this body and timestamp. */
export function signRequest(
  signingSecret: string,
  timestamp: string,
  rawBody: string | Buffer,
): string {
  const hmac = createHmac("sha256", signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest("hex")}`;
}
