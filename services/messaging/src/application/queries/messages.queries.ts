import { Injectable } from '@nestjs/common';
import { selfPersonId, type Caller } from '@onedoor/contracts';
import { batchCounts, batchesOf, mayRead, MessagingError, MessagingErrorCode } from '../../domain';
import { MessageStore, type Page } from '../ports';

/** A view of a message for its sender: status and history, not its body (it may hold personal data). */
export interface MessageView {
  messageId: string;
  batchId?: string;
  channel: string;
  status: string;
  detail?: string;
  provider?: string;
  /** The provider's own id for the message (an SMS gateway's, the mail's Message-ID): what its receipts name. */
  providerMessageId?: string;
  attempts: number;
  smsParts?: number;
  createdAt: string;
  history: { status: string; provider?: string; detail?: string; at: string }[];
}

/** Reads: a message for those who may read it, batches, a person's inbox and preferences, templates and rules. */
@Injectable()
export class MessageQueries {
  constructor(private readonly messages: MessageStore) {}

  async message(caller: Caller, id: string): Promise<MessageView> {
    const message = await this.messages.message(id);
    if (!message || !mayRead(caller, message)) {
      throw new MessagingError(MessagingErrorCode.MESSAGE_NOT_FOUND, 'No message with this id is visible to you.');
    }
    const history = await this.messages.history(id);
    return {
      messageId: message.id,
      ...(message.batchId ? { batchId: message.batchId } : {}),
      channel: message.channel,
      status: message.status,
      ...(message.detail ? { detail: message.detail } : {}),
      ...(message.provider ? { provider: message.provider } : {}),
      ...(message.providerMessageId ? { providerMessageId: message.providerMessageId } : {}),
      attempts: message.attempts,
      ...(message.smsParts ? { smsParts: message.smsParts } : {}),
      createdAt: message.createdAt.toISOString(),
      history: history.map((h) => ({
        status: h.status,
        ...(h.provider ? { provider: h.provider } : {}),
        ...(h.detail ? { detail: h.detail } : {}),
        at: h.at.toISOString(),
      })),
    };
  }

  /** Counts by status: GovStack's names (scheduled, processing, deferred, bounced, notSent, delivered) and ours. */
  async batchStatus(caller: Caller, batchId: string) {
    const rows = await this.messages.batchCounts(batchId, batchesOf(caller));
    if (!rows.length) throw new MessagingError(MessagingErrorCode.BATCH_NOT_FOUND, 'No batch with this id.');
    return batchCounts(rows);
  }

  /** A request's callbacks (GovStack's POST /callback/email), their content in base64 as it arrived. */
  async callbacks(caller: Caller, batchId: string) {
    const [rows, callbacks] = await Promise.all([
      this.messages.batchCounts(batchId, batchesOf(caller)),
      this.messages.callbacks(batchId),
    ]);
    if (!rows.length) throw new MessagingError(MessagingErrorCode.BATCH_NOT_FOUND, 'No batch with this id.');
    return callbacks.map((c) => ({
      id: c.id,
      meta: c.meta ?? undefined,
      content: c.content.toString('base64'),
      receivedBy: c.receivedBy,
      receivedAt: c.receivedAt,
    }));
  }

  inbox(caller: Caller, page: Page) {
    const self = selfPersonId(caller);
    return self ? this.messages.inbox(self, page) : Promise.resolve([[], 0] as [never[], number]);
  }

  async preferences(caller: Caller) {
    const self = selfPersonId(caller);
    const recipient = self && (await this.messages.recipient(self));
    if (!recipient) {
      throw new MessagingError(MessagingErrorCode.RECIPIENT_NOT_FOUND, 'Messaging has no record of you yet.');
    }
    return {
      optedOut: recipient.optedOut,
      preferredLanguage: recipient.preferredLanguage,
      preferredChannel: recipient.preferredChannel,
    };
  }

  templates() {
    return this.messages.allTemplates();
  }

  /** One template, by key, channel and language. */
  async template(key: string, channel: string, language: string) {
    const found = (await this.messages.allTemplates()).find(
      (t) => t.key === key && t.channel === channel && t.language === language,
    );
    if (!found) {
      throw new MessagingError(
        MessagingErrorCode.TEMPLATE_NOT_FOUND,
        `No template ${key} for ${channel} in ${language}.`,
      );
    }
    return found;
  }

  /** One notification rule. */
  async rule(id: string) {
    const found = (await this.messages.allRules()).find((r) => r.id === id);
    if (!found) throw new MessagingError(MessagingErrorCode.RULE_NOT_FOUND, `No rule ${id}.`);
    return found;
  }

  rules() {
    return this.messages.allRules();
  }
}
