import { randomInt } from 'node:crypto';

/** Crockford's Base32: no I, L, O or U, so nothing reads as 1, 0 or a rude word; case does not matter. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Crockford's check symbols: the 32 digits, then * ~ $ = U for 32–36. */
const CHECK_SYMBOLS = `${ALPHABET}*~$=U`;
const DATA_LENGTH = 8;

function checkSymbol(data: string): string {
  let remainder = 0;
  for (const char of data) remainder = (remainder * 32 + ALPHABET.indexOf(char)) % 37;
  return CHECK_SYMBOLS[remainder];
}

/** A new tracking code: 8 random Base32 digits (40 bits) and a mod-37 check symbol, as `K7Q4-M9XH-5`. */
export function newTrackingCode(): string {
  let data = '';
  for (let i = 0; i < DATA_LENGTH; i++) data += ALPHABET[randomInt(32)];
  return `${data.slice(0, 4)}-${data.slice(4)}-${checkSymbol(data)}`;
}

/**
 * A code as typed or read aloud, normalised: upper case, without spaces or dashes, with the letters people
 * confuse mapped back (O→0, I and L→1). Undefined when it is not a tracking code or its check symbol is wrong.
 */
export function normaliseTrackingCode(typed: string): string | undefined {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length !== DATA_LENGTH + 1) return undefined;
  const data = compact.slice(0, DATA_LENGTH);
  if ([...data].some((c) => !ALPHABET.includes(c))) return undefined;
  if (checkSymbol(data) !== compact[DATA_LENGTH]) return undefined;
  return `${data.slice(0, 4)}-${data.slice(4)}-${compact[DATA_LENGTH]}`;
}
