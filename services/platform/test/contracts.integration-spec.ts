import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import { BLOCKS, ProbeSent } from '@onedoor/contracts';
import { startAllBlocks, type AllBlocks } from './all-blocks';

/**
 * What the blocks' contracts say against what the running blocks do. The AsyncAPI document's receive operations
 * come from each block's definition (`consumes`): each running block's backbone shows the events it really
 * subscribed to. The OpenAPI documents' request bodies come from the DTO classes' decorators: every field a body
 * accepts (validates) must be in its document, or a client generated from it cannot send it.
 */
describe('the contracts of the running blocks', () => {
  let blocks: AllBlocks;
  beforeAll(async () => {
    blocks = await startAllBlocks('onedoor_consumed_events');
  }, 120_000);
  afterAll(() => blocks?.close());

  it('each block consumes exactly the events its definition declares (and the diagnostics probe)', () => {
    expect(blocks.platform.runtimes).toHaveLength(BLOCKS.length);
    for (const runtime of blocks.platform.runtimes) {
      const declared = [...new Set([ProbeSent.type, ...runtime.definition.consumes.map((c) => c.type)])].sort();
      expect({ block: runtime.definition.name, events: runtime.backbone.subscriptions }).toEqual({
        block: runtime.definition.name,
        events: declared,
      });
    }
  });

  it("every field a request body accepts is in the block's OpenAPI document", async () => {
    const undocumented: string[] = [];
    let bodies = 0;
    for (const runtime of blocks.platform.runtimes) {
      const document = (await (
        await fetch(`${blocks.platform.urls[runtime.definition.name]}/openapi.json`)
      ).json()) as {
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      };
      const classes = new Set<new (...args: never[]) => unknown>();
      for (const module of runtime.app.get(ModulesContainer).values()) {
        for (const wrapper of module.controllers.values()) {
          const prototype = (wrapper.metatype as { prototype?: object } | null)?.prototype;
          if (!prototype) continue;
          for (const method of Object.getOwnPropertyNames(prototype)) {
            const types = (Reflect.getMetadata('design:paramtypes', prototype, method) ?? []) as unknown[];
            for (const type of types) if (typeof type === 'function') classes.add(type as never);
          }
        }
      }
      for (const type of classes) {
        const validated = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
        const fields = [...new Set(validated.map((m) => m.propertyName))];
        // Bodies (query classes are documented as parameters).
        if (!fields.length || !/Dto|Body|Request|Envelope|Update/.test(type.name) || /Query/.test(type.name)) continue;
        bodies += 1;
        const documented = document.components.schemas[type.name]?.properties ?? {};
        for (const field of fields.filter((f) => !(f in documented))) {
          undocumented.push(`${runtime.definition.name}: ${type.name}.${field}`);
        }
      }
    }
    expect(bodies).toBeGreaterThan(20);
    expect(undocumented).toEqual([]);
  });
});
