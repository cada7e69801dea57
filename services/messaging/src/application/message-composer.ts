import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { MESSAGING_CONFIG, type MessagingConfig } from '../messaging.config';
import {
  render,
  smsSegments,
  statusEvent,
  type Channel,
  type Language,
  type MessageRecord,
  type Unreachable,
} from '../domain';
import type { MessageChanges, TemplateRecord } from './ports';

export interface ComposeRequest {
  /** What made this message; the same key never makes a second message. */
  sourceKey: string;
  /** A template by key … */
  templateKey?: string;
  /** … or the text itself (GovStack's email API sends content, not templates). */
  literal?: { subject?: string; body: string };
  variables: Record<string, unknown>;
  /** Variables the template names that `variables` lacks are empty (an event's optional fields), not an error. */
  optionalVariables?: boolean;
  essential: boolean;
  /** A person the platform knows (preferred language and channel apply) … */
  personId?: string;
  /**
   * … to every address they have (SMS and e-mail, the preferred first), not only the preferred one: each a message
   * of its own, the first keeping `sourceKey`, the others `sourceKey#channel`. The outcome is the first one's.
   */
  everyChannel?: boolean;
  /** … or an address given by the caller. */
  address?: { channel: Channel; destination: string; language?: Language };
  batchId?: string;
  /**
   * The event that asked for it, when several are handled together (a batch): its Queued event's causation and
   * correlation. A single event's handler needs none (the consumer sets it for whatever the handler publishes).
   */
  cause?: { eventId: string; correlationId?: string };
}

export type ComposeOutcome =
  | { kind: 'queued'; message: MessageRecord }
  | { kind: 'duplicate'; messageId: string }
  | { kind: 'skipped'; reason: Unreachable }
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
  private templates?: { at: number; byKey: Map<string, TemplateRecord[]> };

  constructor(@Inject(MESSAGING_CONFIG) private readonly settings: MessagingConfig) {}

  /**
   * Templates, kept for a few seconds (they change rarely and every message needs one). Read through the
   * caller's transaction: a second connection would wait forever where all connections share one session
   * (the embedded database) and the caller's transaction holds it.
   */
  private async template(
    tx: MessageChanges,
    key: string,
    channel: Channel,
    language: Language,
  ): Promise<TemplateRecord | undefined> {
    if (!this.templates || Date.now() - this.templates.at > TEMPLATE_CACHE_MS) {
      const all = await tx.templates();
      const byKey = new Map<string, TemplateRecord[]>();
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

  compose(tx: MessageChanges, request: ComposeRequest): Promise<ComposeOutcome> {
    return this.composeMany(tx, [request]).then(([outcome]) => outcome);
  }

  async composeMany(tx: MessageChanges, requests: ComposeRequest[]): Promise<ComposeOutcome[]> {
    const personIds = [...new Set(requests.filter((r) => !r.address && r.personId).map((r) => r.personId!))];
    const recipients = new Map((await tx.recipients(personIds)).map((r) => [r.personId, r]));
    const now = new Date();
    const outcomes: ComposeOutcome[] = [];
    const drafts: MessageRecord[] = [];
    const causes = new Map<string, { eventId: string; correlationId?: string }>();
    for (const request of requests) {
      let targets: { channel: Channel; destination: string; language: Language }[];
      if (request.address) {
        targets = [{ ...request.address, language: request.address.language ?? 'lo' }];
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
        const reachable = addresses.filter((a): a is [Channel, string] => !!a[1]);
        targets = (reachable.length ? reachable : [['in_app', recipient.personId] as [Channel, string]])
          .slice(0, request.everyChannel ? undefined : 1)
          .map(([channel, destination]) => ({ channel, destination, language: recipient.preferredLanguage }));
      }
      for (const [i, target] of targets.entries()) {
        const outcome = await this.draft(
          tx,
          request,
          target,
          i === 0 ? request.sourceKey : `${request.sourceKey}#${target.channel}`,
          now,
        );
        if (outcome.kind === 'queued') {
          drafts.push(outcome.message);
          if (request.cause) causes.set(outcome.message.id, request.cause);
        }
        if (i === 0) outcomes.push(outcome);
      }
    }
    if (!drafts.length) return outcomes;
    const at = now.toISOString();
    const { written, existing } = await tx.insertMessages(
      drafts,
      (m) =>
        m.channel === 'in_app'
          ? statusEvent(m, 'Delivered', { provider: 'in-app', detail: m.detail, at })
          : statusEvent(m, 'Queued', { detail: m.detail, at }),
      (m) => causes.get(m.id),
    );
    // Made before by the same source (a redelivered event, a retried call): answer with the existing message.
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.kind === 'queued' && !written.has(outcome.message.id)) {
        const { id, sourceKey } = outcome.message;
        outcomes[i] = { kind: 'duplicate', messageId: existing.get(sourceKey) ?? id };
      }
    }
    return outcomes;
  }

  /** One message to one address, rendered now in the person's language (else the template's other one). */
  private async draft(
    tx: MessageChanges,
    request: ComposeRequest,
    target: { channel: Channel; destination: string; language: Language },
    sourceKey: string,
    now: Date,
  ): Promise<ComposeOutcome> {
    const { channel, destination } = target;
    let language = target.language;
    const details: string[] = [];
    let body: string;
    let subject: string | null;
    if (request.literal) {
      body = request.literal.body;
      subject = request.literal.subject ?? null;
    } else {
      // A webhook carries the email text unless a webhook text exists.
      const template =
        (await this.template(tx, request.templateKey ?? '', channel, language)) ??
        (channel === 'webhook' ? await this.template(tx, request.templateKey ?? '', 'email', language) : undefined);
      if (!template) return { kind: 'no-template', templateKey: request.templateKey ?? '' };
      if (template.language !== language) details.push(`template in ${language} missing: sent in ${template.language}`);
      language = template.language;
      const optional = { optional: request.optionalVariables };
      body = render(template.body, template.language, request.variables, optional);
      subject = template.subject ? render(template.subject, template.language, request.variables, optional) : null;
    }
    const message: MessageRecord = {
      id: randomUUID(),
      sourceKey,
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
    };
    return { kind: 'queued', message };
  }
}
