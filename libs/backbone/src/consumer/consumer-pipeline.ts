import type { DataSource, EntityManager } from 'typeorm';
import { backoffWithJitter } from '@onedoor/application';
import { DEAD_LETTER_HEADERS, deadLetterTopic, type EventContract, type EventEnvelope } from '@onedoor/contracts';
import {
  Counter,
  Histogram,
  SpanKind,
  contextFromTraceparent,
  trace,
  inSpan,
  type Logger,
  type Registry,
} from '@onedoor/observability';
import { decodeEnvelope, PoisonMessageError } from '../envelope/cloudevents-kafka';
import { assertValidPayload, EventValidationError } from '../envelope/schema-validator';
import type { BatchControl, EventTransport, ReceivedMessage } from '../transport/event-transport';
import { withCausingEvent } from './causing-event';
import { PermanentEventError, type EventHandlerRegistration, type ReceivedEvent } from './received-event';

export interface RetryPolicy {
  /** Attempts before a message goes to dead letters (default 5). */
  maxAttempts: number;
  /** First backoff; doubles each attempt (default 200 ms), each wait with jitter (between half and all of it). */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 200, maxBackoffMs: 30_000 };

type EventItem = {
  kind: 'event';
  message: ReceivedMessage;
  envelope: EventEnvelope;
  handlers: EventHandlerRegistration[];
};
type Classified =
  | { kind: 'skip'; message: ReceivedMessage }
  | { kind: 'poison'; message: ReceivedMessage; error: PoisonMessageError }
  | EventItem;

/**
 * What every consumer group of OneDoor does with a batch of one partition:
 * decode and validate (poison goes straight to dead letters), skip events nobody here handles, then run the
 * handlers with the inbox row in the same transaction. The whole batch is tried in one transaction first; if a
 * handler fails, the batch is redone one event at a time with retries and backoff, and an event that still fails
 * goes to the group's dead-letter topic with its error and original coordinates, so its partition keeps flowing.
 */
export class ConsumerPipeline {
  private readonly byType = new Map<string, EventHandlerRegistration[]>();
  private readonly consumed: Counter;
  private readonly retries: Counter;
  private readonly duration: Histogram;

