import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { MessageFailed, MessageSent } from '@onedoor/contracts';
import { QUEUE_SCANS } from '@onedoor/persistence';
import type { Logger } from '@onedoor/observability';
import { LOGGER } from '@onedoor/platform-kit';
import {
  HandOverInDoubt,
  PermanentSendError,
  type ChannelProvider,
  type ProviderSettings,
} from '../channels/providers';
import { Recipient, Template, type Message, type MessageStatus } from '../messaging.entities';
import { render } from '../templates/render';
import { TokenBucket } from '../channels/token-bucket';
import { statusEvent } from './status-event';
import { CHANNEL_PROVIDERS, PROVIDER_SETTINGS } from './tokens';

const BATCH = 128;
/** Rounds in flight at once: one waits on providers while another claims or records. */
const WORKERS = 4;
const LEASE_SECONDS = 60;
const IDLE_MS = 100;
/** How often the first loop looks for messages left in doubt (their leases last LEASE_SECONDS). */
const RECOVERY_INTERVAL_MS = 5_000;

/** Delay before attempt n+1: 5 s, 10 s, 20 s… at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

type Row = Record<string, unknown>;
interface SentOutcome {
  message: Message;
  provider: string;
  providerMessageId: string;
}
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
  }) as Message;

/**
 * Hands due messages to their providers. Several replicas share the work (claims use SKIP LOCKED). A claimed
 * message is Queued with a lease; the outcome is recorded as Sent, as Pending again with a backoff (failover to
 * the channel's next provider first), or as Errored when retries run out or the provider refuses for good
 * (an SMS then falls back to email when the person has one). A message whose lease ran out was being handed
 * over when its dispatcher stopped: it is sent again only through an idempotent provider (the SMS gateway
 * deduplicates on the message id), and otherwise marked Errored as in doubt: never sent twice.
 */
