import { Kafka, Partitioners, logLevel, type Admin, type Consumer, type LogEntry, type Producer } from 'kafkajs';
import { backoffWithJitter, withJitter } from '@onedoor/application';
import type { Logger } from '@onedoor/observability';
import type {
  BatchHandler,
  EventTransport,
  PartitionLag,
  SubscribeOptions,
  Subscription,
  TransportMessage,
} from './event-transport';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** Partitions of topics this transport creates (default 3). */
  partitions?: number;
  replicationFactor?: number;
  /** Messages handed to the batch handler at once (default 200). */
  maxBatchSize?: number;
  /** How long one send may take before its caller is told it failed (default 15 s; the producer keeps trying). */
  sendTimeoutMs?: number;
}

/** The most a consumer fetches at once, and from one partition (see createConsumer). */
const FETCH_MAX_BYTES = 512 * 1024;
const FETCH_MAX_BYTES_PER_PARTITION = 256 * 1024;
/** About how long a consumer that stopped waits before a new one is started (with jitter). */
const RESTART_MS = 5_000;

const KAFKAJS_LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * The only module of OneDoor that talks to Kafka (through kafkajs; see docs/adr/0003-kafka-client.md).
 * Producer: idempotent, acks=all, one request in flight, so per-partition order holds across retries.
 * Consumer: batches per partition, offsets committed by hand after the handler has committed its effects.
 */
export class KafkaTransport implements EventTransport {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly consumers = new Set<Consumer>();
  private connected = false;
  /** Until the first connection: the client's own connection errors are expected and logged at debug. */
  private starting = true;
  private waitingSaid = false;
  /** A send that outlived its timeout and that the producer is still retrying (see send). */
  private stalled?: Promise<unknown>;
  private lastHealth = { at: 0, ok: false };
  private readonly healthAdmin: Admin;
  private healthCheck?: Promise<boolean>;

