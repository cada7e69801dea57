import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HandlesEvent, type ReceivedEvent } from '@onedoor/backbone';
import {
  ApplicationStatusChanged,
  CivilServantAssigned,
  CredentialIssued,
  CredentialRevoked,
  OneTimeCodeRequested,
  PersonDeactivated,
  PersonEnrolled,
  PersonReactivated,
  PersonUpdated,
  type OneTimeCodeRequestedPayload,
  type PersonEnrolledPayload,
  type PersonStatusPayload,
  type PersonUpdatedPayload,
} from '@onedoor/contracts';
import { NotificationRule, Recipient } from '../messaging.entities';
import { MessageComposer } from './composer';

/** Nested payload values as template variables: `displayName.lo` becomes `displayName_lo`. */
export function templateVariables(data: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((data ?? {}) as Record<string, unknown>)) {
    const name = prefix ? `${prefix}_${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(out, templateVariables(value, name));
    else out[name] = value;
  }
  return out;
}

/**
 * What the messaging block does with other blocks' events: keeps its directory of recipients (the identity
 * block owns phone, email, language and channel), delivers one-time codes, and applies the notification rules
 * (data: event type → template and recipient) to every event it subscribes to.
 */
@Injectable()
export class EventNotifications {
  constructor(private readonly composer: MessageComposer) {}

  private async applyRules(event: ReceivedEvent<unknown>, manager: EntityManager) {
    const rules = await manager.findBy(NotificationRule, { eventType: event.envelope.type, enabled: true });
    const variables = templateVariables(event.data);
    for (const rule of rules) {
      const personId = variables[rule.personField];
      if (typeof personId !== 'string') continue;
      await this.composer.compose(manager, {
        sourceKey: `event:${event.envelope.id}:${rule.id}`,
        templateKey: rule.templateKey,
        variables,
        essential: rule.essential,
        personId,
      });
    }
  }

  private async upsertRecipient(manager: EntityManager, data: PersonEnrolledPayload | PersonUpdatedPayload) {
    await manager.query(
      `INSERT INTO messaging.recipients (person_id, phone, email, preferred_language, preferred_channel, opted_out, active)
       VALUES ($1, $2, $3, $4, $5, false, true)
       ON CONFLICT (person_id) DO UPDATE SET phone = EXCLUDED.phone, email = EXCLUDED.email,
         preferred_language = EXCLUDED.preferred_language, preferred_channel = EXCLUDED.preferred_channel, updated_at = now()`,
      [data.personId, data.phone ?? null, data.email ?? null, data.preferredLanguage, data.preferredChannel],
    );
  }

  @HandlesEvent(PersonEnrolled)
  async enrolled(event: ReceivedEvent<PersonEnrolledPayload>, manager: EntityManager) {
    await this.upsertRecipient(manager, event.data);
    await this.applyRules(event, manager);
  }

  @HandlesEvent(PersonUpdated)
  async updated(event: ReceivedEvent<PersonUpdatedPayload>, manager: EntityManager) {
    await this.upsertRecipient(manager, event.data);
    await this.applyRules(event, manager);
  }

  @HandlesEvent(PersonDeactivated)
  async deactivated(event: ReceivedEvent<PersonStatusPayload>, manager: EntityManager) {
    await manager.update(Recipient, { personId: event.data.personId }, { active: false });
    await this.applyRules(event, manager);
  }

  @HandlesEvent(PersonReactivated)
  async reactivated(event: ReceivedEvent<PersonStatusPayload>, manager: EntityManager) {
    await manager.update(Recipient, { personId: event.data.personId }, { active: true });
    await this.applyRules(event, manager);
  }

  /** Sign-in codes: essential, to the address the identity block chose; a code is never logged. In batches. */
  @HandlesEvent(OneTimeCodeRequested, { batch: true })
  async oneTimeCodes(events: ReceivedEvent<OneTimeCodeRequestedPayload>[], manager: EntityManager) {
    await this.composer.composeMany(
      manager,
      events.map(({ envelope, data }) => ({
        sourceKey: `event:${envelope.id}:one-time-code`,
        templateKey: 'identity.one-time-code',
        variables: {
          code: data.code,
          minutes: Math.max(1, Math.round((new Date(data.expiresAt).getTime() - Date.parse(envelope.time)) / 60_000)),
        },
        essential: true,
        personId: data.personId,
        address: { channel: data.channel, destination: data.destination, language: data.language },
      })),
    );
  }

  @HandlesEvent(CivilServantAssigned)
  async assigned(event: ReceivedEvent<unknown>, manager: EntityManager) {
    await this.applyRules(event, manager);
  }

  @HandlesEvent(CredentialIssued)
  async credentialIssued(event: ReceivedEvent<unknown>, manager: EntityManager) {
    await this.applyRules(event, manager);
  }

  @HandlesEvent(ApplicationStatusChanged)
  async applicationStatusChanged(event: ReceivedEvent<unknown>, manager: EntityManager) {
    await this.applyRules(event, manager);
  }

  @HandlesEvent(CredentialRevoked)
  async credentialRevoked(event: ReceivedEvent<unknown>, manager: EntityManager) {
    await this.applyRules(event, manager);
  }
}
