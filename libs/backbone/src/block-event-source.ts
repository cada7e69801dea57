import type { BlockName, EventContract, PayloadOf } from '@onedoor/contracts';
import { EventBackbone } from './event-backbone';
import { KafkaTransport } from './transport/kafka.transport';
import { createLogger, createMetricsRegistry } from '@onedoor/observability';
import { createBlockDataSource, createPlatformTablesMigration, migrateBlock } from '@onedoor/persistence';

export interface BlockEventSource {
  /** Publishes as the block does: its outbox, relayed to Kafka. Pass `id` to publish the same event again. */
  publish<C extends EventContract>(contract: C, payload: PayloadOf<C>, id?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * For tests, benchmarks and integrators' own test rigs: another block's events, published the way that block publishes them (its own outbox in a schema of the test's
 * database, relayed to the real broker), so a block is tested against the contracts alone, as any subscriber is.
 */
export async function blockEventSource(
  databaseUrl: string,
  brokers: string[],
  block: BlockName,
  schema = `${block}_events_for_test`,
): Promise<BlockEventSource> {
  const dataSource = createBlockDataSource({
    url: databaseUrl,
    schema,
    migrations: [createPlatformTablesMigration(schema)],
  });
  await migrateBlock(dataSource, schema);
  const logger = createLogger({ service: `${block}-events`, level: 'warn' });
  const transport = new KafkaTransport({ brokers, clientId: `${block}-events-for-test`, logger });
  const backbone = new EventBackbone({
    block,
    schema,
    dataSource,
    transport,
    logger,
    registry: createMetricsRegistry('test'),
  });
  await backbone.start();
  return {
    async publish(contract, payload, id) {
      await dataSource.transaction((manager) =>
        backbone.publisher.publish(manager, contract, payload, id ? { id } : {}),
      );
    },
    async close() {
      await backbone.stop();
      await transport.close();
      await dataSource.destroy();
    },
  };
}
