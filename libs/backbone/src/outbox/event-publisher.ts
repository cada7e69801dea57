import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventContract, EventEnvelope, PayloadOf } from '@onedoor/contracts';
import { producerTraceContext } from '@onedoor/observability';
import { assertValidPayload } from '../envelope/schema-validator';
import { envelopeHeaders } from '../envelope/cloudevents-kafka';
import { causingEvent } from '../consumer/causing-event';

export interface PublishOptions {
  /** The case (application, hotline case) this event belongs to; defaults to the causing event's, or the subject. */
  correlationId?: string;
  /** The id of the event that caused this one (set it when publishing from a handler). */
  causationId?: string;
  /** Event id; pass a stable one to make a retried operation publish the same event (default: a new UUID). */
  id?: string;
  time?: Date;
}

interface OutboxRow {
  envelope: EventEnvelope;
  topic: string;
  key: string;
  headers: string;
  payload: string;
}

/**
 * Writes events to the block's transactional outbox through the caller's transaction: the events are
 * committed with the state change, or not at all. The outbox relay publishes them to the broker.
 */
export class EventPublisher {
  constructor(
    private readonly schema: string,
    readonly source: string,
  ) {}

  async publish<C extends EventContract>(
    manager: EntityManager,
    contract: C,
    payload: PayloadOf<C>,
    options: PublishOptions = {},
  ): Promise<EventEnvelope<PayloadOf<C>>> {
    const { id, ...rest } = options;
    const [envelope] = await this.publishMany(manager, contract, [payload], { ...rest, ...(id && { ids: [id] }) });
    return envelope;
  }

  /** Several events of one contract in one statement (bulk operations: imports, batch notifications). */
  async publishMany<C extends EventContract>(
    manager: EntityManager,
    contract: C,
    payloads: PayloadOf<C>[],
    options: Omit<PublishOptions, 'id'> & { ids?: string[] } = {},
  ): Promise<EventEnvelope<PayloadOf<C>>[]> {
    if (payloads.length === 0) return [];
    const prepared = this.prepare(contract, payloads, options);
    await manager.query(prepared.statement(1), prepared.params);
    return prepared.envelopes;
  }

  /**
   * Events of several contracts, each with its own options, in one statement and in the given order (the relay
   * publishes in outbox order, so one aggregate's events keep theirs). For steps that publish a mix of events.
   */
  async publishAll(
    manager: EntityManager,
    events: { contract: EventContract; payload: unknown; options?: PublishOptions }[],
  ): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    const prepared = this.prepareAll(events);
    await manager.query(prepared.statement(1), prepared.params);
    return prepared.envelopes;
  }

  /** publishAll's insert, to embed in a larger statement (see prepare). */
  prepareAll(events: { contract: EventContract; payload: unknown; options?: PublishOptions }[]): {
    envelopes: EventEnvelope[];
    params: unknown[];
    statement: (first: number) => string;
  } {
    const rows = events.map((e) => ({
      ...this.row(e.contract, e.payload, e.options ?? {}, e.options?.id),
      type: e.contract.type,
    }));
    return {
      envelopes: rows.map((r) => r.envelope),
      params: [
        rows.map((r) => r.envelope.id),
        rows.map((r) => r.topic),
        rows.map((r) => r.key),
        rows.map((r) => r.type),
        rows.map((r) => r.headers),
        rows.map((r) => r.payload),
      ],
      statement: (n) =>
        `INSERT INTO "${this.schema}".outbox (event_id, topic, partition_key, event_type, headers, payload)
         SELECT * FROM unnest($${n}::uuid[], $${n + 1}::text[], $${n + 2}::text[], $${n + 3}::text[], $${n + 4}::jsonb[], $${n + 5}::jsonb[])`,
    };
  }

  /**
   * The outbox insert for these events, to run as part of a larger statement (a data-modifying CTE) when a hot
   * path must save round trips: `statement(n)` is the INSERT with its parameters numbered from $n; it ends
   * with its SELECT's FROM clause, so the caller may append a WHERE (for example, only if a row was written).
   */
  prepare<C extends EventContract>(
    contract: C,
    payloads: PayloadOf<C>[],
    options: Omit<PublishOptions, 'id'> & { ids?: string[] } = {},
  ): { envelopes: EventEnvelope<PayloadOf<C>>[]; params: unknown[]; statement: (first: number) => string } {
    const rows = payloads.map((payload, i) => this.row(contract, payload, options, options.ids?.[i]));
    return {
      envelopes: rows.map((r) => r.envelope as EventEnvelope<PayloadOf<C>>),
      params: [
        rows.map((r) => r.envelope.id),
        rows.map((r) => r.topic),
        rows.map((r) => r.key),
        rows.map(() => contract.type),
        rows.map((r) => r.headers),
        rows.map((r) => r.payload),
      ],
      statement: (n) =>
        `INSERT INTO "${this.schema}".outbox (event_id, topic, partition_key, event_type, headers, payload)
         SELECT * FROM unnest($${n}::uuid[], $${n + 1}::text[], $${n + 2}::text[], $${n + 3}::text[], $${n + 4}::jsonb[], $${n + 5}::jsonb[])`,
    };
  }

  private row(contract: EventContract, payload: unknown, options: PublishOptions, id: string | undefined): OutboxRow {
    assertValidPayload(contract, payload);
    const record = payload as Record<string, unknown>;
    const key = String(record[contract.partitionKey]);
    const subject = String(record[contract.subject ?? contract.partitionKey]);
    const eventId = id ?? randomUUID();
    // Published while a consumer handles an event: caused by it, and part of its case (see withCausingEvent).
    const cause = causingEvent();
    const trace = producerTraceContext(`${contract.type} create`, {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'create',
      'messaging.destination.name': contract.topic,
      'messaging.message.id': eventId,
    });
    const envelope: EventEnvelope = {
      specversion: '1.0',
      id: eventId,
      type: contract.type,
      source: this.source,
      subject,
      time: (options.time ?? new Date()).toISOString(),
      datacontenttype: 'application/json',
      dataschema: String(contract.schema.$id),
      correlationid: options.correlationId ?? cause?.correlationId ?? subject,
      causationid: options.causationId ?? cause?.id,
      ...trace,
      data: payload,
    };
    return {
      envelope,
      topic: contract.topic,
      key,
      headers: JSON.stringify(envelopeHeaders(envelope)),
      payload: JSON.stringify(payload),
    };
  }
}
