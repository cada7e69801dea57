import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MessagingError, MessagingErrorCode, recipientErrors } from '../../domain';
import { composeOrRefuse, refusalOf } from '../composition';
import { Dispatcher } from '../dispatch-messages/dispatcher';
import { MessageComposer } from '../message-composer';
import { MessageStore } from '../ports';
import { SendMessage } from './send-message.command';

/** Makes the message (once per request) and wakes the dispatcher; refuses what cannot be sent, saying why. */
@Injectable()
export class SendMessageHandler {
  constructor(
    private readonly messages: MessageStore,
    private readonly composer: MessageComposer,
    private readonly dispatcher: Dispatcher,
  ) {}

  async execute({ caller, ...request }: SendMessage): Promise<{ messageId: string; status: string }> {
    const errors = recipientErrors(request);
    if (errors.length) throw new MessagingError(MessagingErrorCode.VALIDATION_FAILED, errors[0].message, errors);
    const outcome = await this.messages.transaction((tx) =>
      composeOrRefuse(this.composer, tx, { ...request, sourceKey: `api:${caller.sub}:${randomUUID()}` }),
    );
    if (outcome.kind === 'queued') {
      this.dispatcher.wake();
      return { messageId: outcome.message.id, status: outcome.message.status };
    }
    if (outcome.kind === 'duplicate') return { messageId: outcome.messageId, status: 'Pending' };
    throw refusalOf(outcome);
  }
}
