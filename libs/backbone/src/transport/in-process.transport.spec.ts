import { InProcessTransport } from './in-process.transport';
import type { ReceivedMessage } from './event-transport';

const message = (key: string, n: number) => ({ key, value: Buffer.from(String(n)), headers: {} });
const waitUntil = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('in-process transport (embedded mode)', () => {
  it('delivers each key in order to every group, and redelivers a batch whose handler failed', async () => {
    const transport = new InProcessTransport(3, 10);
    await transport.ensureTopics(['t']);
    const a: string[] = [];
    const b: string[] = [];
    let failOnce = true;
    const subA = await transport.subscribe({ group: 'a', topics: ['t'] }, async (batch: ReceivedMessage[]) => {
      if (failOnce) {
        failOnce = false;
        throw new Error('database hiccup');
      }
      a.push(...batch.map((m) => `${m.key}:${m.value}`));
      return { processed: batch.length };
    });
    const subB = await transport.subscribe({ group: 'b', topics: ['t'] }, async (batch: ReceivedMessage[]) => {
      b.push(...batch.map((m) => `${m.key}:${m.value}`));
      return { processed: batch.length };
    });
    await transport.send('t', [message('x', 1), message('y', 1), message('x', 2), message('x', 3), message('y', 2)]);
    await waitUntil(() => a.length === 5 && b.length === 5);
    for (const seen of [a, b]) {
      expect(seen.filter((s) => s.startsWith('x'))).toEqual(['x:1', 'x:2', 'x:3']);
      expect(seen.filter((s) => s.startsWith('y'))).toEqual(['y:1', 'y:2']);
    }
    expect(await transport.lag('a', ['t'])).toEqual(expect.arrayContaining([expect.objectContaining({ lag: 0 })]));
    await subA.stop();
    await subB.stop();
    await transport.close();
  });

  it('resumes from the first message a stopping handler did not finish', async () => {
    const transport = new InProcessTransport(1, 10);
    await transport.ensureTopics(['t']);
    const seen: string[] = [];
    let calls = 0;
    const sub = await transport.subscribe({ group: 'g', topics: ['t'] }, async (batch) => {
      calls++;
      const take = calls === 1 ? 2 : batch.length;
      seen.push(...batch.slice(0, take).map((m) => String(m.value)));
      return { processed: take };
    });
    await transport.send(
      't',
      [1, 2, 3, 4].map((n) => message('k', n)),
    );
    await waitUntil(() => seen.length === 4);
    expect(seen).toEqual(['1', '2', '3', '4']);
    await sub.stop();
    await transport.close();
  });
});
