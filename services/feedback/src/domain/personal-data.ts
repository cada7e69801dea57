/** A piece of personal data found in a text: what kind, the text itself, and where (for highlighting). */
export interface PersonalDataMatch {
  kind: 'phone' | 'email' | 'id-number' | 'name';
  text: string;
  start: number;
  end: number;
}

const PATTERNS: [PersonalDataMatch['kind'], RegExp][] = [
  ['email', /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu],
  // Lao mobile and fixed numbers (+856 20 …, 020 …, 030 …, 021 …) and any long run of digits that reads as one.
  ['phone', /(?:\+?856[\s-]?)?0?[23]0[\s-]?\d{2,4}[\s-]?\d{3,4}[\s-]?\d{0,4}|\b0?21[\s-]?\d{6}\b/g],
  // A UIN (10 digits) or another identity document's number (6 to 12 digits, perhaps with letters in front).
  ['id-number', /\b[A-Z]{0,2}\d{6,12}\b/g],
  // A person named with a Lao title (ທ່ານ Mr/Ms, ທ້າວ Mr, ນາງ Ms, ເອື້ອຍ, ອ້າຍ) or an English one.
  [
    'name',
    /(?:ທ່ານ|ທ້າວ|ນາງ|ເອື້ອຍ|ອ້າຍ)\s*[\u0E80-\u0EFF]{2,}(?:\s+[\u0E80-\u0EFF]{2,})?|\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?/g,
  ],
];

/**
 * The personal data a published answer must not carry, found in a text so the Office sees it highlighted and
 * redacts it before anyone can publish: phone numbers, e-mail addresses, identity numbers, and names that follow a
 * title. A finder, not a proof: what it misses, the Office's reading catches; what it finds, blocks publication.
 */
export function personalDataIn(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const [kind, pattern] of PATTERNS) {
    for (const match of text.normalize('NFC').matchAll(pattern)) {
      const value = match[0].trim();
      if (kind === 'phone' && value.replace(/\D/g, '').length < 8) continue;
      const start = match.index!;
      if (found.some((f) => start < f.end && start + match[0].length > f.start)) continue;
      found.push({ kind, text: value, start, end: start + match[0].length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
