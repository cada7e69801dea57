import { randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * An anonymous submitter's PIN: 6 digits they keep with the case number (web, SMS, read out to an operator). Kept
 * as a salted scrypt hash only; checking takes the same time whether it is right or not.
 */
export function newPin(): { pin: string; hash: string } {
  const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return { pin, hash: pinHash(pin) };
}

function pinHash(pin: string, salt = randomBytes(16)): string {
  return `${salt.toString('base64url')}:${scryptSync(pin, salt, 32).toString('base64url')}`;
}

export function pinMatches(pin: string, stored: string | null): boolean {
  const [salt, hash] = (stored ?? 'AAAAAAAAAAAAAAAAAAAAAA:').split(':');
  const given = scryptSync(pin, Buffer.from(salt, 'base64url'), 32);
  const expected = Buffer.from(hash, 'base64url');
  return expected.length === given.length && timingSafeEqual(expected, given) && stored !== null;
}
