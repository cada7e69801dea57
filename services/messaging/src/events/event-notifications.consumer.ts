import { Injectable } from '@nestjs/common';
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
import { NotifyFromEventsHandler } from '../application/notify-from-events/notify-from-events.handler';
import type { Transaction } from '../application/ports';

/** The events messaging subscribes to, each passed with the consumer's transaction to NotifyFromEventsHandler. */
@Injectable()
export class EventNotificationsConsumer {
  constructor(private readonly notify: NotifyFromEventsHandler) {}

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

  @HandlesEvent(OneTimeCodeRequested, { batch: true })
  oneTimeCodes(events: ReceivedEvent<OneTimeCodeRequestedPayload>[], tx: Transaction) {
    return this.notify.oneTimeCodes(
      events.map((event) => event.envelope),
      tx,
    );
  }

  @HandlesEvent(CivilServantAssigned)
  assigned({ envelope }: ReceivedEvent<unknown>, tx: Transaction) {
    return this.notify.applyRules(envelope, tx);
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
}
