import type { MessageStatusPayload } from '@onedoor/contracts';
import type { MessageRecord } from './message';

/** The payload of a message's status event: ids, channel, template and outcome, never its content. */
export function statusEvent(
  message: Pick<MessageRecord, 'id' | 'batchId' | 'personId' | 'channel' | 'templateKey' | 'attempts'>,
  status: MessageStatusPayload['status'],
  outcome: { provider?: string | null; detail?: string | null; at?: string } = {},
): MessageStatusPayload {
  return {
    messageId: message.id,
    ...(message.batchId ? { batchId: message.batchId } : {}),
    ...(message.personId ? { personId: message.personId } : {}),
    channel: message.channel,
    ...(message.templateKey ? { templateKey: message.templateKey } : {}),
    ...(outcome.provider ? { provider: outcome.provider } : {}),
    status,
    ...(outcome.detail ? { detail: outcome.detail.slice(0, 500) } : {}),
    attempts: message.attempts,
    at: outcome.at ?? new Date().toISOString(),
  };
}
