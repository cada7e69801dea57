import type { BlockName, EventContract, PayloadOf } from '@onedoor/contracts';
import { EventBackbone } from './event-backbone';
import { KafkaTransport } from './transport/kafka.transport';
import { createLogger, createMetricsRegistry } from '@onedoor/observability';
import { createBlockDataSource, createPlatformTablesMigration, migrateBlock } from '@onedoor/persistence';

export interface BlockEventSource {
  /** Publishes as the block does (its outbox, relayed to Kafka) and returns once it is on the broker. Pass `id` to publish the same event again. */
  publish<C extends EventContract>(contract: C, payload: PayloadOf<C>, id?: string): Promise<void>;
  /** Many at once, in one transaction; returns once committed (the relay puts them on the broker soon after). */
  publishMany<C extends EventContract>(contract: C, payloads: PayloadOf<C>[]): Promise<void>;
  close(): Promise<void>;
}

export interface BlockEventSourceOptions {
  /** The outbox's schema (default `<block>_events_for_test`); another schema publishes the same ids again. */
  schema?: string;
  /** For volume (benchmarks): rows the relay publishes per round, and how long it waits when idle. */
  relay?: { batchSize?: number; idlePollMs?: number };
}

/**
 * For tests, benchmarks and integrators' own test rigs: another block's events, published the way that block publishes them (its own outbox in a schema of the test's
 * database, relayed to the real broker), so a block is tested against the contracts alone, as any subscriber is.
 */
export async function blockEventSource(
  databaseUrl: string,
  brokers: string[],
  block: BlockName,
  options: BlockEventSourceOptions = {},
): Promise<BlockEventSource> {
  const schema = options.schema ?? `${block}_events_for_test`;
  const dataSource = createBlockDataSource({
    url: databaseUrl,
    schema,
    migrations: [createPlatformTablesMigration(schema)],
  });
  await migrateBlock(dataSource, schema);
  const logger = createLogger({ service: `${block}-events`, level: 'warn' });
  const transport = new KafkaTransport({
    brokers,
    clientId: `${block}-events-for-test`,
    logger,
    ...(options.relay && { maxBatchSize: options.relay.batchSize }),
  });
  const backbone = new EventBackbone({
    block,
    schema,
    dataSource,
    transport,
    logger,
    registry: createMetricsRegistry('test'),
    ...(options.relay && { relay: options.relay }),
  });
  await backbone.start();
  return {
    async publish(contract, payload, id) {
      const envelope = await dataSource.transaction((manager) =>
        backbone.publisher.publish(manager, contract, payload, id ? { id } : {}),
      );
      // Returns once the relay has put it on the broker, so closing right after loses nothing.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const [row]: { published_at: Date | null }[] = await dataSource.query(
          `SELECT published_at FROM "${schema}".outbox WHERE event_id = $1`,
          [envelope.id],
        );
        if (row?.published_at) return;
        if (Date.now() > deadline) throw new Error(`${contract.type} ${envelope.id} was not relayed within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async publishMany(contract, payloads) {
      await dataSource.transaction((manager) => backbone.publisher.publishMany(manager, contract, payloads));
    },
    async close() {
      await backbone.stop();
      await transport.close();
      await dataSource.destroy();
    },
  };
}
