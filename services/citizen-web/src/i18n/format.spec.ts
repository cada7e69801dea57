import { formatDate, formatDateTime, formatKip } from './format';
import { t } from './messages';

describe('Lao and English as government forms write them', () => {
  it('writes dates day, month, year in Vientiane time', () => {
    // 23:30 UTC on 30 November is already 1 December in Vientiane (UTC+7).
    expect(formatDate('lo', '2026-11-30T23:30:00Z')).toBe('1 ທັນວາ 2026');
    expect(formatDate('en', '2026-11-30T23:30:00Z')).toBe('1 December 2026');
    expect(formatDate('lo', '2026-11-30T23:30:00Z', 'short')).toBe('01/12/2026');
    expect(formatDateTime('lo', '2026-11-30T23:30:00Z')).toBe('1 ທັນວາ 2026, 06:30');
    expect(formatDate('lo', 'not a date')).toBe('');
  });

  it('writes kip with Lao grouping and the unit after', () => {
    expect(formatKip('lo', 1_500_000)).toBe('1.500.000 ກີບ');
    expect(formatKip('en', 1_500_000)).toBe('LAK 1,500,000');
  });

  it('fills a message in the language asked', () => {
    expect(t('lo', 'workingDays', { n: 15 })).toBe('15 ວັນລັດຖະການ');
    expect(t('en', 'workingDays', { n: 15 })).toBe('15 working days');
  });

  it('gives English words their number ("1 result", "2 results"); Lao words do not change', () => {
    expect([0, 1, 2].map((n) => t('en', 'results', { n }))).toEqual(['0 results', '1 result', '2 results']);
    expect(t('en', 'workingDays', { n: 1 })).toBe('1 working day');
    expect([1, 2].map((n) => t('lo', 'results', { n }))).toEqual(['1 ຜົນ', '2 ຜົນ']);
  });
});
