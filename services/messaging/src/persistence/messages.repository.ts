import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { causingEvent, EventBackbone } from '@onedoor/backbone';
import { correlated } from './correlated';
import {
  EmailCallbackReceived,
  MessageDelivered,
  MessageFailed,
  MessageQueued,
  type MessageStatusPayload,
} from '@onedoor/contracts';
import {
  MessageChanges,
  MessageStore,
  type EmailCallbackRecord,
  type HistoryEntry,
  type InboxItem,
  type Page,
  type RecipientPreferences,
  type RecipientRecord,
  type RuleRecord,
  type TemplateRecord,
  type Transaction,
} from '../application/ports';
import { ONE_TIME_CODE_TEMPLATES, statusEvent, type MessageRecord } from '../domain';
import { EmailCallback, Message, MessageHistory, NotificationRule, Recipient, Template } from './messaging.entities';

/** The messaging block's writes in one transaction (the caller's, or an event consumer's). */
export class MessagesTx implements MessageChanges {
  constructor(
    private readonly manager: EntityManager,
    private readonly backbone: EventBackbone,
  ) {}

  recipients(personIds: string[]): Promise<RecipientRecord[]> {
    return personIds.length ? this.manager.findBy(Recipient, { personId: In(personIds) }) : Promise.resolve([]);
  }

  /**
   * Read through the caller's transaction: a second connection would wait forever where all connections share
   * one session (the embedded database) and the caller's transaction holds it.
   */
  templates(): Promise<TemplateRecord[]> {
    return this.manager.getRepository(Template).find();
  }

