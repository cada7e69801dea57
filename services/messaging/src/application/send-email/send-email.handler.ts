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
    const addresses = [...new Set(to.map((address) => address.toLowerCase()))];
    // All of the request's messages in one composition: one statement per table, whatever the number of addresses.
    await this.messages.transaction((tx) =>
      this.composer.composeMany(
        tx,
        addresses.map((destination, index) => ({
          sourceKey: `api:${caller.sub}:${batchId}:${index}`,
          literal: { subject, body },
          variables: {},
          essential: false,
          address: { channel: 'email' as const, destination, language: 'en' as const },
          batchId,
        })),
      ),
    );
    this.dispatcher.wake();
    return { requestUid: batchId };
  }
}
