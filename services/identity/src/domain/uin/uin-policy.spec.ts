import { verhoeffCheckDigit } from './verhoeff';
import { generateUinCandidate, uinRejection, type UinPolicy } from './uin-policy';

const policy: UinPolicy = { length: 10, restricted: new Set() };
/** A number of `body` with its check digit, so that only the filter under test can refuse it. */
const withCheck = (body: string) => `${body}${verhoeffCheckDigit(body)}`;

describe('UIN policy', () => {
  it.each([
    ['a number of the wrong length', '29475083', 'MALFORMED'],
    ['a number with letters', '29A7508361', 'MALFORMED'],
    [
      'a mistyped check digit',
      `${withCheck('294750836').slice(0, 9)}${(Number(withCheck('294750836')[9]) + 1) % 10}`,
      'CHECK_DIGIT',
    ],
    ['a number starting with 0', withCheck('094750836'), 'LEADING_DIGIT'],
    ['a number starting with 1', withCheck('194750836'), 'LEADING_DIGIT'],
    ['three ascending digits', withCheck('294756783'), 'SEQUENCE'],
    ['three descending digits', withCheck('298760835'), 'SEQUENCE'],
    ['one digit three times', withCheck('294777083'), 'REPEATED_DIGITS'],
    ['a repeated pair', withCheck('294747083'), 'REPEATED_BLOCK'],
    ['a repeated triple', withCheck('238938950'), 'REPEATED_BLOCK'],
  ])('refuses %s', (_label, number, reason) => {
    expect(uinRejection(number, policy)).toBe(reason);
  });

  it('refuses restricted numbers', () => {
    const number = withCheck('294750836');
    expect(uinRejection(number, policy)).toBeUndefined();
    expect(uinRejection(number, { ...policy, restricted: new Set([number]) })).toBe('RESTRICTED');
  });

  it('generates numbers that pass every filter, at the configured length, spread over the range', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const uin = generateUinCandidate({ length: 12, restricted: new Set() });
      expect(uin).toHaveLength(12);
      expect(uinRejection(uin, { length: 12, restricted: new Set() })).toBeUndefined();
      seen.add(uin);
    }
    expect(seen.size).toBe(2_000);
    const firstDigits = new Set([...seen].map((uin) => uin[0]));
    expect([...firstDigits].sort()).toEqual(['2', '3', '4', '5', '6', '7', '8', '9']);
  });
});
