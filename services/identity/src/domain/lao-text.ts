/**
 * Lao text as people type it. Names are stored in Unicode NFC; searches compare a folded key in which the
 * differences people commonly make do not count:
 * - tone marks (U+0EC8–U+0ECB) and the cancellation mark (U+0ECC), often left out or typed differently;
 * - precomposed and spelled-out forms (compatibility decomposition): ຳ and ໍ + າ, ໜ and ຫ + ນ, ໝ and ຫ + ມ;
 * - in Latin script: case and accents.
 */
const TONE_AND_CANCELLATION_MARKS = /[\u0EC8-\u0ECC]/g;
const LATIN_COMBINING_MARKS = /[\u0300-\u036F]/g;

export function normaliseName(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function searchKey(value: string): string {
  return value
    .normalize('NFKD')
    .replace(TONE_AND_CANCELLATION_MARKS, '')
    .replace(LATIN_COMBINING_MARKS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether the text contains Lao script. */
export function hasLaoScript(value: string): boolean {
  return /[\u0E80-\u0EFF]/.test(value);
}
