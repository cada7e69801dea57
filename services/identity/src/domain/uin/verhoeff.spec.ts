import { hasValidVerhoeffCheckDigit, verhoeffCheckDigit } from './verhoeff';

describe('Verhoeff check digit', () => {
  it.each([
    ['236', 3],
    ['12345', 1],
    ['142857', 0],
    ['123456789012', 0],
    ['8473643095483728456789', 2],
  ])('of %s is %i (published test vectors)', (digits, check) => {
    expect(verhoeffCheckDigit(digits)).toBe(check);
    expect(hasValidVerhoeffCheckDigit(`${digits}${check}`)).toBe(true);
  });

  it('catches every single-digit error and every adjacent transposition of a number', () => {
    const number = `738291046${verhoeffCheckDigit('738291046')}`;
    for (let i = 0; i < number.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === number[i]) continue;
        expect(hasValidVerhoeffCheckDigit(number.slice(0, i) + d + number.slice(i + 1))).toBe(false);
      }
      if (i + 1 < number.length && number[i] !== number[i + 1]) {
        const swapped = number.slice(0, i) + number[i + 1] + number[i] + number.slice(i + 2);
        expect(hasValidVerhoeffCheckDigit(swapped)).toBe(false);
      }
    }
  });

  it('refuses what is not a string of digits', () => {
    expect(hasValidVerhoeffCheckDigit('')).toBe(false);
    expect(hasValidVerhoeffCheckDigit('12a4')).toBe(false);
  });
});
