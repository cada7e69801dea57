import { TokenBucket } from './token-bucket';

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TokenBucket (rate limit per provider)', () => {
  it('lets a burst of `rate` through at once, then waits for the clock', async () => {
    let clock = 0;
    const bucket = new TokenBucket(50, () => clock);
    for (let i = 0; i < 50; i++) await bucket.take();
    let next = false;
    void bucket.take().then(() => (next = true));
    await tick(40);
    expect(next).toBe(false);
    clock += 20; // 1/50 s: one more token
    await tick(40);
    expect(next).toBe(true);
  });

  it('refills with time, never above the burst size', async () => {
    let clock = 0;
    const bucket = new TokenBucket(2, () => clock);
    await bucket.take();
    await bucket.take();
    clock += 10_000;
    await bucket.take();
    await bucket.take();
    let third = false;
    void bucket.take().then(() => (third = true));
    await tick(20);
    expect(third).toBe(false);
    clock += 500;
    await tick(600);
    expect(third).toBe(true);
  });
});
