import { Inject, Injectable } from '@nestjs/common';
import { bodySigned } from '@onedoor/application';
import { MessagingError, MessagingErrorCode } from '../../domain';
import { MESSAGING_CONFIG, type MessagingConfig } from '../../messaging.config';
import { MessageStore } from '../ports';
import { RecordReceipt } from './record-receipt.command';

/** A signed receipt turns a Sent message Delivered or Errored (once: later receipts change nothing). */
@Injectable()
export class RecordReceiptHandler {
  constructor(
    private readonly messages: MessageStore,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
  ) {}

  async execute(receipt: RecordReceipt): Promise<{ messageId: string; status: string }> {
    if (!bodySigned(this.config.receiptSecret, receipt.rawBody, receipt.signature)) {
      throw new MessagingError(MessagingErrorCode.BAD_SIGNATURE, 'The receipt is not signed with the provider secret.');
    }
    return this.messages.transaction(async (tx) => {
      const message = await tx.lockByProviderId(receipt.provider, receipt.providerMessageId);
      if (!message) {
        throw new MessagingError(MessagingErrorCode.MESSAGE_NOT_FOUND, 'No message from this provider has this id.');
      }
      if (message.status !== 'Sent') return { messageId: message.id, status: message.status };
      const status = receipt.status === 'delivered' ? 'Delivered' : 'Errored';
      await tx.recordReceipt(message, status, receipt.provider, receipt.detail);
      return { messageId: message.id, status };
    });
  }
}
