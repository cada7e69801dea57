import { newTrackingCode, normaliseTrackingCode } from './tracking-code';

describe('tracking codes', () => {
  it('are 8 Base32 digits and a check symbol, and always check', () => {
    for (let i = 0; i < 2_000; i++) {
      const code = newTrackingCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z*~$=U]$/);
      expect(normaliseTrackingCode(code)).toBe(code);
    }
  });

  it('accept what people type: lower case, spaces, O for 0, I or L for 1', () => {
    const check = [...'0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U'].find((c) => normaliseTrackingCode(`0K1QM9XH${c}`))!;
    const code = `0K1Q-M9XH-${check}`;
    expect(normaliseTrackingCode(`ok lq m9xh ${check.toLowerCase()}`)).toBe(code);
    expect(normaliseTrackingCode(`OKIQ-M9XH-${check}`)).toBe(code);
  });

  it('catch a mistyped digit and two swapped digits', () => {
    const code = newTrackingCode();
    const data = code.replace(/-/g, '').slice(0, 8);
    const check = code.slice(-1);
    for (let i = 0; i < 8; i++) {
      const other = data[i] === '7' ? '8' : '7';
      expect(normaliseTrackingCode(data.slice(0, i) + other + data.slice(i + 1) + check)).toBeUndefined();
    }
    for (let i = 0; i < 7; i++) {
      if (data[i] === data[i + 1]) continue;
      const swapped = data.slice(0, i) + data[i + 1] + data[i] + data.slice(i + 2);
      expect(normaliseTrackingCode(swapped + check)).toBeUndefined();
    }
  });

  it('refuse what is not a code', () => {
    expect(normaliseTrackingCode('')).toBeUndefined();
    expect(normaliseTrackingCode('K7Q4-M9XH')).toBeUndefined();
    expect(normaliseTrackingCode('K7Q4-M9XU-0')).toBeUndefined();
  });
});
