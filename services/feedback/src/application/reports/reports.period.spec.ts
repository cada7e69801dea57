import { periodOf } from './reports.queries';

describe('report periods', () => {
  it("end on Vientiane's today, which begins at 17:00 UTC", () => {
    expect(periodOf(undefined, undefined, new Date('2026-11-30T16:59:00Z'))).toEqual({
      from: '2025-12-01',
      to: '2026-11-30',
    });
    expect(periodOf(undefined, undefined, new Date('2026-11-30T17:30:00Z'))).toEqual({
      from: '2025-12-02',
      to: '2026-12-01',
    });
  });

  it('take the dates asked as they are', () => {
    expect(periodOf('2026-01-01', '2026-03-31', new Date('2026-11-30T17:30:00Z'))).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
    });
  });
});
