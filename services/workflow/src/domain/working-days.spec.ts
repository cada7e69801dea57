import { addWorkingDays, localDate } from './working-days';

describe('working days', () => {
  // Friday 20 November 2026, 10:00 in Vientiane (03:00 UTC).
  const friday = new Date('2026-11-20T03:00:00Z');

  it('skips the weekend', () => {
    expect(addWorkingDays(friday, 1, new Set()).toISOString()).toBe('2026-11-23T03:00:00.000Z');
    expect(addWorkingDays(friday, 5, new Set()).toISOString()).toBe('2026-11-27T03:00:00.000Z');
  });

  it('skips public holidays from the calendar', () => {
    // 2 December is Lao National Day.
    const monday = new Date('2026-11-30T03:00:00Z');
    expect(addWorkingDays(monday, 3, new Set()).toISOString()).toBe('2026-12-03T03:00:00.000Z');
    expect(addWorkingDays(monday, 3, new Set(['2026-12-02'])).toISOString()).toBe('2026-12-04T03:00:00.000Z');
  });

  it('counts days in Vientiane time, not UTC', () => {
    // 23:30 UTC on Friday is already Saturday 06:30 in Vientiane: the next working day is Tuesday there.
    const lateFriday = new Date('2026-11-20T23:30:00Z');
    expect(localDate(lateFriday)).toBe('2026-11-21');
    expect(localDate(addWorkingDays(lateFriday, 1, new Set()))).toBe('2026-11-23');
  });

  it('is the same moment for zero days and refuses negative ones', () => {
    expect(addWorkingDays(friday, 0, new Set())).toEqual(friday);
    expect(() => addWorkingDays(friday, -1, new Set())).toThrow(RangeError);
  });
});
