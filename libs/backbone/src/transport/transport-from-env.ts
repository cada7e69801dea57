import type { Logger } from '@onedoor/observability';
import type { EventTransport } from './event-transport';
import { InProcessTransport } from './in-process.transport';
import { KafkaTransport } from './kafka.transport';

/** Kafka when KAFKA_BROKERS is set (comma-separated host:port), otherwise the in-process transport. */
export function transportFromEnv(
  clientId: string,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): EventTransport {
  const brokers = env.KAFKA_BROKERS?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (!brokers?.length) return new InProcessTransport();
  return new KafkaTransport({
    brokers,
    clientId,
    logger,
    partitions: Number(env.KAFKA_TOPIC_PARTITIONS ?? 3),
    replicationFactor: Number(env.KAFKA_REPLICATION_FACTOR ?? 1),
  });
}
