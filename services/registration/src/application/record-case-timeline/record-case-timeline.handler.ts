import { Injectable } from '@nestjs/common';
import type { MessageStatusPayload, RatingGivenPayload } from '@onedoor/contracts';
import { ApplicationStore, type Transaction } from '../ports';

/** The timeline's name for a message's status. */
const MESSAGE_ACTIONS: Record<MessageStatusPayload['status'], string | undefined> = {
  Queued: undefined,
  Sent: 'message-sent',
  Delivered: 'message-delivered',
  Errored: 'message-failed',
};

/**
 * One case, one timeline: what other blocks did about an application goes into its history, read from their
 * events by the case's correlation id (the application's id, which every event of the journey carries). The
 * messaging block's messages to the applicant (channel and template, never the text or the address) and the
 * applicant's rating join the workflow's routing and tasks, so officers and the applicant (by tracking code) read
 * the whole case in one place, built from events and not by calling every block. Events of other cases are not
 * ours and are ignored. Each runs in the consumer's transaction, with the inbox row, so it takes effect once.
 */
@Injectable()
export class RecordCaseTimelineHandler {
  constructor(private readonly applications: ApplicationStore) {}

  async message(correlationId: string | undefined, data: MessageStatusPayload, transaction: Transaction) {
    const action = MESSAGE_ACTIONS[data.status];
    if (!action || !correlationId) return;
    const tx = this.applications.within(transaction);
    const application = await tx.lock(correlationId);
    if (!application) return;
    await tx.history(application, action, 'messaging', [data.channel, data.templateKey].filter(Boolean).join(' '));
  }

  async rated(data: RatingGivenPayload, transaction: Transaction) {
    const tx = this.applications.within(transaction);
    const application = await tx.lock(data.applicationId);
    if (!application) return;
    await tx.history(application, 'rated', 'applicant', `${data.score}/5`);
  }
}
