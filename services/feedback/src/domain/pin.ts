import { createHmac, randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * An anonymous submitter's PIN: 6 digits they keep with the case number (web, SMS, read out to an operator). Kept
 * as `h1:<salt>:<HMAC-SHA256 of salt and PIN with the block's PIN key>`: a million PINs are nothing to a slow hash,
 * so what protects a stolen table is the key it does not hold (FEEDBACK_PIN_KEY), and what protects the API is the
 * guessing throttle. A keyed digest costs microseconds, where scrypt held the event loop for 50 ms a submission.
 * Checking takes the same time whether the PIN is right or not; digests written before (scrypt) still check.
 */
export function newPin(key: Buffer): { pin: string; hash: string } {
  const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const salt = randomBytes(16);
  return { pin, hash: `h1:${salt.toString('base64url')}:${digest(key, salt, pin).toString('base64url')}` };
}

const digest = (key: Buffer, salt: Buffer, pin: string) => createHmac('sha256', key).update(salt).update(pin).digest();

export function pinMatches(pin: string, stored: string | null, key: Buffer): boolean {
  const parts = (stored ?? 'h1:AAAAAAAAAAAAAAAAAAAAAA:').split(':');
  const keyed = parts[0] === 'h1';
  const [salt, hash] = keyed ? parts.slice(1) : parts;
  const given = keyed
    ? digest(key, Buffer.from(salt, 'base64url'), pin)
    : scryptSync(pin, Buffer.from(salt, 'base64url'), 32);
  const expected = Buffer.from(hash ?? '', 'base64url');
  return expected.length === given.length && timingSafeEqual(expected, given) && stored !== null;
}
