import { randomBytes, scryptSync } from 'node:crypto';
import { newPin, pinMatches } from './pin';

describe("an anonymous submitter's PIN", () => {
  const key = randomBytes(32);

  it('is 6 digits, kept as a keyed digest: only the right PIN with the same key matches', () => {
    const { pin, hash } = newPin(key);
    expect(pin).toMatch(/^\d{6}$/);
    expect(hash).toMatch(/^h1:[\w-]{22}:[\w-]{43}$/);
    expect(hash).not.toContain(pin);
    expect(pinMatches(pin, hash, key)).toBe(true);
    expect(pinMatches(String((Number(pin) + 1) % 1_000_000).padStart(6, '0'), hash, key)).toBe(false);
    // A stolen table without the key tests nothing.
    expect(pinMatches(pin, hash, randomBytes(32))).toBe(false);
    expect(pinMatches(pin, null, key)).toBe(false);
    // Two cases with the same PIN have different digests.
    const same = Array.from({ length: 3 }, () => newPin(key)).map((p) => p.hash);
    expect(new Set(same).size).toBe(3);
  });

  it('still checks a digest written before as scrypt', () => {
    const salt = randomBytes(16);
    const legacy = `${salt.toString('base64url')}:${scryptSync('482913', salt, 32).toString('base64url')}`;
    expect(pinMatches('482913', legacy, key)).toBe(true);
    expect(pinMatches('482914', legacy, key)).toBe(false);
  });
});