  constructor(
    private readonly group: string,
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly transport: EventTransport,
    handlers: EventHandlerRegistration[],
    private readonly logger: Logger,
    registry: Registry,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {
    for (const handler of handlers) {
      const list = this.byType.get(handler.contract.type) ?? [];
      list.push(handler);
      this.byType.set(handler.contract.type, list);
    }
    this.consumed = new Counter({
      name: 'onedoor_events_consumed_total',
      help: 'Events taken from the broker, by outcome (processed, duplicate, skipped, dead-lettered)',
      labelNames: ['group', 'type', 'outcome'],
      registers: [registry],
    });
    this.retries = new Counter({
      name: 'onedoor_event_retries_total',
      help: 'Handler attempts that failed and were retried',
      labelNames: ['group', 'type'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'onedoor_event_batch_seconds',
      help: 'Time to handle one batch of events',
      labelNames: ['group'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  get contracts(): EventContract[] {
    return [...this.byType.values()].map((handlers) => handlers[0].contract);
  }

  readonly handleBatch = async (batch: ReceivedMessage[], control: BatchControl): Promise<{ processed: number }> => {
    const stopTimer = this.duration.startTimer({ group: this.group });
    try {
      const classified = batch.map((message) => this.classify(message));
      if (await this.tryWholeBatch(classified)) {
        for (const item of classified) if (item.kind === 'poison') await this.deadLetter(item.message, item.error, 1);
        return { processed: batch.length };
      }
      for (let i = 0; i < classified.length; i++) {
        if (!control.isRunning()) return { processed: i };
        const done = await this.handleOne(classified[i], control);
        if (!done) return { processed: i };
      }
      return { processed: batch.length };
    } finally {
      stopTimer();
    }
  };

  private classify(message: ReceivedMessage): Classified {
    let envelope: EventEnvelope;
    try {
      envelope = decodeEnvelope(message);
    } catch (error) {
      if (error instanceof PoisonMessageError) return { kind: 'poison', message, error };
      throw error;
    }
    const handlers = this.byType.get(envelope.type);
    if (!handlers) return { kind: 'skip', message };
    try {
      assertValidPayload(handlers[0].contract, envelope.data);
    } catch (error) {
      if (error instanceof EventValidationError) {
        return { kind: 'poison', message, error: new PoisonMessageError('schema-invalid', error.message) };
      }
      throw error;
    }
    return { kind: 'event', message, envelope, handlers };
  }

  /** The fast path: every event of the batch in one transaction. False if any handler failed (nothing committed). */
  private async tryWholeBatch(classified: Classified[]): Promise<boolean> {
    const events = classified.filter((item): item is Extract<Classified, { kind: 'event' }> => item.kind === 'event');
    if (events.length === 0) {
      for (const item of classified) {
        if (item.kind === 'skip') this.consumed.inc({ group: this.group, type: 'other', outcome: 'skipped' });
      }
      return true;
    }
    try {
      await this.dataSource.transaction(async (manager) => {
        const fresh = await this.claimInbox(manager, events);
        // The same event twice in one batch (a producer's retry) is handled once: the first copy claims it.
        await this.runHandlers(
          events.filter((item) => fresh.delete(item.envelope.id)),
          manager,
          1,
        );
      });
    } catch (error) {
      this.logger.warn(
        { group: this.group, err: (error as Error).message, events: events.length },
        'batch failed; handling its events one at a time',
      );
      return false;
    }
    for (const item of classified) {
      if (item.kind === 'skip') this.consumed.inc({ group: this.group, type: 'other', outcome: 'skipped' });
    }
    return true;
  }

  /** Writes inbox rows; returns the ids that were not there yet (the others were handled before). */
  private async claimInbox(
    manager: EntityManager,
    events: Extract<Classified, { kind: 'event' }>[],
  ): Promise<Set<string>> {
    const rows: { event_id: string }[] = await manager.query(
      `INSERT INTO "${this.schema}".inbox (consumer_group, event_id, event_type, topic, kafka_partition, kafka_offset)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[])
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [
        this.group,
        events.map((e) => e.envelope.id),
        events.map((e) => e.envelope.type),
        events.map((e) => e.message.topic),
        events.map((e) => e.message.partition),
        events.map((e) => e.message.offset),
      ],
    );
    const fresh = new Set(rows.map((row) => row.event_id));
    for (const e of events) {
      if (!fresh.has(e.envelope.id))
        this.consumed.inc({ group: this.group, type: e.envelope.type, outcome: 'duplicate' });
    }
    return fresh;
  }

  /**
   * Runs the handlers of fresh events inside the transaction: per-event handlers event by event, in order, each
   * in a span that continues the producer's trace; batch handlers once with all their events, in order, in a span
   * linked to every event's trace.
   */
  private async runHandlers(items: EventItem[], manager: EntityManager, attempt: number): Promise<void> {
    const batches = new Map<EventHandlerRegistration, ReceivedEvent[]>();
    for (const item of items) {
      const { envelope, message } = item;
      const event: ReceivedEvent = {
        envelope,
        data: envelope.data,
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        attempt,
      };
      const single = item.handlers.filter((h) => h.handle);
      for (const handler of item.handlers) {
        if (!handler.handleBatch) continue;
        const pending = batches.get(handler);
        if (pending) pending.push(event);
        else batches.set(handler, [event]);
      }
      if (single.length > 0) {
        await inSpan(
          `${envelope.type} process`,
          {
            parent: contextFromTraceparent(envelope.traceparent, envelope.tracestate),
            kind: SpanKind.CONSUMER,
            attributes: this.spanAttributes(message.topic, attempt, {
              'messaging.message.id': envelope.id,
              'messaging.kafka.offset': Number(message.offset),
            }),
          },
          () =>
            withCausingEvent(envelope, async () => {
              for (const handler of single) await handler.handle!(event, manager);
            }),
        );
      }
      this.consumed.inc({ group: this.group, type: envelope.type, outcome: 'processed' });
    }
    for (const [handler, events] of batches) {
      await inSpan(
        `${handler.contract.type} process`,
        {
          kind: SpanKind.CONSUMER,
          links: events
            .map((e) => trace.getSpanContext(contextFromTraceparent(e.envelope.traceparent, e.envelope.tracestate)))
            .filter((c): c is NonNullable<typeof c> => Boolean(c))
            .map((context) => ({ context })),
          attributes: this.spanAttributes(events[0].topic, attempt, { 'messaging.batch.message_count': events.length }),
        },
        () => handler.handleBatch!(events, manager),
      );
    }
  }

  private spanAttributes(topic: string, attempt: number, extra: Record<string, string | number>) {
    return {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': topic,
      'messaging.consumer.group.name': this.group,
      'onedoor.attempt': attempt,
      ...extra,
    };
  }

  /** The slow path for one message: retries with backoff, then dead letters. False when stopping mid-way. */
  private async handleOne(item: Classified, control: BatchControl): Promise<boolean> {
    if (item.kind === 'skip') {
      this.consumed.inc({ group: this.group, type: 'other', outcome: 'skipped' });
      return true;
    }
    if (item.kind === 'poison') {
      await this.deadLetter(item.message, item.error, 1);
      return true;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.dataSource.transaction(async (manager) => {
          const fresh = await this.claimInbox(manager, [item]);
          if (fresh.size > 0) await this.runHandlers([item], manager, attempt);
        });
        return true;
      } catch (error) {
        // The database itself is unreachable: not the event's fault. Nothing counts as an attempt; the batch is
        // not committed and comes again once the database is back, instead of filling the dead letters.
        if (!(await this.databaseReachable())) throw error;
        const permanent = error instanceof PermanentEventError;
        if (permanent || attempt >= this.retry.maxAttempts) {
          await this.deadLetter(item.message, error as Error, attempt);
          return true;
        }
        this.retries.inc({ group: this.group, type: item.envelope.type });
        // With jitter: the consumers of a dependency that went away do not all come back at one moment.
        const backoff = backoffWithJitter(attempt - 1, this.retry.initialBackoffMs, this.retry.maxBackoffMs);
        this.logger.warn(
          {
            group: this.group,
            eventId: item.envelope.id,
            type: item.envelope.type,
            attempt,
            err: (error as Error).message,
          },
          `handler failed; retrying in ${backoff} ms`,
        );
        const until = Date.now() + backoff;
        while (Date.now() < until) {
          if (!control.isRunning()) return false;
          await control.heartbeat();
          await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, until - Date.now())));
        }
      }
    }
  }

  private async databaseReachable(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private async deadLetter(message: ReceivedMessage, error: Error, attempts: number): Promise<void> {
    const reason = error instanceof PoisonMessageError ? error.reason : 'handler-failed';
    const type = message.headers.ce_type ?? 'unknown';
    await this.transport.send(deadLetterTopic(this.group), [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          [DEAD_LETTER_HEADERS.error]: error.message.slice(0, 2_000),
          [DEAD_LETTER_HEADERS.reason]: reason,
          [DEAD_LETTER_HEADERS.group]: this.group,
          [DEAD_LETTER_HEADERS.topic]: message.topic,
          [DEAD_LETTER_HEADERS.partition]: String(message.partition),
          [DEAD_LETTER_HEADERS.offset]: message.offset,
          [DEAD_LETTER_HEADERS.attempts]: String(attempts),
          [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
        },
      },
    ]);
    this.consumed.inc({ group: this.group, type, outcome: 'dead-lettered' });
    this.logger.error(
      {
        group: this.group,
        type,
        reason,
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        attempts,
        err: error.message,
      },
      'event sent to dead letters',
    );
  }
}