@Injectable()
export class Dispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
    @Inject(CHANNEL_PROVIDERS) private readonly providers: ChannelProvider[],
    @Inject(PROVIDER_SETTINGS) private readonly settings: ProviderSettings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap() {
    this.running = true;
    this.loops = Array.from({ length: WORKERS }, (_, worker) => this.run(worker === 0));
  }

  async onModuleDestroy() {
    this.running = false;
    this.wake();
    await Promise.all(this.loops);
    await Promise.all(this.providers.map((p) => p.close?.()));
  }

  /** Called after messages are created, so they go at once rather than at the next poll. */
  wake() {
    for (const wakeUp of this.sleepers) wakeUp();
  }

  /** One dispatch loop; the first also looks for messages left in doubt, every RECOVERY_INTERVAL_MS. */
  private async run(recovers: boolean) {
    let recoveredAt = 0;
    while (this.running) {
      let handled = 0;
      try {
        if (recovers && Date.now() - recoveredAt >= RECOVERY_INTERVAL_MS) {
          await this.recoverInDoubt();
          recoveredAt = Date.now();
        }
        handled = await this.round();
      } catch (error) {
        this.logger.warn({ err: error }, 'dispatch round failed');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      if (!handled && this.running) {
        await new Promise<void>((resolve) => {
          const wakeUp = () => {
            clearTimeout(timer);
            this.sleepers.delete(wakeUp);
            resolve();
          };
          const timer = setTimeout(wakeUp, IDLE_MS);
          this.sleepers.add(wakeUp);
        });
      }
    }
  }

  private async round(): Promise<number> {
    const rows = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT ${QUEUE_SCANS}`);
      // TypeORM answers an UPDATE … RETURNING with [rows, count].
      const [claimed]: [Row[], number] = await manager.query(
        `UPDATE messaging.messages SET status = 'Queued', attempts = attempts + 1,
           lease_until = now() + make_interval(secs => ${LEASE_SECONDS}), updated_at = now()
         WHERE id IN (SELECT id FROM messaging.messages WHERE status = 'Pending' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         RETURNING *`,
      );
      return claimed;
    });
    const sent = (await Promise.all(rows.map((row) => this.deliver(fromRow(row))))).filter(
      (outcome): outcome is SentOutcome => !!outcome,
    );
    if (sent.length) await this.recordSent(sent);
    return rows.length;
  }

  private bucket(provider: ChannelProvider) {
    let bucket = this.buckets.get(provider.name);
    if (!bucket) this.buckets.set(provider.name, (bucket = new TokenBucket(this.settings.ratePerSecond)));
    return bucket;
  }

  /** Hands one message over; answers what to record when it went, and records other outcomes itself. */
  private async deliver(message: Message): Promise<SentOutcome | undefined> {
    const providers = this.providers.filter((p) => p.channel === message.channel);
    if (!providers.length) {
      await this.fallBackOrFail(message, `no ${message.channel} provider is configured`);
      return undefined;
    }
    let lastError = 'no attempt';
    for (const provider of providers) {
      try {
        await this.bucket(provider).take();
        const { providerMessageId } = await provider.send({
          messageId: message.id,
          destination: message.destination,
          subject: message.subject,
          body: message.body,
        });
        return { message, provider: provider.name, providerMessageId };
      } catch (error) {
        if (error instanceof HandOverInDoubt) {
          // Perhaps sent: left Queued; when its lease runs out, recoverInDoubt decides (never a second copy).
          this.logger.warn({ messageId: message.id, provider: provider.name }, 'hand-over in doubt');
          return undefined;
        }
        lastError = `${provider.name}: ${(error as Error).message}`;
        if (error instanceof PermanentSendError) {
          await this.fallBackOrFail(message, lastError);
          return undefined;
        }
      }
    }
    const next = Date.now() + backoffMs(message.attempts);
    if (next >= new Date(message.expiresAt).getTime()) {
      await this.fallBackOrFail(message, `retries exhausted after ${message.attempts} attempts (${lastError})`);
      return undefined;
    }
    await this.dataSource.query(
      `UPDATE messaging.messages SET status = 'Pending', next_attempt_at = $2, lease_until = NULL, detail = $3, updated_at = now()
       WHERE id = $1 AND status = 'Queued'`,
      [message.id, new Date(next), lastError.slice(0, 500)],
    );
    return undefined;
  }

  /** The messages of a round that went: one transaction, one statement per table. */
  private async recordSent(sent: SentOutcome[]) {
    await this.dataSource.transaction(async (manager) => {
      const [updated]: [{ id: string }[], number] = await manager.query(
        `UPDATE messaging.messages AS m SET status = 'Sent', provider = t.provider, provider_message_id = t.provider_message_id,
           lease_until = NULL, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, provider, provider_message_id)
         WHERE m.id = t.id AND m.status = 'Queued' RETURNING m.id`,
        [sent.map((s) => s.message.id), sent.map((s) => s.provider), sent.map((s) => s.providerMessageId)],
      );
      const recorded = new Set(updated.map((r) => r.id));
      const mine = sent.filter((s) => recorded.has(s.message.id));
      if (!mine.length) return;
      await manager.query(
        `INSERT INTO messaging.message_history (message_id, status, provider) SELECT id, 'Sent', provider FROM unnest($1::uuid[], $2::text[]) AS t(id, provider)`,
        [mine.map((s) => s.message.id), mine.map((s) => s.provider)],
      );
      const at = new Date().toISOString();
      await this.backbone.publisher.publishMany(
        manager,
        MessageSent,
        mine.map(({ message, provider }) => statusEvent(message, 'Sent', { provider, at })),
      );
    });
  }

  /** An SMS that cannot go falls back to email when the person has an address and an email template exists. */
  private async fallBackOrFail(message: Message, reason: string) {
    if (message.channel === 'sms' && message.personId && this.providers.some((p) => p.channel === 'email')) {
      const fellBack = await this.dataSource.transaction(async (manager) => {
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
            `SMS failed (${reason.slice(0, 200)}): sent by email instead`,
          ],
        );
        await this.history(manager, message.id, 'Pending', null, 'fell back from SMS to email');
        return true;
      });
      if (fellBack) return;
    }
    await this.record(message, 'Errored', { detail: reason });
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

  /** Marks a message Errored (once: several dispatchers may reach the same conclusion) and says so. */
  private async record(
    message: Message,
    status: 'Errored',
    outcome: { provider?: string; providerMessageId?: string; detail?: string },
  ) {
    const recorded = await this.dataSource.transaction(async (manager) => {
      const [updated]: [unknown[], number] = await manager.query(
        `UPDATE messaging.messages SET status = $2, provider = coalesce($3, provider), provider_message_id = coalesce($4, provider_message_id),
           detail = coalesce($5, detail), lease_until = NULL, updated_at = now()
         WHERE id = $1 AND status = 'Queued' RETURNING id`,
        [
          message.id,
          status,
          outcome.provider ?? null,
          outcome.providerMessageId ?? null,
          outcome.detail?.slice(0, 500) ?? null,
        ],
      );
      if (!updated.length) return false;
      await this.history(manager, message.id, status, outcome.provider ?? null, outcome.detail ?? null);
      const payload = statusEvent(message, status, outcome);
      await this.backbone.publisher.publish(manager, MessageFailed, payload);
      return true;
    });
    if (recorded) this.logger.warn({ messageId: message.id, channel: message.channel }, 'message errored');
  }

  /** Messages whose dispatcher stopped while handing them over (their lease ran out). */
  private async recoverInDoubt() {
    const rows: Row[] = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT ${QUEUE_SCANS}`);
      return manager.query(
        `SELECT * FROM messaging.messages WHERE status = 'Queued' AND lease_until < now() ORDER BY lease_until LIMIT ${BATCH}`,
      );
    });
    for (const row of rows) {
      const message = fromRow(row);
      const idempotent = this.providers.some((p) => p.channel === message.channel && p.idempotent);
      if (idempotent) {
        // Asking again with the same message id: the provider delivers it once.
        await this.dataSource.query(
          `UPDATE messaging.messages SET status = 'Pending', lease_until = NULL, next_attempt_at = now(), updated_at = now()
           WHERE id = $1 AND status = 'Queued' AND lease_until < now()`,
          [message.id],
        );
      } else {
        await this.record(message, 'Errored', {
          detail: 'in doubt: the dispatcher stopped while handing it over; not sent again, to avoid a duplicate',
        });
      }
    }
  }
}
