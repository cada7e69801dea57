import { ProbeSent } from '@onedoor/contracts';
import { startAllBlocks, type AllBlocks } from './all-blocks';

/**
 * The AsyncAPI document's receive operations come from each block's definition (`consumes`); here each running
 * block's backbone shows the events it really subscribed to, so the document cannot promise what a block ignores
 * nor hide what it consumes.
 */
describe('the events each block consumes', () => {
  let blocks: AllBlocks;
  beforeAll(async () => {
    blocks = await startAllBlocks('onedoor_consumed_events');
  }, 120_000);
  afterAll(() => blocks?.close());

  it('are exactly those its definition declares (and the diagnostics probe)', () => {
    expect(blocks.platform.runtimes).toHaveLength(5);
    for (const runtime of blocks.platform.runtimes) {
      const declared = [...new Set([ProbeSent.type, ...runtime.definition.consumes.map((c) => c.type)])].sort();
      expect({ block: runtime.definition.name, events: runtime.backbone.subscriptions }).toEqual({
        block: runtime.definition.name,
        events: declared,
      });
    }
  });
});
