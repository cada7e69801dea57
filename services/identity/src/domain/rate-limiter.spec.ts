import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows the limit within the window, then says how long to wait', () => {
    const limiter = new RateLimiter(3, 60_000);
    const t0 = 1_000_000;
    expect([0, 1, 2].map((i) => limiter.hit('10.0.0.1', t0 + i * 1000))).toEqual([0, 0, 0]);
    expect(limiter.hit('10.0.0.1', t0 + 3000)).toBe(57);
    expect(limiter.hit('10.0.0.2', t0 + 3000)).toBe(0);
    expect(limiter.hit('10.0.0.1', t0 + 60_001)).toBe(0);
  });
});
