import { randomInt } from 'node:crypto';
import { hasValidVerhoeffCheckDigit, verhoeffCheckDigit } from './verhoeff';

/** How unique identification numbers (UINs) look: length and the numbers that are never issued. */
export interface UinPolicy {
  /** Digits, check digit included (default 10). */
  length: number;
  /** Numbers never issued (reserved, test, or withdrawn series), in full. */
  restricted: ReadonlySet<string>;
}

/** No number of this policy's length is free any more: the length must grow (IDENTITY_UIN_LENGTH). */
export class UinSpaceExhaustedError extends Error {}

export const DEFAULT_UIN_LENGTH = 10;

export type UinRejection =
  'MALFORMED' | 'CHECK_DIGIT' | 'LEADING_DIGIT' | 'SEQUENCE' | 'REPEATED_DIGITS' | 'REPEATED_BLOCK' | 'RESTRICTED';

/** Three ascending or descending digits in a row, such as 123 or 987: easy to guess, easy to mistype. */
function hasSequence(n: string): boolean {
  for (let i = 0; i + 2 < n.length; i++) {
    const a = n.charCodeAt(i);
    const b = n.charCodeAt(i + 1);
    const c = n.charCodeAt(i + 2);
    if ((b === a + 1 && c === b + 1) || (b === a - 1 && c === b - 1)) return true;
  }
  return false;
}

/** The same digit three times in a row, such as 555. */
function hasRepeatedDigits(n: string): boolean {
  return /(\d)\1\1/.test(n);
}

/** A block of two to (length / 2) digits followed by itself, such as 4747 or 381381. */
function hasRepeatedBlock(n: string): boolean {
  for (let size = 2; size * 2 <= n.length; size++) {
    for (let i = 0; i + size * 2 <= n.length; i++) {
      if (n.slice(i, i + size) === n.slice(i + size, i + size * 2)) return true;
    }
  }
  return false;
}

/** Why a number is not an acceptable UIN under the policy, or undefined when it is one. */
export function uinRejection(number: string, policy: UinPolicy): UinRejection | undefined {
  if (!new RegExp(`^\\d{${policy.length}}$`).test(number)) return 'MALFORMED';
  if (!hasValidVerhoeffCheckDigit(number)) return 'CHECK_DIGIT';
  if (number[0] === '0' || number[0] === '1') return 'LEADING_DIGIT';
  if (hasSequence(number)) return 'SEQUENCE';
  if (hasRepeatedDigits(number)) return 'REPEATED_DIGITS';
  if (hasRepeatedBlock(number)) return 'REPEATED_BLOCK';
  if (policy.restricted.has(number)) return 'RESTRICTED';
  return undefined;
}

/**
 * A random candidate UIN that passes every filter: uniformly random digits (first digit 2–9), the Verhoeff
 * check digit appended, drawn again until the whole number is acceptable. Uniqueness is the registry's job.
 */
export function generateUinCandidate(policy: UinPolicy): string {
  for (;;) {
    let body = String(randomInt(2, 10));
    while (body.length < policy.length - 1) body += String(randomInt(0, 10));
    const candidate = `${body}${verhoeffCheckDigit(body)}`;
    if (uinRejection(candidate, policy) === undefined) return candidate;
  }
}
