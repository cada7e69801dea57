import { ProbeSent } from '@onedoor/contracts';
import type { Logger } from '@onedoor/observability';
import type { BlockRuntime } from './create-block-app';

/**
 * Embedded mode's events after a crash. The in-process transport keeps its topics in memory: events the relays
 * had published, and the consumers not yet handled, when the process died are gone from it, though their outbox
 * rows are kept. At start-up, every outbox row that a block consuming its type has not handled (no row in that
 * block's inbox) is marked unpublished again, so the relay sends it once more; the blocks that did handle it skip
 * it (the inbox), the others handle it now. Only where the producing and consuming blocks share a database (as
 * embedded mode's blocks do); answers how many rows were sent again.
 */
export async function republishUnhandled(runtimes: BlockRuntime[], logger: Logger): Promise<number> {
  let republished = 0;
  for (const consumer of runtimes) {
    const types = [...consumer.definition.consumes.map((contract) => contract.type), ProbeSent.type];
    const group = consumer.backbone.group;
    for (const producer of runtimes) {
      if (!sameDatabase(consumer, producer)) continue;
      const [, count] = (await consumer.dataSource.query(
        `UPDATE "${producer.definition.name}".outbox o SET published_at = NULL
          WHERE o.published_at IS NOT NULL AND o.event_type = ANY($1)
            AND NOT EXISTS (SELECT 1 FROM "${consumer.definition.name}".inbox i
                             WHERE i.consumer_group = $2 AND i.event_id = o.event_id::text)`,
        [types, group],
      )) as [unknown, number];
      republished += Number(count ?? 0);
    }
  }
  if (republished) logger.warn({ events: republished }, 'events not handled before the last stop sent again');
  return republished;
}

function sameDatabase(a: BlockRuntime, b: BlockRuntime): boolean {
  const url = (runtime: BlockRuntime) => (runtime.dataSource.options as { url?: string }).url;
  return url(a) !== undefined && url(a) === url(b);
}
