import type { MessageRecord } from '../domain';

/** A message's status event carries the case the message is about, as the event that made the message did. */
export const correlated = (message: Pick<MessageRecord, 'correlationId'>) =>
  message.correlationId ? { correlationId: message.correlationId } : {};