  constructor(private readonly options: KafkaTransportOptions) {
    const log = options.logger.child({ component: 'kafkajs' });
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log: entry }: LogEntry) => {
          const { message, ...rest } = entry;
          if (this.starting && level === logLevel.ERROR) {
            if (!this.waitingSaid) {
              this.waitingSaid = true;
              log.warn(
                { error: rest.error },
                `Kafka at KAFKA_BROKERS=${options.brokers.join(',')} is not ready yet; retrying for about 20 s`,
              );
            }
            log.debug({ broker: rest.broker, error: rest.error }, message);
            return;
          }
          log[KAFKAJS_LEVELS[level] ?? 'info']({ broker: rest.broker, error: rest.error }, message);
        },
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      // The idempotent producer retries without limit, as kafkajs requires for its guarantees; send() bounds how
      // long a caller waits instead.
      retry: { initialRetryTime: 100, retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 3_000 },
    });
    this.admin = this.kafka.admin();
    this.healthAdmin = this.kafka.admin({ retry: { retries: 0 } });
  }

  /** Connects, retrying for about 20 s; then fails with one error that names KAFKA_BROKERS. */
  async connect(): Promise<void> {
    if (this.connected) return;
    try {
      await this.admin.connect();
      await this.producer.connect();
    } catch (error) {
      throw new Error(
        `cannot reach Kafka at KAFKA_BROKERS=${this.options.brokers.join(',')}: ${(error as Error).message}`,
      );
    } finally {
      this.starting = false;
    }
    this.connected = true;
  }

  /**
   * Creates missing topics and waits until every partition has a leader. Several blocks start at once and race
   * to create the same topics, so "already exists" is fine and metadata is awaited, with a bounded retry.
   */
  async ensureTopics(topics: string[]): Promise<void> {
    if (topics.length === 0) return;
    let lastError: unknown;
    for (let attempt = 0; attempt < 40; attempt++) {
      try {
        const existing = new Set(await this.admin.listTopics());
        const missing = topics.filter((topic) => !existing.has(topic));
        if (missing.length > 0) {
          await this.admin
            .createTopics({
              waitForLeaders: true,
              topics: missing.map((topic) => ({
                topic,
                numPartitions: this.options.partitions ?? 3,
                replicationFactor: this.options.replicationFactor ?? 1,
              })),
            })
            .catch((error: { type?: string }) => {
              if (error?.type !== 'TOPIC_ALREADY_EXISTS') throw error;
            });
        }
        const { topics: metadata } = await this.admin.fetchTopicMetadata({ topics });
        if (metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (error) {
        lastError = error;
      }
      await new Promise((resolve) => setTimeout(resolve, backoffWithJitter(attempt, 100, 2_000)));
    }
    throw new Error(`Kafka topics not ready: ${topics.join(', ')}: ${(lastError as Error)?.message ?? 'no leaders'}`);
  }

  /**
   * Sends with acks=all. The producer retries a failed request without limit (idempotent producer); the caller
   * waits at most sendTimeoutMs and is then told the send failed, so the outbox relay keeps its rows and tries
   * again later. The stalled send goes on in the producer; until it ends, further sends fail at once, so at most
   * one batch is in doubt, and it is delivered before anything sent after it (a duplicate at worst, which the
   * consumers' inbox absorbs).
   */
  async send(topic: string, messages: TransportMessage[]): Promise<void> {
    if (this.stalled) throw new Error('Kafka: an earlier send is still being retried (broker unavailable)');
    const sending = this.producer.send({ topic, acks: -1, messages });
    const timeoutMs = this.options.sendTimeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      if ((await Promise.race([sending, timeout])) !== 'timeout') return;
    } finally {
      clearTimeout(timer);
    }
    const stalled = sending.then(
      () => undefined,
      () => undefined,
    );
    this.stalled = stalled;
    void stalled.then(() => {
      if (this.stalled === stalled) this.stalled = undefined;
    });
    throw new Error(`Kafka: no answer to a send within ${timeoutMs} ms (broker unavailable)`);
  }

  async subscribe(options: SubscribeOptions, handler: BatchHandler): Promise<Subscription> {
    let stopped = false;
    let joined = false;
    let current: Consumer | undefined;
    const log = this.options.logger;
    // kafkajs restarts a consumer after a retriable failure, but stops it for good after one it deems final (a
    // broker gone longer than its retries last, for instance). Then this subscription starts a new consumer,
    // which resumes from the committed offsets; and again, every 5 s or so (with jitter: the consumers of every
    // block lost the broker at once), until one runs.
    const failedConsumers = new Set<Consumer>();
    const restartLater = (failed: Consumer) => {
      if (failedConsumers.has(failed)) return;
      this.consumers.delete(failed);
      failedConsumers.add(failed);
      setTimeout(() => {
        if (stopped) return;
        failedConsumers.delete(failed);
        void failed
          .disconnect()
          .catch(() => undefined)
          .then(() => (stopped ? undefined : start()))
          .catch((error: Error) => {
            log.error({ group: options.group, err: error.message }, 'consumer did not start; trying again soon');
            if (current) restartLater(current);
          });
      }, withJitter(RESTART_MS)).unref();
    };
    let starting: Promise<void> | undefined;
    const start = (): Promise<void> => {
      starting = (async () => {
        const consumer = this.createConsumer(options);
        current = consumer;
        this.consumers.add(consumer);
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          if (payload.restart || stopped) return;
          log.warn({ group: options.group, err: payload.error?.message }, 'consumer stopped; starting it again soon');
          restartLater(consumer);
        });
        consumer.on(consumer.events.GROUP_JOIN, () => {
          if (!joined) log.info({ group: options.group }, 'consumer joined its group');
          joined = true;
        });
        await consumer.connect();
        await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
        // Joining is not waited for: after a crash the group waits for the dead member's session to time out
        // (up to sessionTimeout) before it gives this one its partitions, and the block serves meanwhile.
        this.runConsumer(consumer, handler).catch((error: Error) => {
          if (stopped) return;
          log.warn({ group: options.group, err: error.message }, 'consumer did not join; starting it again soon');
          restartLater(consumer);
        });
      })().finally(() => (starting = undefined));
      return starting;
    };
    await start();
    return {
      stop: async () => {
        stopped = true;
        // A consumer being started (after a crash) is let finish starting, then stopped with the rest: one
        // disconnected while it connects would go on to join the group and fetch after this subscription ended.
        await starting?.catch(() => undefined);
        // kafkajs waits for the running batch to finish before it leaves the group.
        if (current) {
          await current.disconnect();
          this.consumers.delete(current);
        }
        // A consumer that stopped for good still holds its connections until it is disconnected.
        await Promise.allSettled([...failedConsumers].map((failed) => failed.disconnect()));
        failedConsumers.clear();
      },
      joined: () => joined,
    };
  }

  private createConsumer(options: SubscribeOptions): Consumer {
    return this.kafka.consumer({
      groupId: options.group,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 100,
      // kafkajs decodes a whole fetch answer in one synchronous stretch, on the event loop the block's HTTP requests
      // share: its default (up to 10 MB, 1 MB a partition) stalls requests for tens of ms while a backlog is
      // worked off. Smaller fetches cost a few more round trips and keep each stretch to a few ms
      // (bench/backlog.bench.ts).
      maxBytes: FETCH_MAX_BYTES,
      maxBytesPerPartition: FETCH_MAX_BYTES_PER_PARTITION,
      retry: { initialRetryTime: 200, retries: 10, maxRetryTime: 5_000 },
    });
  }

  private async runConsumer(consumer: Consumer, handler: BatchHandler): Promise<void> {
    const maxBatch = this.options.maxBatchSize ?? 200;
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        for (let start = 0; start < batch.messages.length; start += maxBatch) {
          if (!isRunning() || isStale()) return;
          const chunk = batch.messages.slice(start, start + maxBatch).map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key?.toString('utf8') ?? null,
            value: m.value,
            headers: Object.fromEntries(
              Object.entries(m.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v ?? '')]),
            ),
          }));
          const { processed } = await handler(chunk, { heartbeat, isRunning: () => isRunning() && !isStale() });
          if (processed === 0) return;
          const last = chunk[processed - 1];
          // Resolved: kafkajs fetches on from here; committed: a restart or rebalance resumes from here.
          resolveOffset(last.offset);
          await consumer.commitOffsets([
            { topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() },
          ]);
          if (processed < chunk.length) return;
          await heartbeat();
        }
      },
    });
  }

  async lag(group: string, topics: string[]): Promise<PartitionLag[]> {
    const committed = await this.admin.fetchOffsets({ groupId: group, topics });
    const result: PartitionLag[] = [];
    for (const { topic, partitions } of committed) {
      const ends = await this.admin.fetchTopicOffsets(topic);
      for (const end of ends) {
        const mine = partitions.find((p) => p.partition === end.partition);
        const position = mine && mine.offset !== '-1' ? BigInt(mine.offset) : BigInt(end.low);
        result.push({ topic, partition: end.partition, lag: Number(BigInt(end.high) - position) });
      }
    }
    return result;
  }

  /**
   * Whether the broker answers, asked at most every 2 s. The question goes through an admin client of its own that
   * never retries, so an unanswered check ends with its request (no retry left running in the background that
   * would reconnect after close()).
   */
  async isHealthy(): Promise<boolean> {
    if (Date.now() - this.lastHealth.at < 2_000) return this.lastHealth.ok;
    if (!this.healthCheck) {
      this.healthCheck = (async () => {
        try {
          await this.healthAdmin.connect();
          await this.healthAdmin.describeCluster();
          return true;
        } catch {
          return false;
        }
      })().then((ok) => {
        this.lastHealth = { at: Date.now(), ok };
        this.healthCheck = undefined;
        return ok;
      });
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 2_000)));
    const ok = await Promise.race([this.healthCheck, late]);
    clearTimeout(timer);
    if (!ok) this.lastHealth = { at: Date.now(), ok };
    return ok;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((consumer) => consumer.disconnect()));
    this.consumers.clear();
    // A check or a stalled send still under way would reconnect its client after the disconnect: let them end
    // first (a check within its request timeout; a stalled send for at most 5 s, then it is abandoned).
    await this.healthCheck;
    if (this.stalled) await Promise.race([this.stalled, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    await this.producer.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
    await this.healthAdmin.disconnect().catch(() => undefined);
    this.connected = false;
  }
}
