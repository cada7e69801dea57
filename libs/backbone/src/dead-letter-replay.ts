import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { DEAD_LETTER_HEADERS, deadLetterTopic } from '@onedoor/contracts';

export interface ReplayOptions {
  brokers: string[];
  /** The consumer group whose dead letters to replay, e.g. `onedoor.workflow`. */
  group: string;
  /** List what would be replayed without sending anything. */
  dryRun?: boolean;
  /** Replay at most this many (default: all that are there when the replay starts). */
  limit?: number;
  /** Only dead letters with this reason (`handler-failed`, `schema-invalid`, `unparseable`). */
  reason?: string;
}

export interface ReplayedLetter {
  topic: string;
  partition: number;
  offset: string;
  reason: string;
  error: string;
}

/**
 * Sends a group's dead letters back to their original topics, once each: the replayer commits its own position
 * on the dead-letter topic. Every consumer group sees the event again; those that had handled it skip it (inbox).
 */
export async function replayDeadLetters(options: ReplayOptions): Promise<ReplayedLetter[]> {
  const kafka = new Kafka({
    clientId: 'onedoor-dead-letter-replay',
    brokers: options.brokers,
    logLevel: logLevel.WARN,
  });
  const topic = deadLetterTopic(options.group);
  const replayGroup = `onedoor.dead-letter-replay.${options.group}`;
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  const [committed] = await admin.fetchOffsets({ groupId: replayGroup, topics: [topic] });
  await admin.disconnect();
  // Per partition: the offset up to which this replay goes (the end when it started), 0 when nothing is left.
  const remaining = new Map(
    ends.map((e) => {
      const at = committed?.partitions.find((p) => p.partition === e.partition)?.offset ?? '-1';
      const position = at === '-1' ? BigInt(e.low) : BigInt(at);
      return [e.partition, position >= BigInt(e.high) ? 0n : BigInt(e.high)];
    }),
  );
  const replayed: ReplayedLetter[] = [];
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumer = kafka.consumer({ groupId: replayGroup });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  const caughtUp = () => [...remaining.values()].every((v) => v === 0n);
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  await consumer.run({
    autoCommit: !options.dryRun,
    eachMessage: async ({ partition, message }) => {
      const end = remaining.get(partition) ?? 0n;
      if (end === 0n || BigInt(message.offset) >= end || replayed.length >= limit) {
        remaining.set(partition, 0n);
        if (caughtUp() || replayed.length >= limit) done();
        return;
      }
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v ?? '')]));
      const reason = headers[DEAD_LETTER_HEADERS.reason] ?? 'unknown';
      if (!options.reason || options.reason === reason) {
        const original = headers[DEAD_LETTER_HEADERS.topic];
        replayed.push({
          topic: original,
          partition: Number(headers[DEAD_LETTER_HEADERS.partition]),
          offset: headers[DEAD_LETTER_HEADERS.offset],
          reason,
          error: headers[DEAD_LETTER_HEADERS.error] ?? '',
        });
        if (!options.dryRun) {
          const cleaned = Object.fromEntries(Object.entries(headers).filter(([k]) => !k.startsWith('onedoor_dlq_')));
          await producer.send({
            topic: original,
            acks: -1,
            messages: [{ key: message.key, value: message.value, headers: cleaned }],
          });
        }
      }
      if (BigInt(message.offset) + 1n >= end) remaining.set(partition, 0n);
      if (caughtUp() || replayed.length >= limit) done();
    },
  });
  if (caughtUp()) done();
  await finished;
  await consumer.disconnect();
  await producer.disconnect();
  return replayed;
}
