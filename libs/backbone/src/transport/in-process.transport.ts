import type {
  BatchHandler,
  EventTransport,
  PartitionLag,
  ReceivedMessage,
  SubscribeOptions,
  Subscription,
  TransportMessage,
} from './event-transport';

interface Group {
  topics: Set<string>;
  offsets: Map<string, number>;
  handler: BatchHandler;
  running: boolean;
  wake?: () => void;
  loop: Promise<void>;
}

function partitionFor(key: string | null, partitions: number): number {
  if (key === null) return 0;
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % partitions;
}

/**
 * The embedded mode's broker: topics as in-memory logs with partitions and per-group offsets, with the same
 * batch contract as Kafka, so the outbox, the inbox, retries and dead letters behave the same. One process
 * only, and not durable: the outbox is (see docs/adr/0004-embedded-mode.md).
 */
export class InProcessTransport implements EventTransport {
  readonly kind = 'in-process' as const;
  private readonly topics = new Map<string, ReceivedMessage[][]>();
  private readonly groups = new Map<string, Group>();

  constructor(
    private readonly partitions = 3,
    private readonly maxBatchSize = 200,
  ) {}

  async connect(): Promise<void> {}

  async ensureTopics(topics: string[]): Promise<void> {
    for (const topic of topics) {
      if (!this.topics.has(topic)) {
        this.topics.set(
          topic,
          Array.from({ length: this.partitions }, () => []),
        );
      }
    }
  }

  async send(topic: string, messages: TransportMessage[]): Promise<void> {
    const log = this.topics.get(topic);
    if (!log) throw new Error(`unknown topic ${topic}`);
    for (const message of messages) {
      const partition = partitionFor(message.key, this.partitions);
      log[partition].push({ ...message, topic, partition, offset: String(log[partition].length) });
    }
    for (const group of this.groups.values()) if (group.topics.has(topic)) group.wake?.();
  }

  async subscribe(options: SubscribeOptions, handler: BatchHandler): Promise<Subscription> {
    if (this.groups.has(options.group)) throw new Error(`consumer group ${options.group} already subscribed`);
    await this.ensureTopics(options.topics);
    const group: Group = {
      topics: new Set(options.topics),
      offsets: new Map(),
      handler,
      running: true,
      loop: Promise.resolve(),
    };
    this.groups.set(options.group, group);
    group.loop = this.run(group);
    return {
      stop: async () => {
        group.running = false;
        group.wake?.();
        await group.loop;
        this.groups.delete(options.group);
      },
      joined: () => true,
    };
  }

  private async run(group: Group): Promise<void> {
    const control = { heartbeat: async () => undefined, isRunning: () => group.running };
    while (group.running) {
      let worked = false;
      for (const topic of group.topics) {
        const log = this.topics.get(topic) ?? [];
        for (let partition = 0; partition < log.length; partition++) {
          const key = `${topic}:${partition}`;
          const from = group.offsets.get(key) ?? 0;
          if (from >= log[partition].length) continue;
          const batch = log[partition].slice(from, from + this.maxBatchSize);
          try {
            const { processed } = await group.handler(batch, control);
            group.offsets.set(key, from + processed);
            worked ||= processed > 0;
          } catch {
            // Not committed: the batch comes again, as with Kafka after a failed batch.
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
      }
      if (!worked && group.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1_000);
          group.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        group.wake = undefined;
      }
    }
  }

  async lag(groupName: string, topics: string[]): Promise<PartitionLag[]> {
    const group = this.groups.get(groupName);
    const result: PartitionLag[] = [];
    for (const topic of topics) {
      const log = this.topics.get(topic) ?? [];
      log.forEach((messages, partition) => {
        const at = group?.offsets.get(`${topic}:${partition}`) ?? 0;
        result.push({ topic, partition, lag: messages.length - at });
      });
    }
    return result;
  }

  async isHealthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    for (const group of this.groups.values()) group.running = false;
    for (const group of this.groups.values()) group.wake?.();
    await Promise.all([...this.groups.values()].map((group) => group.loop));
    this.groups.clear();
  }

  /** Messages of a topic, for the dead-letter replay command and for tests. */
  messagesOf(topic: string): ReceivedMessage[] {
    return (this.topics.get(topic) ?? []).flat();
  }
}
