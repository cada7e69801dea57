import { BlockProblem, type BlocksClient, type CallOptions } from './blocks.client';
import { Portal } from './portal';

/** The blocks as the portal calls them: each call recorded, answered by `answer`. */
function blocks(answer: (route: string) => unknown) {
  const calls: { block: string; route: string; options?: CallOptions }[] = [];
  const client = {
    call: async (block: string, route: string, options?: CallOptions) => {
      calls.push({ block, route, options });
      const result = answer(route);
      if (result instanceof Error) throw result;
      return result;
    },
  } as unknown as BlocksClient;
  return { client, calls };
}

describe("following a hotline case from the citizen's web app", () => {
  it.each(['1516-FFK1-RD6S-~', '1516-QRRJ-GVDK-$', '1516-K7Q4-M9XH-*', '1516-K7Q4-M9XH-=', '1516-K7Q4-M9XH-5'])(
    'asks the feedback block for %s, whatever its check symbol',
    async (number) => {
      const { client, calls } = blocks(() => ({ caseNumber: number }));
      await expect(new Portal(client).followCase(number, { pin: '346114' })).resolves.toEqual({ caseNumber: number });
      expect(calls).toEqual([
        {
          block: 'feedback',
          route: `/cases/${encodeURIComponent(number)}`,
          options: { query: { pin: '346114' }, clientAddress: undefined },
        },
      ]);
    },
  );

  it('asks nothing for a number or PIN out of shape; a 404 or 400 of the block is "not found"', async () => {
    const { client, calls } = blocks(() => new BlockProblem(404, 'FEEDBACK.CASE_NOT_FOUND', 'No case'));
    const portal = new Portal(client);
    await expect(portal.followCase('1516 <script>', { pin: '346114' })).resolves.toBeUndefined();
    await expect(portal.followCase('1516-K7Q4-M9XH-5', { pin: '12345' })).resolves.toBeUndefined();
    expect(calls).toEqual([]);
    await expect(portal.followCase('1516-K7Q4-M9XH-5', { token: 'abc' })).resolves.toBeUndefined();
    expect(calls[0].options).toMatchObject({ token: 'abc' });
  });
});
