import { base32Decode, base32Encode, hotp, matchTotp, newTotpSecret, totp, verifyTotp } from './totp';

// RFC 6238 appendix B, SHA-1, seed "12345678901234567890"; the RFC's codes are 8 digits, authenticators use the last 6.
const SEED = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
  ])('at %i s gives the RFC test vector %s', (seconds, expected) => {
    expect(totp(SEED, seconds * 1000, 30, 8)).toBe(expected);
    expect(totp(SEED, seconds * 1000)).toBe(expected.slice(2));
  });

  it('gives the RFC 4226 HOTP values', () => {
    expect(hotp(Buffer.from('12345678901234567890'), 0)).toBe('755224');
    expect(hotp(Buffer.from('12345678901234567890'), 9)).toBe('520489');
  });

  it('accepts one step of clock drift, not two', () => {
    const secret = newTotpSecret();
    const now = 1_763_800_000_000;
    expect(verifyTotp(secret, totp(secret, now - 30_000), now)).toBe(true);
    expect(verifyTotp(secret, totp(secret, now + 30_000), now)).toBe(true);
    expect(verifyTotp(secret, totp(secret, now - 90_000), now)).toBe(false);
    expect(verifyTotp(secret, 'abcdef', now)).toBe(false);
  });

  it('names the time step a code belongs to', () => {
    const secret = newTotpSecret();
    const now = 1_763_800_000_000;
    const step = Math.floor(now / 30_000);
    expect(matchTotp(secret, totp(secret, now), now)).toBe(step);
    expect(matchTotp(secret, totp(secret, now - 30_000), now)).toBe(step - 1);
    expect(matchTotp(secret, '12345', now)).toBeUndefined();
  });

  it('round-trips base32', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
  });
});