  async insertMessages(
    drafts: MessageRecord[],
    events: (message: MessageRecord) => MessageStatusPayload,
    causeOf?: (message: MessageRecord) => { eventId: string; correlationId?: string } | undefined,
  ) {
    const now = new Date();
    const column = <K extends keyof MessageRecord>(key: K) => drafts.map((m) => m[key]);
    const inserted: { id: string }[] = await this.manager.query(
      `INSERT INTO messaging.messages (id, source_key, batch_id, person_id, channel, destination, language, template_key,
         subject, body, variables, essential, status, detail, attempts, next_attempt_at, expires_at, provider, sms_parts,
         correlation_id)
       SELECT id, source_key, batch_id, person_id, channel, destination, language, template_key, subject, body,
              variables, essential, status, detail, 0, $16::timestamptz, expires_at, provider, sms_parts, correlation_id
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::text[], $10::text[], $11::jsonb[], $12::boolean[], $13::text[], $14::text[],
                     $15::timestamptz[], $17::text[], $18::int[], $19::text[])
           AS t(id, source_key, batch_id, person_id, channel, destination, language, template_key, subject, body,
                variables, essential, status, detail, expires_at, provider, sms_parts, correlation_id)
       ON CONFLICT (source_key) DO NOTHING RETURNING id`,
      [
        column('id'),
        column('sourceKey'),
        column('batchId'),
        column('personId'),
        column('channel'),
        column('destination'),
        column('language'),
        column('templateKey'),
        column('subject'),
        column('body'),
        drafts.map((m) => JSON.stringify(m.variables)),
        column('essential'),
        column('status'),
        column('detail'),
        column('expiresAt'),
        now,
        column('provider'),
        column('smsParts'),
        // The case: the causing event's (batched, or the one this consumer is handling), for the status events.
        drafts.map((m) => causeOf?.(m)?.correlationId ?? m.correlationId ?? causingEvent()?.correlationId ?? null),
      ],
    );
    const written = new Set(inserted.map((r) => r.id));
    const fresh = drafts.filter((m) => written.has(m.id));
    const existing = new Map<string, string>();
    if (fresh.length < drafts.length) {
      // Made before by the same source (a redelivered event, a retried call): the existing message answers.
      const lost = drafts.filter((m) => !written.has(m.id));
      const found = await this.manager.find(Message, {
        where: { sourceKey: In(lost.map((m) => m.sourceKey)) },
        select: { id: true, sourceKey: true },
      });
      for (const m of found) existing.set(m.sourceKey, m.id);
    }
    if (!fresh.length) return { written, existing };
    await this.manager.query(
      `INSERT INTO messaging.message_history (message_id, status, provider, detail)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
      [fresh.map((m) => m.id), fresh.map((m) => m.status), fresh.map((m) => m.provider), fresh.map((m) => m.detail)],
    );
    const inApp = fresh.filter((m) => m.channel === 'in_app');
    const queued = fresh.filter((m) => m.channel !== 'in_app');
    // One statement for every event, each with its own cause when the messages came from several events.
    const optionsOf = (m: MessageRecord) => {
      const cause = causeOf?.(m);
      return cause
        ? { causationId: cause.eventId, ...(cause.correlationId && { correlationId: cause.correlationId }) }
        : {};
    };
    await this.backbone.publisher.publishAll(this.manager, [
      ...queued.map((m) => ({ contract: MessageQueued, payload: events(m), options: optionsOf(m) })),
      ...inApp.map((m) => ({ contract: MessageDelivered, payload: events(m), options: optionsOf(m) })),
    ]);
    return { written, existing };
  }

  lockByProviderId(provider: string, providerMessageId: string): Promise<MessageRecord | null> {
    return this.manager.findOne(Message, {
      where: { provider, providerMessageId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async recordCallback(callback: EmailCallbackRecord) {
    await this.manager.insert(EmailCallback, callback);
    await this.backbone.publisher.publish(this.manager, EmailCallbackReceived, {
      callbackId: callback.id,
      requestUid: callback.batchId,
      ...(callback.meta !== null && { meta: callback.meta }),
      sizeBytes: callback.content.length,
      receivedBy: callback.receivedBy,
      at: callback.receivedAt.toISOString(),
    });
  }

  async recordReceipt(message: MessageRecord, status: 'Delivered' | 'Errored', provider: string, detail?: string) {
    await this.manager.update(Message, { id: message.id }, { status, ...(detail ? { detail } : {}) });
    await this.manager.insert(MessageHistory, { messageId: message.id, status, provider, detail: detail ?? null });
    await this.backbone.publisher.publish(
      this.manager,
      status === 'Delivered' ? MessageDelivered : MessageFailed,
      statusEvent(message, status, { provider, detail }),
      correlated(message),
    );
  }

  rulesFor(eventType: string): Promise<RuleRecord[]> {
    return this.manager.findBy(NotificationRule, { eventType, enabled: true });
  }

  async upsertRecipient(recipient: Omit<RecipientRecord, 'optedOut' | 'active'>): Promise<void> {
    await this.manager.query(
      `INSERT INTO messaging.recipients (person_id, phone, email, preferred_language, preferred_channel, opted_out, active)
       VALUES ($1, $2, $3, $4, $5, false, true)
       ON CONFLICT (person_id) DO UPDATE SET phone = EXCLUDED.phone, email = EXCLUDED.email,
         preferred_language = EXCLUDED.preferred_language, preferred_channel = EXCLUDED.preferred_channel, updated_at = now()`,
      [recipient.personId, recipient.phone, recipient.email, recipient.preferredLanguage, recipient.preferredChannel],
    );
  }

  async setRecipientActive(personId: string, active: boolean): Promise<void> {
    await this.manager.update(Recipient, { personId }, { active });
  }

  async upsertPosting(posting: { personId: string; ministry: string; unit: string }): Promise<void> {
    await this.manager.query(
      `INSERT INTO messaging.postings (person_id, ministry, unit) VALUES ($1, $2, $3)
       ON CONFLICT (person_id) DO UPDATE SET ministry = EXCLUDED.ministry, unit = EXCLUDED.unit, updated_at = now()`,
      [posting.personId, posting.ministry, posting.unit],
    );
  }

  async postedAt(unit: string): Promise<string[]> {
    const rows: { person_id: string }[] = await this.manager.query(
      `SELECT person_id FROM messaging.postings WHERE unit = $1 ORDER BY person_id LIMIT 500`,
      [unit],
    );
    return rows.map((row) => row.person_id);
  }
}

/** Messages, templates, rules and recipients in PostgreSQL (schema `messaging`). */
@Injectable()
export class MessagesRepository implements MessageStore {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {}

  transaction<T>(work: (tx: MessageChanges) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new MessagesTx(manager, this.backbone)));
  }

  within(transaction: Transaction): MessageChanges {
    return new MessagesTx(transaction as EntityManager, this.backbone);
  }

  message(id: string) {
    return this.dataSource.getRepository(Message).findOneBy({ id });
  }

  history(messageId: string): Promise<HistoryEntry[]> {
    return this.dataSource
      .getRepository(MessageHistory)
      .find({ where: { messageId }, order: { at: 'ASC', id: 'ASC' } });
  }

  batchCounts(batchId: string, sender?: string): Promise<{ status: string; retried: boolean; n: number }[]> {
    // The sender is part of each message's source key (`api:<sender>:<batch>:<index>`, the batch handlers').
    const prefix = sender === undefined ? null : `api:${sender}:${batchId}:`;
    return this.dataSource.query(
      `SELECT status, attempts > 0 AS retried, count(*)::int AS n FROM messaging.messages
        WHERE batch_id = $1 AND ($2::text IS NULL OR left(source_key, length($2)) = $2) GROUP BY 1, 2`,
      [batchId, prefix],
    );
  }

  callbacks(batchId: string): Promise<EmailCallbackRecord[]> {
    return this.dataSource
      .getRepository(EmailCallback)
      .find({ where: { batchId }, order: { receivedAt: 'ASC', id: 'ASC' }, take: 500 });
  }

  /**
   * Every message sent to the person, however it reached them (in the app, by SMS or e-mail), newest first; never a
   * one-time code, nor a copy of a webhook.
   */
  inbox(personId: string, page: Page): Promise<[InboxItem[], number]> {
    return this.dataSource
      .getRepository(Message)
      .createQueryBuilder()
      .where(IN_INBOX, inboxOf(personId))
      .select(['id', 'channel', 'subject', 'body', 'createdAt', 'readAt', 'templateKey'].map((c) => `Message.${c}`))
      .orderBy('Message.createdAt', 'DESC')
      .addOrderBy('Message.id', 'DESC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
  }

  async markRead(personId: string, messageId: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Message)
      .set({ readAt: () => 'now()' })
      .where(`${IN_INBOX} AND id = :messageId AND read_at IS NULL`, { ...inboxOf(personId), messageId })
      .execute();
    return !!result.affected;
  }

  allTemplates(): Promise<TemplateRecord[]> {
    return this.dataSource.getRepository(Template).find({ order: { key: 'ASC', channel: 'ASC', language: 'ASC' } });
  }

  async saveTemplate(template: TemplateRecord): Promise<void> {
    await this.dataSource.getRepository(Template).save(template);
  }

  allRules(): Promise<RuleRecord[]> {
    return this.dataSource.getRepository(NotificationRule).find({ order: { id: 'ASC' } });
  }

  async saveRule(rule: RuleRecord): Promise<void> {
    await this.dataSource.getRepository(NotificationRule).save(rule);
  }

  recipient(personId: string): Promise<RecipientRecord | null> {
    return this.dataSource.getRepository(Recipient).findOneBy({ personId });
  }

  async setPreferences(personId: string, changes: RecipientPreferences): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(Recipient)
      .update({ personId }, { ...changes, updatedAt: new Date() });
    return !!result.affected;
  }
}

/**
 * What a person's inbox holds: every message sent to them, however it reached them (in the app, by SMS or e-mail);
 * never a one-time code (it is for the phone or mailbox it went to only), nor a copy of a webhook.
 */
const IN_INBOX = `person_id = :personId AND channel IN ('in_app', 'sms', 'email') AND (template_key IS NULL OR NOT (template_key = ANY(:codes)))`;
const inboxOf = (personId: string) => ({ personId, codes: Object.values(ONE_TIME_CODE_TEMPLATES) });
