import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { MessageDelivered, MessageQueued } from '@onedoor/contracts';
import { smsSegments } from '../channels/sms-segments';
import { Message, Recipient, Template, type Channel, type Language } from '../messaging.entities';
import { render } from '../templates/render';
import { PROVIDER_SETTINGS } from './tokens';
import type { ProviderSettings } from '../channels/providers';

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

/**
 * Turns a request (an event rule, an API call) into a stored message: whom, on which channel (the person's
 * preferred one, or the other when the first has no address), in which language (the template's other
 * language when theirs is missing, noted in `detail`), rendered now. Opt-outs apply to non-essential messages.
 */
@Injectable()
export class MessageComposer {
  constructor(
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
    @Inject(PROVIDER_SETTINGS) private readonly settings: ProviderSettings,
  ) {}

  async compose(manager: EntityManager, request: ComposeRequest): Promise<ComposeOutcome> {
    const existing = await manager.findOne(Message, { where: { sourceKey: request.sourceKey }, select: { id: true } });
    if (existing) return { kind: 'duplicate', messageId: existing.id };

    let channel: Channel;
    let destination: string;
    let language: Language;
    if (request.address) {
      ({ channel, destination } = request.address);
      language = request.address.language ?? 'lo';
    } else {
      const recipient = request.personId ? await manager.findOneBy(Recipient, { personId: request.personId }) : null;
      if (!recipient) return { kind: 'skipped', reason: 'UNKNOWN_PERSON' };
      if (!recipient.active && !request.essential) return { kind: 'skipped', reason: 'INACTIVE_PERSON' };
      if (recipient.optedOut && !request.essential) return { kind: 'skipped', reason: 'OPTED_OUT' };
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
      const usable = addresses.find(([, address]) => address) ?? (['in_app', recipient.personId] as [Channel, string]);
      [channel, destination] = usable as [Channel, string];
    }

    const details: string[] = [];
    let body: string;
    let subject: string | null;
    if (request.literal) {
      body = request.literal.body;
      subject = request.literal.subject ?? null;
    } else {
      const templates = await manager.find(Template, { where: { key: request.templateKey ?? '', channel } });
      const template =
        templates.find((t) => t.language === language) ?? templates.find((t) => t.language === OTHER[language]);
      if (!template) return { kind: 'no-template', templateKey: request.templateKey ?? '' };
      if (template.language !== language) details.push(`template in ${language} missing: sent in ${template.language}`);
      language = template.language;
      body = render(template.body, template.language, request.variables);
      subject = template.subject ? render(template.subject, template.language, request.variables) : null;
    }

    const now = new Date();
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
    const inserted: unknown[] = await manager.query(
      `INSERT INTO messaging.messages (id, source_key, batch_id, person_id, channel, destination, language, template_key,
         subject, body, essential, status, detail, attempts, next_attempt_at, expires_at, provider, sms_parts, variables)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0, $14, $15, $16, $17, $18)
       ON CONFLICT (source_key) DO NOTHING RETURNING id`,
      [
        message.id,
        message.sourceKey,
        message.batchId,
        message.personId,
        message.channel,
        message.destination,
        message.language,
        message.templateKey,
        message.subject,
        message.body,
        message.essential,
        message.status,
        message.detail,
        message.nextAttemptAt,
        message.expiresAt,
        message.provider,
        message.smsParts,
        request.variables,
      ],
    );
    if (!inserted.length) {
      const winner = await manager.findOneOrFail(Message, {
        where: { sourceKey: request.sourceKey },
        select: { id: true },
      });
      return { kind: 'duplicate', messageId: winner.id };
    }
    await manager.query(
      `INSERT INTO messaging.message_history (message_id, status, provider, detail) VALUES ($1, $2, $3, $4)`,
      [message.id, message.status, message.provider, message.detail],
    );
    const inApp = channel === 'in_app';
    await this.backbone.publisher.publish(manager, inApp ? MessageDelivered : MessageQueued, {
      messageId: message.id,
      ...(message.batchId ? { batchId: message.batchId } : {}),
      ...(message.personId ? { personId: message.personId } : {}),
      channel,
      ...(request.templateKey ? { templateKey: request.templateKey } : {}),
      ...(inApp ? { provider: 'in-app', status: 'Delivered' as const } : { status: 'Queued' as const }),
      ...(message.detail ? { detail: message.detail } : {}),
      attempts: 0,
      at: now.toISOString(),
    });
    return { kind: 'queued', message };
  }
}
