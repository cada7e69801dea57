import { Injectable } from '@nestjs/common';
import { HandlesEvent, type ReceivedEvent } from '@onedoor/backbone';
import {
  AdminAreaSaved,
  ApplicationStatusChanged,
  OrganisationSaved,
  WorkflowDeadlineApproaching,
  WorkflowTaskEscalated,
  type AdminAreaSavedPayload,
  type ApplicationStatusChangedPayload,
  type OrganisationSavedPayload,
  type TaskEscalatedPayload,
  type TaskPayload,
} from '@onedoor/contracts';
import type { Transaction } from '../application/ports';
import { EscalateCaseHandler } from '../application/escalate-case/escalate-case.handler';
import { RememberDecisionHandler } from '../application/remember-decision/remember-decision.handler';
import { RememberReferenceDataHandler } from '../application/remember-reference-data/remember-reference-data.handler';

/**
 * What the feedback block learns from other blocks' events: registration's decided applications, to be rated; the
 * identity block's places and offices, which cases are checked against; the workflow block's escalations of the
 * hotline's stages.
 */
@Injectable()
export class BlockEventsConsumer {
  constructor(
    private readonly decisions: RememberDecisionHandler,
    private readonly reference: RememberReferenceDataHandler,
    private readonly escalations: EscalateCaseHandler,
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
}
