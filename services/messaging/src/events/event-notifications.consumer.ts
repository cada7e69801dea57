import { Injectable } from '@nestjs/common';
import { HandlesEvent, PermanentEventError, Unsealer, type ReceivedEvent } from '@onedoor/backbone';
import {
  ApplicationResubmitted,
  ApplicationStalled,
  ApplicationStatusChanged,
  CaseReceived,
  ApplicationSubmitted,
  CaseAssigned,
  CaseDeadlineApproaching,
  CaseEscalated,
  CivilServantAssigned,
  CredentialIssued,
  CredentialRevoked,
  OneTimeCodeRequested,
  PersonDeactivated,
  PersonEnrolled,
  PersonReactivated,
  PersonUpdated,
  SubmitterNoticeRequested,
  type ApplicationStalledPayload,
  type CaseEscalatedPayload,
  type CaseStepPayload,
  type CivilServantAssignedPayload,
  type OneTimeCodeRequestedPayload,
  type OneTimeCodeSecret,
  type PersonEnrolledPayload,
  type PersonStatusPayload,
  type PersonUpdatedPayload,
  type SubmitterNoticeRequestedPayload,
  type SubmitterNoticeSecret,
} from '@onedoor/contracts';
import { NotifyFromEventsHandler } from '../application/notify-from-events/notify-from-events.handler';
import type { Transaction } from '../application/ports';

/** The events messaging subscribes to, each passed with the consumer's transaction to NotifyFromEventsHandler. */
@Injectable()
export class EventNotificationsConsumer {
  constructor(
    private readonly notify: NotifyFromEventsHandler,
    private readonly unsealer: Unsealer,
  ) {}

  @HandlesEvent(PersonEnrolled)
  enrolled({ envelope }: ReceivedEvent<PersonEnrolledPayload>, tx: Transaction) {
    return this.notify.personChanged(envelope, tx);
  }

  @HandlesEvent(PersonUpdated)
  updated({ envelope }: ReceivedEvent<PersonUpdatedPayload>, tx: Transaction) {
    return this.notify.personChanged(envelope, tx);
  }

  @HandlesEvent(PersonDeactivated)
  deactivated({ envelope }: ReceivedEvent<PersonStatusPayload>, tx: Transaction) {
    return this.notify.personActive(envelope, false, tx);
  }

  @HandlesEvent(PersonReactivated)
  reactivated({ envelope }: ReceivedEvent<PersonStatusPayload>, tx: Transaction) {
    return this.notify.personActive(envelope, true, tx);
  }

  /** The code and address are sealed for this block: opened here, or the event is dead-lettered (another key, altered). */
  @HandlesEvent(OneTimeCodeRequested, { batch: true })
  async oneTimeCodes(events: ReceivedEvent<OneTimeCodeRequestedPayload>[], tx: Transaction) {
    const opened = await Promise.all(
      events.map(async ({ envelope }) => {
        const { sealed, ...data } = envelope.data;
        const secret = await this.unsealer.open<OneTimeCodeSecret>(sealed).catch((error: Error) => {
          throw new PermanentEventError(error.message);
        });
        return { ...envelope, data: { ...data, code: secret.code, destination: secret.destination } };
      }),
    );
    return this.notify.oneTimeCodes(opened, tx);
  }

  /** Who a hotline notice goes to is sealed for this block: opened here, or the event is dead-lettered. */
  @HandlesEvent(SubmitterNoticeRequested)
  async submitterNotice({ envelope }: ReceivedEvent<SubmitterNoticeRequestedPayload>, tx: Transaction) {
    const { sealed, ...data } = envelope.data;
    const secret = await this.unsealer.open<SubmitterNoticeSecret>(sealed).catch((error: Error) => {
      throw new PermanentEventError(error.message);
    });
    return this.notify.submitterNotice({ ...envelope, data: { ...data, ...secret } }, tx);
  }

  @HandlesEvent(CivilServantAssigned)
  assigned({ envelope }: ReceivedEvent<CivilServantAssignedPayload>, tx: Transaction) {
    return this.notify.civilServantAssigned(envelope, tx);
  }

  /** A hotline case assigned to a unit: its officers are told. */
  @HandlesEvent(CaseAssigned)
  caseAssigned({ envelope }: ReceivedEvent<CaseStepPayload>, tx: Transaction) {
    return this.notify.unitNotice(envelope, 'case-assigned', tx);
  }

  /** A hotline case's stage nears its deadline: the office's officers are warned. */
  @HandlesEvent(CaseDeadlineApproaching)
  caseDeadlineApproaching({ envelope }: ReceivedEvent<CaseEscalatedPayload>, tx: Transaction) {
    return this.notify.unitNotice(envelope, 'case-deadline-approaching', tx);
  }

  /** A hotline case's stage passed its deadline: the office's officers are told. */
  @HandlesEvent(CaseEscalated)
  caseEscalated({ envelope }: ReceivedEvent<CaseEscalatedPayload>, tx: Transaction) {
    return this.notify.unitNotice(envelope, 'case-escalated', tx);
  }

  @HandlesEvent(CredentialIssued)
  credentialIssued({ envelope }: ReceivedEvent<unknown>, tx: Transaction) {
    return this.notify.applyRules(envelope, tx);
  }

  @HandlesEvent(CredentialRevoked)
  credentialRevoked({ envelope }: ReceivedEvent<unknown>, tx: Transaction) {
    return this.notify.applyRules(envelope, tx);
  }

  @HandlesEvent(ApplicationStatusChanged)
  applicationStatusChanged({ envelope }: ReceivedEvent<unknown>, tx: Transaction) {
    return this.notify.applyRules(envelope, tx);
  }

  /** Received (online or at a counter), and received again after a correction: the tracking code reaches the citizen. */
  @HandlesEvent(CaseReceived)
  caseReceived({ envelope }: ReceivedEvent<unknown>, tx: Transaction) {
    return this.notify.applyRules(envelope, tx);
  }

  @HandlesEvent(ApplicationStalled)
  applicationStalled({ envelope }: ReceivedEvent<ApplicationStalledPayload>, tx: Transaction) {
    return this.notify.applicationStalled(envelope, tx);
  }

  @HandlesEvent(ApplicationSubmitted)
  applicationSubmitted({ envelope }: ReceivedEvent<unknown>, tx: Transaction) {
    return this.notify.applyRules(envelope, tx);
  }

  @HandlesEvent(ApplicationResubmitted)
  applicationResubmitted({ envelope }: ReceivedEvent<unknown>, tx: Transaction) {
    return this.notify.applyRules(envelope, tx);
  }
}
