import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { MessageDelivered, MessageQueued } from '@onedoor/contracts';
import type { ProviderSettings } from '../channels/providers';
import { smsSegments } from '../channels/sms-segments';
import { Message, Recipient, Template, type Channel, type Language } from '../messaging.entities';
import { render } from '../templates/render';
import { statusEvent } from './status-event';
import { PROVIDER_SETTINGS } from './tokens';

export interface ComposeRequest {
  /** What made this message; the same key never makes a second message. */
  sourceKey: string;
  /** A template by key … */
  templateKey?: string;
  /** … or the text itself (GovStack's email API sends content, not templates). */
  literal?: { subject?: string; body: string };
  variables: Record<string, unknown>;
  essential: boolean;
  /** A person the platform knows (preferred language and channel apply) … */
  personId?: string;
  /** … or an address given by the caller. */
  address?: { channel: Channel; destination: string; language?: Language };
  batchId?: string;
}

export type ComposeOutcome =
  | { kind: 'queued'; message: Message }
  | { kind: 'duplicate'; messageId: string }
  | { kind: 'skipped'; reason: 'OPTED_OUT' | 'NO_ADDRESS' | 'UNKNOWN_PERSON' | 'INACTIVE_PERSON' }
  | { kind: 'no-template'; templateKey: string };

const OTHER: Record<Language, Language> = { lo: 'en', en: 'lo' };
const TEMPLATE_CACHE_MS = 5_000;

/**
 * Turns requests (event rules, API calls) into stored messages: whom, on which channel (the person's preferred
 * one, or the other when the first has no address, or the in-app inbox), in which language (the template's
 * other language when theirs is missing, noted in `detail`), rendered now. Opt-outs apply to non-essential
 * messages. Many requests are written with one statement per table, in the caller's transaction.
 */
@Injectable()
export class MessageComposer {
  private templates?: { at: number; byKey: Map<string, Template[]> };

  constructor(
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
    @Inject(PROVIDER_SETTINGS) private readonly settings: ProviderSettings,
  ) {}

  /**
   * Templates, kept for a few seconds (they change rarely and every message needs one). Read through the
   * caller's transaction: a second connection would wait forever where all connections share one session
   * (the embedded database) and the caller's transaction holds it.
   */
  private async template(
    manager: EntityManager,
    key: string,
    channel: Channel,
    language: Language,
  ): Promise<Template | undefined> {
    if (!this.templates || Date.now() - this.templates.at > TEMPLATE_CACHE_MS) {
      const all = await manager.getRepository(Template).find();
      const byKey = new Map<string, Template[]>();
      for (const t of all)
        byKey.set(`${t.key}\u0000${t.channel}`, [...(byKey.get(`${t.key}\u0000${t.channel}`) ?? []), t]);
      this.templates = { at: Date.now(), byKey };
    }
    const candidates = this.templates.byKey.get(`${key}\u0000${channel}`) ?? [];
    return candidates.find((t) => t.language === language) ?? candidates.find((t) => t.language === OTHER[language]);
  }

  /** After a template changes through this replica. */
  forgetTemplates() {
    this.templates = undefined;
  }

  compose(manager: EntityManager, request: ComposeRequest): Promise<ComposeOutcome> {
    return this.composeMany(manager, [request]).then(([outcome]) => outcome);
  }

