import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks Bitbucket Cloud's `X-Hub-Signature` (`sha256=` and the hex
 * HMAC-SHA256 of the raw body under the webhook secret) in constant time.
 * False for a missing, malformed, truncated or wrong signature.
 */
export function verifyBitbucketSignature(
  secret: string,
  rawBody: Buffer,
  signature: string | undefined,
): boolean {
  const match = signature ? SIGNATURE.exec(signature.trim()) : null;
  if (!match) {
    return false;
  }
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(match[1], 'hex'), expected);
}
