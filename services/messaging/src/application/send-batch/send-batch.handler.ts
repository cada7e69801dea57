import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MessagingError, MessagingErrorCode, recipientErrors } from '../../domain';
import { composeOrRefuse, refusalOf } from '../composition';
import { Dispatcher } from '../dispatch-messages/dispatcher';
import { MessageComposer } from '../message-composer';
import { MessageStore } from '../ports';
import { SendBatch } from './send-batch.command';

/**
 * All items in one transaction: a batch is accepted whole or refused whole, with the items' errors named.
 * Recipients out of reach (opted out, no address) are skipped and counted, not refused.
 */
@Injectable()
export class SendBatchHandler {
  constructor(
    private readonly messages: MessageStore,
    private readonly composer: MessageComposer,
    private readonly dispatcher: Dispatcher,
  ) {}

  async execute(
    batch: SendBatch,
  ): Promise<{ batchId: string; accepted: number; skipped: { index: number; reason: string }[] }> {
    const errors = batch.items.flatMap((item, index) => recipientErrors(item, `items.${index}.`));
    if (errors.length) {
      throw new MessagingError(
        MessagingErrorCode.VALIDATION_FAILED,
        `${errors.length} items are invalid.`,
        errors.slice(0, 50),
      );
    }
    const batchId = randomUUID();
    const result = await this.messages.transaction(async (tx) => {
      let accepted = 0;
      const skipped: { index: number; reason: string }[] = [];
      for (const [index, item] of batch.items.entries()) {
        const outcome = await composeOrRefuse(
          this.composer,
          tx,
          {
            sourceKey: `api:${batch.caller.sub}:${batchId}:${index}`,
            templateKey: batch.templateKey,
            variables: item.variables ?? {},
            essential: batch.essential ?? false,
            personId: item.personId,
            address: item.address,
            batchId,
          },
          `items.${index}.`,
        );
        if (outcome.kind === 'queued') accepted++;
        else if (outcome.kind === 'skipped') skipped.push({ index, reason: outcome.reason });
        else if (outcome.kind === 'no-template') throw refusalOf(outcome, `items.${index}.`);
      }
      return { accepted, skipped };
    });
    this.dispatcher.wake();
    return { batchId, ...result };
  }
}
