import { Injectable } from '@nestjs/common';
import type {
  ApplicationStalledPayload,
  CaseEscalatedPayload,
  CaseStepPayload,
  CivilServantAssignedPayload,
  EventEnvelope,
  OneTimeCodeRequestedPayload,
  OneTimeCodeSecret,
  PersonEnrolledPayload,
  PersonUpdatedPayload,
  SubmitterNoticeRequestedPayload,
  SubmitterNoticeSecret,
} from '@onedoor/contracts';
import { ONE_TIME_CODE_TEMPLATES, templateVariables } from '../../domain';
import { MessageComposer } from '../message-composer';
import { MessageStore, type Transaction } from '../ports';

/** A one-time code request with its sealed part opened (the events adapter opens it; ADR 0013). */
export type OneTimeCodeDelivery = Omit<OneTimeCodeRequestedPayload, 'sealed'> & OneTimeCodeSecret;

/** A hotline notice with its sealed part opened (the events adapter opens it). */
export type SubmitterNoticeDelivery = Omit<SubmitterNoticeRequestedPayload, 'sealed'> & SubmitterNoticeSecret;

const CODE_TEMPLATES: Record<OneTimeCodeDelivery['purpose'], string> = ONE_TIME_CODE_TEMPLATES;

/**
 * What the messaging block does with other blocks' events, in the consumer's transaction: keeps its directory
 * of recipients (the identity block owns phone, email, language and channel), delivers one-time codes, and
 * applies the notification rules (data: event type → template and recipient) to every event it subscribes to.
 */
@Injectable()
export class NotifyFromEventsHandler {
  constructor(
    private readonly messages: MessageStore,
    private readonly composer: MessageComposer,
  ) {}

  /** Every enabled rule for the event's type: a message to the person its payload names (once per event and rule). */
  async applyRules(envelope: EventEnvelope<unknown>, transaction: Transaction): Promise<void> {
    const tx = this.messages.within(transaction);
    const rules = await tx.rulesFor(envelope.type);
    const variables = templateVariables(envelope.data);
    for (const rule of rules) {
      const personId = variables[rule.personField];
      if (typeof personId !== 'string') continue;
      await this.composer.compose(tx, {
        sourceKey: `event:${envelope.id}:${rule.id}`,
        templateKey: rule.templateKey,
        variables,
        optionalVariables: true,
        essential: rule.essential,
        everyChannel: rule.everyChannel,
        personId,
      });
    }
  }

  /**
   * An application stalled: the service's ministry is told at the address it gave (its administrators'), in Lao,
   * once per event; then the rules (an integrator's, say). Without an address, only the rules.
   */
  async applicationStalled(envelope: EventEnvelope<ApplicationStalledPayload>, transaction: Transaction) {
    const { data } = envelope;
    if (data.alertEmail) {
      await this.composer.compose(this.messages.within(transaction), {
        sourceKey: `event:${envelope.id}:stalled-alert`,
        templateKey: 'registration.application-stalled',
        variables: templateVariables(data),
        optionalVariables: true,
        essential: true,
        address: { channel: 'email', destination: data.alertEmail, language: 'lo' },
      });
    }
    await this.applyRules(envelope, transaction);
  }

  /**
   * A hotline submitter's notice (`feedback.notice-<notice>`): a signed-in person as they prefer to be told; an
   * anonymous one by SMS to the phone and by e-mail to the address they left, in the language they chose. Essential:
   * they asked for it.
   */
  async submitterNotice(envelope: EventEnvelope<SubmitterNoticeDelivery>, transaction: Transaction): Promise<void> {
    const { data } = envelope;
    const variables = {
      caseNumber: data.caseNumber,
      reason: data.reason ?? '',
      masterCaseNumber: data.masterCaseNumber ?? '',
    };
    const base = { templateKey: `feedback.notice-${data.notice}`, variables, essential: true };
    const tx = this.messages.within(transaction);
    if (data.personId) {
      await this.composer.compose(tx, { ...base, sourceKey: `event:${envelope.id}:notice`, personId: data.personId });
      return;
    }
    const addresses = [
      ...(data.phone ? [{ channel: 'sms' as const, destination: data.phone }] : []),
      ...(data.email ? [{ channel: 'email' as const, destination: data.email }] : []),
    ];
    for (const address of addresses) {
      await this.composer.compose(tx, {
        ...base,
        sourceKey: `event:${envelope.id}:notice:${address.channel}`,
        address: { ...address, language: data.language },
      });
    }
  }

