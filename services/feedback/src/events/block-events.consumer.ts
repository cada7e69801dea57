import { Injectable } from '@nestjs/common';
import { HandlesEvent, type ReceivedEvent } from '@onedoor/backbone';
import { ApplicationStatusChanged, type ApplicationStatusChangedPayload } from '@onedoor/contracts';
import type { Transaction } from '../application/ports';
import { RememberDecisionHandler } from '../application/remember-decision/remember-decision.handler';

/** What the feedback block learns from other blocks' events: registration's decided applications, to be rated. */
@Injectable()
export class BlockEventsConsumer {
  constructor(private readonly decisions: RememberDecisionHandler) {}

  @HandlesEvent(ApplicationStatusChanged)
  statusChanged({ data }: ReceivedEvent<ApplicationStatusChangedPayload>, tx: Transaction) {
    return this.decisions.execute(data, tx);
  }
}
