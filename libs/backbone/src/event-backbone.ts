import type { DataSource } from 'typeorm';
import {
  EVENT_CATALOGUE,
  deadLetterTopic,
  topicsOf,
  type BlockName,
  type EventContract,
  type PayloadOf,
} from '@onedoor/contracts';
import { backoffWithJitter } from '@onedoor/application';
import { Gauge, type Logger, type Registry } from '@onedoor/observability';
import { ConsumerPipeline, DEFAULT_RETRY_POLICY, type RetryPolicy } from './consumer/consumer-pipeline';
import type { EventBatchHandlerFn, EventHandlerFn, EventHandlerRegistration } from './consumer/received-event';
import { EventPublisher } from './outbox/event-publisher';
import { OutboxRelay, type OutboxRelayOptions, type OutboxStatus } from './outbox/outbox-relay';
import type { EventTransport, Subscription } from './transport/event-transport';

export interface EventBackboneOptions {
  block: BlockName;
  /** PostgreSQL schema holding the block's outbox and inbox. */
  schema: string;
  dataSource: DataSource;
  transport: EventTransport;
  logger: Logger;
  registry: Registry;
  retry?: Partial<RetryPolicy>;
  relay?: OutboxRelayOptions;
  /** Consumer group (default `onedoor.<block>`). */
  group?: string;
  /** Readiness fails when the oldest unpublished event is older than this (default 60 s). */
  maxOutboxLagSeconds?: number;
}

export interface BackboneReadiness {
  /**
   * The block can take traffic: its database answers, its outbox is within OUTBOX_MAX_LAG_SECONDS, and its
   * consumer has joined its group since it started.
   */
  ready: boolean;
  database: boolean;
  broker: boolean;
  outbox: OutboxStatus | null;
  /** The block's consumer: none (it handles no events), starting (not yet in its group) or joined. */
  consumer: 'none' | 'joined' | 'starting';
}

/**
 * A block's whole connection to the event backbone: publish through the outbox, handle events through the
 * inbox, relay the outbox, report readiness and lag. Blocks use it through BackboneModule and never see Kafka.
 */
export class EventBackbone {
  readonly publisher: EventPublisher;
  readonly relay: OutboxRelay;
  readonly group: string;
  private readonly handlers: EventHandlerRegistration[] = [];
  private subscription?: Subscription;
  private pipeline?: ConsumerPipeline;
  private connecting?: Promise<void>;
  private stopping = false;
  private wakeConnect?: () => void;

  constructor(private readonly options: EventBackboneOptions) {
    this.group = options.group ?? `onedoor.${options.block}`;
    this.publisher = new EventPublisher(options.schema, `/onedoor/${options.block}`);
    this.relay = new OutboxRelay(
      options.dataSource,
      options.schema,
      options.transport,
      options.logger,
      options.registry,
      options.relay,
    );
    const handlers = this.handlers;
    const group = this.group;
    new Gauge({
      name: 'onedoor_consumer_lag',
      help: 'Messages on the broker not yet handled by this block, per topic partition',
      labelNames: ['group', 'topic', 'partition'],
      registers: [options.registry],
      async collect(this: Gauge) {
        this.reset();
        const topics = topicsOf(handlers.map((h) => h.contract));
        if (topics.length === 0) return;
        try {
          for (const p of await options.transport.lag(group, topics)) {
            this.set({ group, topic: p.topic, partition: String(p.partition) }, p.lag);
          }
        } catch {
          // broker unreachable: readiness reports it
        }
      },
    });
  }

  /** The event types this block handles, sorted: what its BlockDefinition declares it consumes, checked by a test. */
  get subscriptions(): string[] {
    return [...new Set(this.handlers.map((h) => h.contract.type))].sort();
  }

  /** Registers a handler; call before start(). */
  on<C extends EventContract>(contract: C, handle: EventHandlerFn<PayloadOf<C>>, name = contract.type): void {
    this.register({ contract, handle: handle as EventHandlerFn, name });
  }

  /** Registers a handler of several events at once (same guarantees); call before start(). */
  onBatch<C extends EventContract>(
    contract: C,
    handleBatch: EventBatchHandlerFn<PayloadOf<C>>,
    name = contract.type,
  ): void {
    this.register({ contract, handleBatch: handleBatch as EventBatchHandlerFn, name });
  }

