import { Injectable } from '@nestjs/common';
import { HandlesEvent, type ReceivedEvent } from '@onedoor/backbone';
import {
  AdminAreaSaved,
  ApplicationStatusChanged,
  MessageDelivered,
  MessageFailed,
  MessageSent,
  OrganisationSaved,
  WorkflowDeadlineApproaching,
  WorkflowTaskEscalated,
  type AdminAreaSavedPayload,
  type ApplicationStatusChangedPayload,
  type MessageStatusPayload,
  type OrganisationSavedPayload,
  type TaskEscalatedPayload,
  type TaskPayload,
} from '@onedoor/contracts';
import type { Transaction } from '../application/ports';
import { EscalateCaseHandler } from '../application/escalate-case/escalate-case.handler';
import { RememberDecisionHandler } from '../application/remember-decision/remember-decision.handler';
import { RecordCaseTimelineHandler } from '../application/record-case-timeline/record-case-timeline.handler';
import { RememberReferenceDataHandler } from '../application/remember-reference-data/remember-reference-data.handler';

/**
 * What the feedback block learns from other blocks' events: registration's decided applications, to be rated; the
 * identity block's places and offices, which cases are checked against; the workflow block's escalations of the
 * hotline's stages; the messaging block's messages to a case's submitter, for the case's timeline.
 */
@Injectable()
export class BlockEventsConsumer {
  constructor(
    private readonly decisions: RememberDecisionHandler,
    private readonly reference: RememberReferenceDataHandler,
    private readonly escalations: EscalateCaseHandler,
    private readonly timeline: RecordCaseTimelineHandler,
  ) {}

  @HandlesEvent(ApplicationStatusChanged)
  statusChanged({ data }: ReceivedEvent<ApplicationStatusChangedPayload>, tx: Transaction) {
    return this.decisions.execute(data, tx);
  }

  @HandlesEvent(AdminAreaSaved)
  adminAreaSaved({ data }: ReceivedEvent<AdminAreaSavedPayload>, tx: Transaction) {
    return this.reference.place(data, tx);
  }

  @HandlesEvent(OrganisationSaved)
  organisationSaved({ data }: ReceivedEvent<OrganisationSavedPayload>, tx: Transaction) {
    return this.reference.office(data, tx);
  }

  @HandlesEvent(WorkflowTaskEscalated)
  taskEscalated({ data }: ReceivedEvent<TaskEscalatedPayload>, tx: Transaction) {
    return this.escalations.execute(data, tx);
  }

  @HandlesEvent(WorkflowDeadlineApproaching)
  deadlineApproaching({ data }: ReceivedEvent<TaskPayload>, tx: Transaction) {
    return this.escalations.warned(data, tx);
  }

  @HandlesEvent(MessageSent, MessageDelivered, MessageFailed)
  message({ envelope, data }: ReceivedEvent<MessageStatusPayload>, tx: Transaction) {
    return this.timeline.message(envelope.correlationid, data, tx);
  }
}
