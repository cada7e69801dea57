import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Dispatcher } from '../dispatch-messages/dispatcher';
import { MessageComposer } from '../message-composer';
import { MessageStore } from '../ports';
import { SendEmail } from './send-email.command';

/** Queues the email as one batch, a message per address, in one transaction; its id (`requestUid`) answers for its status. */
@Injectable()
export class SendEmailHandler {
  constructor(
    private readonly messages: MessageStore,
    private readonly composer: MessageComposer,
    private readonly dispatcher: Dispatcher,
  ) {}

  async execute({ caller, to, subject, body }: SendEmail): Promise<{ requestUid: string }> {
    const batchId = randomUUID();
    await this.messages.transaction(async (tx) => {
      for (const [index, destination] of [...new Set(to.map((address) => address.toLowerCase()))].entries()) {
        await this.composer.compose(tx, {
          sourceKey: `api:${caller.sub}:${batchId}:${index}`,
          literal: { subject, body },
          variables: {},
          essential: false,
          address: { channel: 'email', destination, language: 'en' },
          batchId,
        });
      }
    });
    this.dispatcher.wake();
    return { requestUid: batchId };
  }
}