  async composeMany(manager: EntityManager, requests: ComposeRequest[]): Promise<ComposeOutcome[]> {
    const personIds = [...new Set(requests.filter((r) => !r.address && r.personId).map((r) => r.personId!))];
    const recipients = new Map(
      (personIds.length ? await manager.findBy(Recipient, { personId: In(personIds) }) : []).map((r) => [
        r.personId,
        r,
      ]),
    );
    const now = new Date();
    const outcomes: ComposeOutcome[] = [];
    const drafts: Message[] = [];
    for (const request of requests) {
      let channel: Channel;
      let destination: string;
      let language: Language;
      if (request.address) {
        ({ channel, destination } = request.address);
        language = request.address.language ?? 'lo';
      } else {
        const recipient = request.personId ? recipients.get(request.personId) : undefined;
        if (!recipient) {
          outcomes.push({ kind: 'skipped', reason: 'UNKNOWN_PERSON' });
          continue;
        }
        if ((!recipient.active || recipient.optedOut) && !request.essential) {
          outcomes.push({ kind: 'skipped', reason: recipient.active ? 'OPTED_OUT' : 'INACTIVE_PERSON' });
          continue;
        }
        language = recipient.preferredLanguage;
        const addresses: [Channel, string | null][] =
          recipient.preferredChannel === 'sms'
            ? [
                ['sms', recipient.phone],
                ['email', recipient.email],
              ]
            : [
                ['email', recipient.email],
                ['sms', recipient.phone],
              ];
        [channel, destination] = (addresses.find(([, address]) => address) ?? ['in_app', recipient.personId]) as [
          Channel,
          string,
        ];
      }
      const details: string[] = [];
      let body: string;
      let subject: string | null;
      if (request.literal) {
        body = request.literal.body;
        subject = request.literal.subject ?? null;
      } else {
        // A webhook carries the email text unless a webhook text exists.
        const template =
          (await this.template(manager, request.templateKey ?? '', channel, language)) ??
          (channel === 'webhook'
            ? await this.template(manager, request.templateKey ?? '', 'email', language)
            : undefined);
        if (!template) {
          outcomes.push({ kind: 'no-template', templateKey: request.templateKey ?? '' });
          continue;
        }
        if (template.language !== language)
          details.push(`template in ${language} missing: sent in ${template.language}`);
        language = template.language;
        body = render(template.body, template.language, request.variables);
        subject = template.subject ? render(template.subject, template.language, request.variables) : null;
      }
      const message = manager.create(Message, {
        id: randomUUID(),
        sourceKey: request.sourceKey,
        batchId: request.batchId ?? null,
        personId: request.personId ?? null,
        channel,
        destination,
        language,
        templateKey: request.templateKey ?? null,
        subject,
        body,
        variables: request.variables,
        essential: request.essential,
        status: channel === 'in_app' ? 'Delivered' : 'Pending',
        detail: details.join('; ') || null,
        attempts: 0,
        nextAttemptAt: now,
        leaseUntil: null,
        expiresAt: new Date(now.getTime() + this.settings.retryHours * 3_600_000),
        provider: channel === 'in_app' ? 'in-app' : null,
        providerMessageId: null,
        smsParts: channel === 'sms' ? smsSegments(body).parts : null,
        readAt: null,
      });
      drafts.push(message);
      outcomes.push({ kind: 'queued', message });
    }
    if (!drafts.length) return outcomes;

    const column = <K extends keyof Message>(key: K) => drafts.map((m) => m[key]);
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO messaging.messages (id, source_key, batch_id, person_id, channel, destination, language, template_key,
         subject, body, variables, essential, status, detail, attempts, next_attempt_at, expires_at, provider, sms_parts)
       SELECT id, source_key, batch_id, person_id, channel, destination, language, template_key, subject, body,
              variables, essential, status, detail, 0, $16::timestamptz, expires_at, provider, sms_parts
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::text[], $10::text[], $11::jsonb[], $12::boolean[], $13::text[], $14::text[],
                     $15::timestamptz[], $17::text[], $18::int[])
           AS t(id, source_key, batch_id, person_id, channel, destination, language, template_key, subject, body,
                variables, essential, status, detail, expires_at, provider, sms_parts)
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
      ],
    );
    const written = new Set(inserted.map((r) => r.id));
    const fresh = drafts.filter((m) => written.has(m.id));
    if (fresh.length < drafts.length) {
      // Made before by the same source (a redelivered event, a retried call): answer with the existing message.
      const lost = drafts.filter((m) => !written.has(m.id));
      const existing = await manager.find(Message, {
        where: { sourceKey: In(lost.map((m) => m.sourceKey)) },
        select: { id: true, sourceKey: true },
      });
      const bySource = new Map(existing.map((m) => [m.sourceKey, m.id]));
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome.kind === 'queued' && !written.has(outcome.message.id)) {
          outcomes[i] = { kind: 'duplicate', messageId: bySource.get(outcome.message.sourceKey) ?? outcome.message.id };
        }
      }
    }
    if (!fresh.length) return outcomes;
    await manager.query(
      `INSERT INTO messaging.message_history (message_id, status, provider, detail)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
      [fresh.map((m) => m.id), fresh.map((m) => m.status), fresh.map((m) => m.provider), fresh.map((m) => m.detail)],
    );
    const payload = (m: Message) =>
      m.channel === 'in_app'
        ? statusEvent(m, 'Delivered', { provider: 'in-app', detail: m.detail, at: now.toISOString() })
        : statusEvent(m, 'Queued', { detail: m.detail, at: now.toISOString() });
    const inApp = fresh.filter((m) => m.channel === 'in_app');
    const queued = fresh.filter((m) => m.channel !== 'in_app');
    if (queued.length) await this.backbone.publisher.publishMany(manager, MessageQueued, queued.map(payload));
    if (inApp.length) await this.backbone.publisher.publishMany(manager, MessageDelivered, inApp.map(payload));
    return outcomes;
  }
}