  /** A civil servant's posting: where their unit's notices reach them; then the rules. */
  async civilServantAssigned(envelope: EventEnvelope<CivilServantAssignedPayload>, transaction: Transaction) {
    const { personId, to } = envelope.data;
    await this.messages.within(transaction).upsertPosting({
      personId,
      ministry: to.ministryCode,
      unit: to.departmentCode ?? to.ministryCode,
    });
    await this.applyRules(envelope, transaction);
  }

  /**
   * A hotline case reached a unit (assigned) or passed a stage's deadline there (escalated): every civil servant
   * posted at that office is told, as they prefer, once per event; then the rules.
   */
  async unitNotice(
    envelope: EventEnvelope<CaseStepPayload | CaseEscalatedPayload>,
    notice: 'case-assigned' | 'case-deadline-approaching' | 'case-escalated',
    transaction: Transaction,
  ): Promise<void> {
    const data = envelope.data as CaseStepPayload & Partial<CaseEscalatedPayload>;
    // Assigned: the unit's people; warned: the stage's office's; escalated: those of the office it went up to.
    const office =
      notice === 'case-assigned'
        ? data.unit
        : notice === 'case-escalated'
          ? (data.escalatedToOffice ?? data.office)
          : data.office;
    const tx = this.messages.within(transaction);
    const people = office ? await tx.postedAt(office) : [];
    if (people.length) {
      // `{office}` in an escalation's words is the office it went up to.
      const variables = templateVariables({ ...data, office, dueAt: data.dueAt?.slice(0, 10) });
      await this.composer.composeMany(
        tx,
        people.map((personId) => ({
          sourceKey: `event:${envelope.id}:${notice}:${personId}`,
          cause: { eventId: envelope.id, correlationId: envelope.correlationid ?? envelope.subject },
          templateKey: `feedback.${notice}`,
          variables,
          optionalVariables: true,
          essential: false,
          personId,
        })),
      );
    }
    await this.applyRules(envelope, transaction);
  }

  /** A person enrolled or changed: their addresses and preferences, then the rules. */
  async personChanged(
    envelope: EventEnvelope<PersonEnrolledPayload | PersonUpdatedPayload>,
    transaction: Transaction,
  ): Promise<void> {
    const { data } = envelope;
    await this.messages.within(transaction).upsertRecipient({
      personId: data.personId,
      phone: data.phone ?? null,
      email: data.email ?? null,
      preferredLanguage: data.preferredLanguage,
      preferredChannel: data.preferredChannel,
    });
    await this.applyRules(envelope, transaction);
  }

  /** A person deactivated or reactivated: only essential messages reach an inactive person. */
  async personActive(
    envelope: EventEnvelope<{ personId: string }>,
    active: boolean,
    transaction: Transaction,
  ): Promise<void> {
    await this.messages.within(transaction).setRecipientActive(envelope.data.personId, active);
    await this.applyRules(envelope, transaction);
  }

  /** One-time codes: essential, to the address the identity block chose; a code is never logged. In batches. */
  async oneTimeCodes(envelopes: EventEnvelope<OneTimeCodeDelivery>[], transaction: Transaction) {
    await this.composer.composeMany(
      this.messages.within(transaction),
      envelopes.map(({ id, time, data, correlationid, subject }) => ({
        sourceKey: `event:${id}:one-time-code`,
        cause: { eventId: id, correlationId: correlationid ?? subject },
        templateKey: CODE_TEMPLATES[data.purpose],
        variables: {
          code: data.code,
          minutes: Math.max(1, Math.round((new Date(data.expiresAt).getTime() - Date.parse(time)) / 60_000)),
        },
        essential: true,
        personId: data.personId,
        address: { channel: data.channel, destination: data.destination, language: data.language },
      })),
    );
  }
}
