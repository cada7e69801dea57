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

/**
 * OneDoor's signature of a webhook it sends: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the
 * shared secret (the header `X-OneDoor-Signature`). The timestamp lets a receiver refuse a replayed old request.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