  private register(registration: EventHandlerRegistration): void {
    if (this.subscription) throw new Error('register event handlers before the backbone starts');
    this.handlers.push(registration);
  }

  /**
   * Starts relaying the outbox and consuming. With Kafka, returns at once: connecting, creating topics,
   * starting the relay and subscribing go on in the background, retried with backoff and jitter for as long as the broker is away
   * (said in the log, and in readiness: not ready until the consumer first joins its group), so the block
   * serves its API meanwhile; its events wait in the outbox. In one process (embedded), returns subscribed.
   */
  async start(): Promise<void> {
    this.connecting = this.connect();
    if (this.options.transport.kind === 'in-process') await this.connecting;
  }

  /** Resolves once the broker is reached, the topics exist, the relay runs and the consumer has subscribed. */
  untilConnected(): Promise<void> {
    return this.connecting ?? Promise.reject(new Error('the backbone has not been started'));
  }

  private async connect(): Promise<void> {
    const { transport, logger } = this.options;
    for (let attempt = 0; !this.stopping; attempt++) {
      try {
        await transport.connect();
        await transport.ensureTopics([
          ...topicsOf([...EVENT_CATALOGUE, ...this.handlers.map((h) => h.contract)]),
          deadLetterTopic(this.group),
        ]);
        // Until the topics exist, the relay's sends could only fail.
        this.relay.start();
        if (this.handlers.length > 0 && !this.stopping) {
          this.pipeline = new ConsumerPipeline(
            this.group,
            this.options.dataSource,
            this.options.schema,
            transport,
            this.handlers,
            logger,
            this.options.registry,
            { ...DEFAULT_RETRY_POLICY, ...this.options.retry },
          );
          const topics = topicsOf(this.pipeline.contracts);
          this.subscription = await transport.subscribe({ group: this.group, topics }, this.pipeline.handleBatch);
          logger.debug({ group: this.group, topics }, 'consuming events');
        }
        if (attempt > 0) logger.info('event broker reached');
        return;
      } catch (error) {
        const waitMs = backoffWithJitter(attempt, 1_000, 30_000);
        logger.warn(
          { err: (error as Error).message, attempt: attempt + 1, retryInMs: waitMs },
          'event broker not reachable yet; the API is served, events wait in the outbox; retrying',
        );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitMs);
          this.wakeConnect = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  /** Graceful: in-flight events finish and commit, then the relay finishes its round. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeConnect?.();
    await this.connecting;
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.relay.stop();
  }

  /**
   * Whether everything this block has to do with events is done: its outbox is published, and its consumer has
   * joined its group and handled every event on its topics (lag 0). For tests and tools waiting for a quiet
   * platform; false while the broker cannot be asked.
   */
  async settled(): Promise<boolean> {
    try {
      if ((await this.relay.status()).pending > 0) return false;
      if (this.handlers.length === 0) return true;
      if (!this.subscription?.joined()) return false;
      const lag = await this.options.transport.lag(this.group, topicsOf(this.handlers.map((h) => h.contract)));
      return lag.every((partition) => partition.lag === 0);
    } catch {
      return false;
    }
  }

  /** Whether the block consumes as it should: it has nothing to consume, or its consumer has joined its group. */
  private consuming(): 'none' | 'joined' | 'starting' {
    if (this.handlers.length === 0) return 'none';
    return this.subscription?.joined() ? 'joined' : 'starting';
  }

  async readiness(): Promise<BackboneReadiness> {
    let database = false;
    let outbox: OutboxStatus | null = null;
    try {
      outbox = await this.relay.status();
      database = true;
    } catch {
      database = false;
    }
    const broker = await this.options.transport.isHealthy();
    const lagOk = outbox !== null && outbox.oldestAgeSeconds <= (this.options.maxOutboxLagSeconds ?? 60);
    const consumer = this.consuming();
    // A broker outage alone does not make the block unready: writes go on into the outbox, which is the point
    // of the outbox. The block turns unready when its database is down, the outbox lags past its limit, or it
    // has not yet joined its consumer group since it started (it would not be handling its events).
    return { ready: database && lagOk && consumer !== 'starting', database, broker, outbox, consumer };
  }
}
