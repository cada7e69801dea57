/** What the backbone needs from a message broker. Kafka in production; an in-process log in embedded mode. */
export interface TransportMessage {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface ReceivedMessage extends TransportMessage {
  topic: string;
  partition: number;
  offset: string;
}

export interface BatchControl {
  /** Keeps the consumer's group membership alive during long work (retries with backoff). */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping: finish the message at hand, then return. */
  isRunning(): boolean;
}

/**
 * Handles a batch of one partition, in order. When it returns, offsets up to `processedUpTo` (or the whole batch)
 * are committed; when it throws, nothing past the last commit is, and the messages come again.
 */
export type BatchHandler = (batch: ReceivedMessage[], control: BatchControl) => Promise<{ processed: number }>;

export interface SubscribeOptions {
  group: string;
  topics: string[];
  fromBeginning?: boolean;
}

export interface Subscription {
  /** Graceful: in-flight work finishes and its offsets are committed before this resolves. */
  stop(): Promise<void>;
  /**
   * Whether the consumer has joined its group and been given its partitions (at least once). `subscribe`
   * resolves before that: a group that waits for a dead member to time out can take half a minute.
   */
  joined(): boolean;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

export interface EventTransport {
  readonly kind: 'kafka' | 'in-process';
  connect(): Promise<void>;
  ensureTopics(topics: string[]): Promise<void>;
  /** Sends in order with acknowledgement from all in-sync replicas; rejects if not acknowledged. */
  send(topic: string, messages: TransportMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions, handler: BatchHandler): Promise<Subscription>;
  lag(group: string, topics: string[]): Promise<PartitionLag[]>;
  /** True when the broker answered recently. */
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
}
