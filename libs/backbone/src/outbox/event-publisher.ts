import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventContract, EventEnvelope, PayloadOf } from '@onedoor/contracts';
import { currentTraceContext } from '@onedoor/observability';
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

/**
 * Writes an event to the block's transactional outbox through the caller's transaction: the event is
 * committed with the state change, or not at all. The outbox relay publishes it to the broker.
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
    assertValidPayload(contract, payload);
    const record = payload as Record<string, unknown>;
    const key = String(record[contract.partitionKey]);
    const subject = String(record[contract.subject ?? contract.partitionKey]);
    const envelope: EventEnvelope<PayloadOf<C>> = {
      specversion: '1.0',
      id: options.id ?? randomUUID(),
      type: contract.type,
      source: this.source,
      subject,
      time: (options.time ?? new Date()).toISOString(),
      datacontenttype: 'application/json',
      dataschema: String(contract.schema.$id),
      correlationid: options.correlationId ?? subject,
      causationid: options.causationId,
      ...currentTraceContext(),
      data: payload,
    };
    const { headers } = encodeEnvelope(envelope, key);
    await manager.query(
      `INSERT INTO "${this.schema}".outbox (event_id, topic, partition_key, event_type, headers, payload)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [envelope.id, contract.topic, key, contract.type, JSON.stringify(headers), JSON.stringify(payload)],
    );
    return envelope;
  }
}
