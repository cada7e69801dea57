import { backoffWithJitter, withJitter } from './jitter';

describe('retry waits with jitter', () => {
  it('spreads a wait between half of it and all of it', () => {
    expect(withJitter(1_000, () => 0)).toBe(500);
    expect(withJitter(1_000, () => 0.999999)).toBe(1_000);
    const waits = Array.from({ length: 200 }, () => withJitter(1_000));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...waits)).toBeLessThanOrEqual(1_000);
    // Not in lockstep: two hundred retries do not come back at one moment.
    expect(new Set(waits).size).toBeGreaterThan(50);
  });

  it('doubles from the first wait up to the longest', () => {
    const top = (attempt: number) => backoffWithJitter(attempt, 200, 30_000, () => 0.999999);
    expect([0, 1, 2, 3].map(top)).toEqual([200, 400, 800, 1_600]);
    expect(top(20)).toBe(30_000);
    expect(top(1_000)).toBe(30_000);
    expect(backoffWithJitter(3, 200, 30_000, () => 0)).toBe(800);
  });
});
