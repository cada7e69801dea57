import { Injectable } from '@nestjs/common';
import { HandlesEvent, type ReceivedEvent } from '@onedoor/backbone';
import { RecordEventHandler } from '../application/record-event/record-event.handler';
import type { Transaction } from '../application/ports';
import { OFFERED_CONTRACTS } from '../domain';

/** The mediator reads every offered event type from the blocks' topics, in its own consumer group, into its log. */
@Injectable()
export class BlockEventsConsumer {
  constructor(private readonly record: RecordEventHandler) {}

  @HandlesEvent(...OFFERED_CONTRACTS)
  received({ envelope }: ReceivedEvent, tx: Transaction) {
    return this.record.execute(envelope, tx);
  }
}
