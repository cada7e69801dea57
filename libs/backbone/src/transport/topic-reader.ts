import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

export interface RawTopicMessage {
  key?: string;
  headers: Record<string, string>;
  value: string;
}

/**
 * Reads a topic from the beginning with a plain Kafka consumer (its own throw-away group), as an integrator
 * would, until `until` holds for what was read (and then `settleMs` longer, to catch duplicates) or the time is
 * up. For operators' checks and for tests.
 */
export async function readTopic(
  brokers: string[],
  topic: string,
  until: (messages: RawTopicMessage[]) => boolean,
  { timeoutMs = 30_000, settleMs = 0 }: { timeoutMs?: number; settleMs?: number } = {},
): Promise<RawTopicMessage[]> {
  const kafka = new Kafka({ clientId: 'onedoor-topic-reader', brokers, logLevel: logLevel.NOTHING });
  const out: RawTopicMessage[] = [];
  const reader = kafka.consumer({ groupId: `onedoor-topic-reader-${randomUUID()}` });
  await reader.connect();
  try {
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        out.push({
          key: message.key?.toString(),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          value: message.value?.toString() ?? '',
        });
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (!until(out)) {
      if (Date.now() > deadline) throw new Error(`timed out reading ${topic}: ${out.length} messages so far`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (settleMs) await new Promise((resolve) => setTimeout(resolve, settleMs));
    return out;
  } finally {
    await reader.disconnect();
  }
}
