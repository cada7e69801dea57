import { Injectable } from '@nestjs/common';
import { HandlesEvent, type ReceivedEvent } from '@onedoor/backbone';
import {
  MessageDelivered,
  MessageFailed,
  MessageSent,
  OrganisationSaved,
  RatingGiven,
  PersonEnrolled,
  PersonUpdated,
  WorkflowCaseRouted,
  WorkflowInstanceStarted,
  WorkflowInstanceStopped,
  WorkflowProcessPublished,
  WorkflowProcessRetired,
  WorkflowStartFailed,
  WorkflowStatusChanged,
  WorkflowTaskClaimed,
  WorkflowTaskCompleted,
  WorkflowTaskCreated,
  WorkflowTaskEscalated,
  type CaseRoutedPayload,
  type MessageStatusPayload,
  type RatingGivenPayload,
  type InstanceEndedPayload,
  type InstanceStartedPayload,
  type OrganisationSavedPayload,
  type PersonEnrolledPayload,
  type PersonUpdatedPayload,
  type ProcessPublishedPayload,
  type ProcessRetiredPayload,
  type StartFailedPayload,
  type StatusChangedPayload,
  type TaskCompletedPayload,
  type TaskPayload,
} from '@onedoor/contracts';
import { FollowWorkflowHandler } from '../application/follow-workflow/follow-workflow.handler';
import { RecordCaseTimelineHandler } from '../application/record-case-timeline/record-case-timeline.handler';
import type { Transaction } from '../application/ports';
import { RememberOrganisationHandler } from '../application/remember-organisation/remember-organisation.handler';
import { RememberPersonHandler } from '../application/remember-person/remember-person.handler';

/**
 * What registration learns from other blocks' events: the workflow block moves applications, the identity block
 * says who people are, the messaging and feedback blocks add messages and ratings to a case's timeline. Each consumer passes the event's data and the consumer's transaction to a handler.
 */
@Injectable()
export class BlockEventsConsumer {
  constructor(
    private readonly workflow: FollowWorkflowHandler,
    private readonly people: RememberPersonHandler,
    private readonly organisations: RememberOrganisationHandler,
    private readonly timeline: RecordCaseTimelineHandler,
  ) {}

  @HandlesEvent(WorkflowInstanceStarted)
  started({ data }: ReceivedEvent<InstanceStartedPayload>, tx: Transaction) {
    return this.workflow.started(data, tx);
  }

  @HandlesEvent(WorkflowCaseRouted)
  routed({ data }: ReceivedEvent<CaseRoutedPayload>, tx: Transaction) {
    return this.workflow.routed(data, tx);
  }

  @HandlesEvent(WorkflowStatusChanged)
  statusChanged({ data }: ReceivedEvent<StatusChangedPayload>, tx: Transaction) {
    return this.workflow.statusChanged(data, tx);
  }

  @HandlesEvent(WorkflowInstanceStopped)
  stopped({ data }: ReceivedEvent<InstanceEndedPayload>, tx: Transaction) {
    return this.workflow.stopped(data, tx);
  }

  @HandlesEvent(WorkflowStartFailed)
  startFailed({ data }: ReceivedEvent<StartFailedPayload>, tx: Transaction) {
    return this.workflow.startFailed(data, tx);
  }

  @HandlesEvent(WorkflowProcessPublished)
  processPublished({ data }: ReceivedEvent<ProcessPublishedPayload>, tx: Transaction) {
    return this.workflow.processPublished(data, tx);
  }

  @HandlesEvent(WorkflowProcessRetired)
  processRetired({ data }: ReceivedEvent<ProcessRetiredPayload>, tx: Transaction) {
    return this.workflow.processRetired(data, tx);
  }

  @HandlesEvent(WorkflowTaskCreated)
  taskCreated({ data }: ReceivedEvent<TaskPayload>, tx: Transaction) {
    return this.workflow.task(data, 'open', tx);
  }

  @HandlesEvent(WorkflowTaskClaimed)
  taskClaimed({ data }: ReceivedEvent<TaskPayload>, tx: Transaction) {
    return this.workflow.task(data, 'claimed', tx);
  }

  @HandlesEvent(WorkflowTaskEscalated)
  taskEscalated({ data }: ReceivedEvent<TaskPayload>, tx: Transaction) {
    return this.workflow.task(data, data.assignee ? 'claimed' : 'open', tx);
  }

  @HandlesEvent(WorkflowTaskCompleted)
  taskCompleted({ data }: ReceivedEvent<TaskCompletedPayload>, tx: Transaction) {
    return this.workflow.task(data, 'completed', tx, data.outcome);
  }

  @HandlesEvent(PersonEnrolled)
  enrolled({ data }: ReceivedEvent<PersonEnrolledPayload>, tx: Transaction) {
    return this.people.execute(data, tx);
  }

  @HandlesEvent(OrganisationSaved)
  organisationSaved({ data }: ReceivedEvent<OrganisationSavedPayload>, tx: Transaction) {
    return this.organisations.execute(data, tx);
  }

  @HandlesEvent(PersonUpdated)
  updated({ data }: ReceivedEvent<PersonUpdatedPayload>, tx: Transaction) {
    return this.people.execute(data, tx);
  }

  @HandlesEvent(MessageSent, MessageDelivered, MessageFailed)
  message({ envelope, data }: ReceivedEvent<MessageStatusPayload>, tx: Transaction) {
    return this.timeline.message(envelope.correlationid, data, tx);
  }

  @HandlesEvent(RatingGiven)
  rated({ data }: ReceivedEvent<RatingGivenPayload>, tx: Transaction) {
    return this.timeline.rated(data, tx);
  }
}
