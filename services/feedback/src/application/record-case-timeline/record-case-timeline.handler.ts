import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { MessageStatusPayload } from '@onedoor/contracts';
import { MESSAGE_STEPS } from '../../domain';
import { CaseStore, type Transaction } from '../ports';

/**
 * One case, one timeline: the messaging block's messages about a hotline case (the submitter's notices: sent,
 * delivered, failed) go into the case's history, read from messaging's events by the case's correlation id, which
 * the submitter-notice event gave the message. Channel and template only, never the words or the address. Events
 * of other cases (applications, sign-in codes) are not ours and are ignored. Each runs in the consumer's
 * transaction, with the inbox row, so it takes effect once; the case's state does not change.
 */
@Injectable()
export class RecordCaseTimelineHandler {
  constructor(private readonly cases: CaseStore) {}

  async message(correlationId: string | undefined, data: MessageStatusPayload, transaction: Transaction) {
    const step = MESSAGE_STEPS[data.status as keyof typeof MESSAGE_STEPS];
    if (!step || !correlationId || !isUUID(correlationId)) return;
    const tx = this.cases.within(transaction);
    const record = await tx.lockById(correlationId.toLowerCase());
    if (!record) return;
    await tx.history({
      caseId: record.id,
      step,
      fromState: record.state,
      toState: record.state,
      actor: 'messaging',
      reason: [data.channel, data.templateKey].filter(Boolean).join(' ') || null,
    });
  }
}
