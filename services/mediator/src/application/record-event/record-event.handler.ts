import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@onedoor/contracts';
import { offeredByType } from '../../domain';
import { EventLog, type Transaction } from '../ports';

/**
 * An offered event read from the blocks' topics goes into the mediator's log, once (by its id), in the consumer's
 * transaction with the inbox row. PULL, PUSH and replay all read the log: the topics are read once, whatever the
 * number of subscribers. Types not offered are not logged.
 */
@Injectable()
export class RecordEventHandler {
  constructor(private readonly log: EventLog) {}

  async execute(envelope: EventEnvelope, tx: Transaction) {
    const offered = offeredByType(envelope.type);
    if (!offered) return;
    await this.log.append(
      {
        id: envelope.id,
        room: offered.room,
        eventType: offered.name,
        time: new Date(envelope.time),
        subject: envelope.subject ?? null,
        correlationId: envelope.correlationid ?? null,
        data: envelope.data,
      },
      tx,
    );
  }
}
