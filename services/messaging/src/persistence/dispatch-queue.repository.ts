import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { MessageDelivered, MessageFailed, MessageSent } from '@onedoor/contracts';
import { QUEUE_SCANS } from '@onedoor/persistence';
import { DispatchQueue, type SentOutcome } from '../application/ports';
import { FELL_BACK_TO_EMAIL, render, statusEvent, type MessageRecord, type MessageStatus } from '../domain';
import { correlated } from './correlated';
import { Recipient, Template } from './messaging.entities';

type Row = Record<string, unknown>;
const fromRow = (r: Row) =>
  ({
    id: r.id,
    personId: r.person_id,
    batchId: r.batch_id,
    channel: r.channel,
    destination: r.destination,
    language: r.language,
    templateKey: r.template_key,
    subject: r.subject,
    body: r.body,
    variables: r.variables,
    attempts: r.attempts,
    expiresAt: r.expires_at,
    correlationId: r.correlation_id,
  }) as MessageRecord;

/** The dispatch queue in `messaging.messages`: statuses, leases and the partial indexes they use. */
@Injectable()
export class DispatchQueueRepository implements DispatchQueue {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {}

  async claim(limit: number, leaseSeconds: number): Promise<MessageRecord[]> {
    const rows = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT ${QUEUE_SCANS}`);
      // TypeORM answers an UPDATE … RETURNING with [rows, count].
      const [claimed]: [Row[], number] = await manager.query(
        `UPDATE messaging.messages SET status = 'Queued', attempts = attempts + 1,
           lease_until = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
         WHERE id IN (SELECT id FROM messaging.messages WHERE status = 'Pending' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
         RETURNING *`,
      );
      return claimed;
    });
    return rows.map(fromRow);
  }

  /** Back to Pending with what went wrong, in the message and as a line of its history (one per attempt). */
  async retryLater(messageId: string, next: Date, detail: string): Promise<void> {
    await this.dataSource.query(
      `WITH m AS (
         UPDATE messaging.messages SET status = 'Pending', next_attempt_at = $2, lease_until = NULL, detail = $3, updated_at = now()
          WHERE id = $1 AND status = 'Queued' RETURNING id)
       INSERT INTO messaging.message_history (message_id, status, detail) SELECT id, 'Pending', $3 FROM m`,
      [messageId, next, detail.slice(0, 500)],
    );
  }

  /**
   * The messages that went: Sent (Delivered when the provider was the recipient's own system), the earlier
   * attempts' error cleared (a fallback's note, and the note the message was made with, kept), their history and
   * events, in one transaction.
   */
  async recordSent(sent: SentOutcome[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [updated]: [{ id: string }[], number] = await manager.query(
        `UPDATE messaging.messages AS m
            SET status = CASE WHEN t.delivered THEN 'Delivered' ELSE 'Sent' END, provider = t.provider,
                provider_message_id = t.provider_message_id, lease_until = NULL, updated_at = now(),
                -- An earlier attempt's error goes (it is in the history); a fallback's note stays, and so does
                -- the note the message was made with (its first history line: a template in another language).
                detail = CASE WHEN starts_with(m.detail, $5) THEN m.detail
                              ELSE (SELECT h.detail FROM messaging.message_history h
                                     WHERE h.message_id = m.id ORDER BY h.at, h.id LIMIT 1) END
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[]) AS t(id, provider, provider_message_id, delivered)
          WHERE m.id = t.id AND m.status = 'Queued' RETURNING m.id`,
        [
          sent.map((s) => s.message.id),
          sent.map((s) => s.provider),
          sent.map((s) => s.providerMessageId),
          sent.map((s) => s.delivered),
          FELL_BACK_TO_EMAIL,
        ],
      );
      const recorded = new Set(updated.map((r) => r.id));
      const mine = sent.filter((s) => recorded.has(s.message.id));
      if (!mine.length) return;
      const delivered = mine.filter((s) => s.delivered);
      await manager.query(
        `INSERT INTO messaging.message_history (message_id, status, provider, detail)
         SELECT id, status, provider, detail FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])
           AS t(id, status, provider, detail)`,
        [
          [...mine, ...delivered].map((s) => s.message.id),
          [...mine.map(() => 'Sent'), ...delivered.map(() => 'Delivered')],
          [...mine, ...delivered].map((s) => s.provider),
          [
            ...mine.map((s) => `provider message id ${s.providerMessageId}`),
            ...delivered.map(() => 'the endpoint answered 2xx'),
          ],
        ],
      );
      const at = new Date().toISOString();
      await this.backbone.publisher.publishAll(manager, [
        ...mine.map(({ message, provider }) => ({
          contract: MessageSent,
          payload: statusEvent(message, 'Sent', { provider, at }),
          options: correlated(message),
        })),
        ...delivered.map(({ message, provider }) => ({
          contract: MessageDelivered,
          payload: statusEvent(message, 'Delivered', { provider, at }),
          options: correlated(message),
        })),
      ]);
    });
  }

  fallBackToEmail(message: MessageRecord, detail: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const recipient = await manager.findOneBy(Recipient, { personId: message.personId! });
      const templates = recipient?.email
        ? await manager.findBy(Template, { key: message.templateKey ?? '', channel: 'email' })
        : [];
      const template = templates.find((t) => t.language === message.language) ?? templates[0];
      if (!recipient?.email || !template) return false;
      await manager.query(
        `UPDATE messaging.messages SET channel = 'email', destination = $2, subject = $3, body = $4, language = $5,
           status = 'Pending', attempts = 0, next_attempt_at = now(), lease_until = NULL, sms_parts = NULL,
           detail = $6, updated_at = now()
         WHERE id = $1 AND status = 'Queued'`,
        [
          message.id,
          recipient.email,
          template.subject ? render(template.subject, template.language, message.variables) : null,
          render(template.body, template.language, message.variables),
          template.language,
          detail,
        ],
      );
      await this.history(manager, message.id, 'Pending', null, 'fell back from SMS to email');
      return true;
    });
  }

  markErrored(message: MessageRecord, detail: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [updated]: [unknown[], number] = await manager.query(
        `UPDATE messaging.messages SET status = 'Errored', detail = coalesce($2, detail), lease_until = NULL, updated_at = now()
         WHERE id = $1 AND status = 'Queued' RETURNING id`,
        [message.id, detail.slice(0, 500)],
      );
      if (!updated.length) return false;
      await this.history(manager, message.id, 'Errored', null, detail);
      await this.backbone.publisher.publish(
        manager,
        MessageFailed,
        statusEvent(message, 'Errored', { detail }),
        correlated(message),
      );
      return true;
    });
  }

  async inDoubt(limit: number): Promise<MessageRecord[]> {
    const rows: Row[] = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT ${QUEUE_SCANS}`);
      return manager.query(
        `SELECT * FROM messaging.messages WHERE status = 'Queued' AND lease_until < now() ORDER BY lease_until LIMIT ${limit}`,
      );
    });
    return rows.map(fromRow);
  }

  async releaseInDoubt(messageId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE messaging.messages SET status = 'Pending', lease_until = NULL, next_attempt_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'Queued' AND lease_until < now()`,
      [messageId],
    );
  }

  private async history(
    manager: EntityManager,
    id: string,
    status: MessageStatus,
    provider: string | null,
    detail: string | null,
  ) {
    await manager.query(
      `INSERT INTO messaging.message_history (message_id, status, provider, detail) VALUES ($1, $2, $3, $4)`,
      [id, status, provider, detail?.slice(0, 500) ?? null],
    );
  }
}
