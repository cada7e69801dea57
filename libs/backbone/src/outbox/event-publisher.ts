import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventContract, EventEnvelope, PayloadOf } from '@onedoor/contracts';
import { producerTraceContext } from '@onedoor/observability';
import { assertValidPayload } from '../envelope/schema-validator';
import { encodeEnvelope } from '../envelope/cloudevents-kafka';

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
    const [envelope] = await this.publishMany(manager, contract, [payload], options);
    return envelope;
  }

  /** Several events of one contract in one statement (bulk operations: imports, batch notifications). */
  async publishMany<C extends EventContract>(
    manager: EntityManager,
    contract: C,
    payloads: PayloadOf<C>[],
    options: Omit<PublishOptions, 'id'> & { ids?: string[] } = {},
  ): Promise<EventEnvelope<PayloadOf<C>>[]> {
    const rows = payloads.map((payload, i) => this.row(contract, payload, options, options.ids?.[i]));
    if (rows.length === 0) return [];
    await manager.query(
      `INSERT INTO "${this.schema}".outbox (event_id, topic, partition_key, event_type, headers, payload)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[])`,
      [
        rows.map((r) => r.envelope.id),
        rows.map((r) => r.topic),
        rows.map((r) => r.key),
        rows.map(() => contract.type),
        rows.map((r) => r.headers),
        rows.map((r) => r.payload),
      ],
    );
    return rows.map((r) => r.envelope as EventEnvelope<PayloadOf<C>>);
  }

  private row(contract: EventContract, payload: unknown, options: PublishOptions, id: string | undefined): OutboxRow {
    assertValidPayload(contract, payload);
    const record = payload as Record<string, unknown>;
    const key = String(record[contract.partitionKey]);
    const subject = String(record[contract.subject ?? contract.partitionKey]);
    const eventId = id ?? randomUUID();
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
      correlationid: options.correlationId ?? subject,
      causationid: options.causationId,
      ...trace,
      data: payload,
    };
    const { headers } = encodeEnvelope(envelope, key);
    return { envelope, topic: contract.topic, key, headers: JSON.stringify(headers), payload: JSON.stringify(payload) };
  }
}
