/**
 * Likely duplicates: the same topic and place within a window, in similar words. Lao is written without spaces
 * between words and with tone marks people type differently (or not at all on a phone keyboard), so texts are
 * compared as sets of character trigrams after normalising: NFC, lower case, Lao digits as ASCII, tone marks and
 * the cancellation mark removed, punctuation and spaces dropped. The score is the Jaccard index of the two sets.
 */

/** Lao tone marks (mai ek, mai tho, mai ti, mai catawa) and the cancellation mark. */
const TONE_MARKS = /[\u0EC8-\u0ECC]/g;
const LAO_DIGITS = /[\u0ED0-\u0ED9]/g;

/** A case's words as compared: NFC, lower case, Lao digits as ASCII, no tone marks, letters and digits only. */
export function normaliseWords(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(LAO_DIGITS, (digit) => String(digit.charCodeAt(0) - 0x0ed0))
    .replace(TONE_MARKS, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
}

function trigrams(text: string): Set<string> {
  const compact = normaliseWords(text);
  const grams = new Set<string>();
  if (compact.length < 3) {
    if (compact) grams.add(compact);
    return grams;
  }
  for (let i = 0; i + 3 <= compact.length; i++) grams.add(compact.slice(i, i + 3));
  return grams;
}

/** How alike two texts are, from 0 (nothing shared) to 1 (the same once normalised). */
export function similarity(a: string, b: string): number {
  const [x, y] = [trigrams(a), trigrams(b)];
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared += 1;
  return shared / (x.size + y.size - shared);
}

/** A case is proposed as a likely duplicate from this similarity, among cases of the same topic and place. */
export const DUPLICATE_THRESHOLD = 0.3;
/** ...received within this many days of each other. */
export const DUPLICATE_WINDOW_DAYS = 14;
