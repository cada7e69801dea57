import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether a webhook's body is signed with the shared secret: `sha256=<hex HMAC-SHA256 of the exact bytes>` (an SMS
 * gateway's delivery receipts and inbound messages). Without a secret, nothing is signed.
 */
export function bodySigned(secret: string | undefined, body: Buffer | undefined, signature: string | undefined) {
  const expected = secret && body ? createHmac('sha256', secret).update(body).digest('hex') : undefined;
  const given = (signature ?? '').replace(/^sha256=/, '');
  return !!expected && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
