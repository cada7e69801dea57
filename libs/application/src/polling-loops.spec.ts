import { PollingLoops } from './polling-loops';

describe('PollingLoops', () => {
  it('goes round again at once while busy, sleeps when idle, carries on after a failed round, stops cleanly', async () => {
    const seen: string[] = [];
    let rounds = 0;
    const failures: unknown[] = [];
    const loops = new PollingLoops({
      count: 1,
      idleMs: 60_000,
      round: async () => {
        rounds += 1;
        if (rounds === 2) throw new Error('database away');
        seen.push(rounds <= 4 ? 'busy' : 'idle');
        return rounds <= 4 && rounds !== 2 ? { busy: true } : { busy: false, idleMs: rounds === 1 ? 0 : 60_000 };
      },
      failed: (error) => failures.push(error),
    });
    loops.start();
    // Round 1 busy; round 2 fails (sleeps 1 s); rounds 3 and 4 busy; round 5 idle for a minute.
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    const started = Date.now();
    await loops.stop();
    expect(Date.now() - started).toBeLessThan(100); // the sleeper is woken, not waited for
    expect(rounds).toBe(5);
    expect(seen).toEqual(['busy', 'busy', 'busy', 'idle']);
    expect(failures).toEqual([new Error('database away')]);
  });

  it('runs as many loops as asked', async () => {
    let running = 0;
    let most = 0;
    const loops = new PollingLoops({
      count: 3,
      idleMs: 10,
      round: async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running -= 1;
        return { busy: false };
      },
      failed: () => undefined,
    });
    loops.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await loops.stop();
    expect(most).toBe(3);
  });

  it('wakes a sleeping loop when work arrives, without waiting for its poll; each round knows its loop', async () => {
    const rounds: number[] = [];
    const loops = new PollingLoops({
      count: 2,
      idleMs: 2_000,
      round: async (loop) => {
        rounds.push(loop);
        return { busy: false };
      },
      failed: () => undefined,
    });
    loops.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rounds.sort()).toEqual([0, 1]); // each ran once, then sleeps two seconds
    loops.wake();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rounds.sort()).toEqual([0, 0, 1, 1]);
    await loops.stop();
  });
});
