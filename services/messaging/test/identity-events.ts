import { randomUUID } from 'node:crypto';
import { EventBackbone, KafkaTransport } from '@onedoor/backbone';
import {
  OneTimeCodeRequested,
  PersonEnrolled,
  type OneTimeCodeRequestedPayload,
  type PersonEnrolledPayload,
} from '@onedoor/contracts';
import { createLogger, createMetricsRegistry } from '@onedoor/observability';
import { createBlockDataSource, createPlatformTablesMigration, migrateBlock } from '@onedoor/persistence';

/**
 * Publishes the identity block's events as the identity block does (its own outbox, relayed to Kafka), so the
 * messaging block is tested against the contracts alone, as any subscriber is.
 */
export async function identityEventSource(databaseUrl: string, brokers: string[]) {
  const schema = 'identity_events_for_test';
  const dataSource = createBlockDataSource({
    url: databaseUrl,
    schema,
    migrations: [createPlatformTablesMigration(schema)],
  });
  await migrateBlock(dataSource, schema);
  const logger = createLogger({ service: 'identity-events', level: 'warn' });
  const transport = new KafkaTransport({ brokers, clientId: 'identity-events-for-test', logger });
  const backbone = new EventBackbone({
    block: 'identity',
    schema,
    dataSource,
    transport,
    logger,
    registry: createMetricsRegistry('test'),
  });
  await backbone.start();
  let counter = 0;
  return {
    async enrolled(overrides: Partial<PersonEnrolledPayload> = {}): Promise<PersonEnrolledPayload> {
      counter += 1;
      const payload: PersonEnrolledPayload = {
        personId: randomUUID(),
        uin: `29475${String(10_000 + counter).slice(-5)}`,
        displayName: { lo: `ບົວພັນ ${counter}` },
        provinceCode: '01',
        districtCode: '0102',
        phone: `+85620${Math.floor(10_000_000 + Math.random() * 89_999_999)}`,
        preferredLanguage: 'lo',
        preferredChannel: 'sms',
        enrolledAt: new Date().toISOString(),
        enrolledBy: 'registrar',
        ...overrides,
      };
      await dataSource.transaction((manager) => backbone.publisher.publish(manager, PersonEnrolled, payload));
      return payload;
    },
    async codeRequested(payload: OneTimeCodeRequestedPayload) {
      await dataSource.transaction((manager) => backbone.publisher.publish(manager, OneTimeCodeRequested, payload));
    },
    async close() {
      await backbone.stop();
      await transport.close();
      await dataSource.destroy();
    },
  };
}
