import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HandlesEvent, type ReceivedEvent } from '@onedoor/backbone';
import {
  ApplicationStatusChanged,
  PersonEnrolled,
  PersonUpdated,
  WorkflowCaseRouted,
  WorkflowInstanceStarted,
  WorkflowInstanceStopped,
  WorkflowStatusChanged,
  WorkflowTaskClaimed,
  WorkflowTaskCompleted,
  WorkflowTaskCreated,
  WorkflowTaskEscalated,
  type CaseRoutedPayload,
  type InstanceEndedPayload,
  type InstanceStartedPayload,
  type PersonEnrolledPayload,
  type PersonUpdatedPayload,
  type StatusChangedPayload,
  type TaskCompletedPayload,
  type TaskPayload,
} from '@onedoor/contracts';
import { applicationEvent, ApplicationsService, Outgoing } from '../applications/applications.service';
import { Application } from '../registration.entities';

const DECISIONS = new Set(['APPROVED', 'REJECTED']);

/**
 * What registration learns from other blocks: the workflow block moves applications (status, office, tasks,
 * deadline; instances whose business key is an application), the identity block says who people are (for
 * prefilled forms and eligibility). Each runs in the consumer's transaction, so it takes effect once.
 */
@Injectable()
export class BlockEvents {
  constructor(private readonly applications: ApplicationsService) {}

  private async application(manager: EntityManager, businessKey: string | undefined): Promise<Application | null> {
    if (!businessKey || !isUUID(businessKey)) return null;
    return manager
      .createQueryBuilder(Application, 'a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id: businessKey })
      .getOne();
  }

  @HandlesEvent(WorkflowInstanceStarted)
  async started({ data }: ReceivedEvent<InstanceStartedPayload>, manager: EntityManager) {
    const application = await this.application(manager, data.businessKey);
    if (application && data.dueAt)
      await manager.update(Application, { id: application.id }, { expectedBy: new Date(data.dueAt) });
  }

  @HandlesEvent(WorkflowCaseRouted)
  async routed({ data }: ReceivedEvent<CaseRoutedPayload>, manager: EntityManager) {
    const application = await this.application(manager, data.businessKey);
    if (!application) return;
    // Each routing decision is history, whether or not a task at that office arrived first: Kafka orders events
    // within a topic's partition, not across topics, so case.routed and task.created come in either order.
    if (application.unit !== data.unit) {
      application.unit = data.unit;
      await manager.update(Application, { id: application.id }, { unit: data.unit, updatedAt: new Date() });
    }
    await this.applications.history(manager, application, 'routed', 'workflow');
  }

  @HandlesEvent(WorkflowStatusChanged)
  async statusChanged({ data }: ReceivedEvent<StatusChangedPayload>, manager: EntityManager) {
    const application = await this.application(manager, data.businessKey);
    const status = this.applications.statusOf(data.status);
    if (!application || !status || application.status === status || application.status === 'WITHDRAWN') return;
    const previousStatus = application.status;
    application.status = status;
    const decidedAt = DECISIONS.has(status) ? new Date() : null;
    await manager.update(Application, { id: application.id }, { status, decidedAt, updatedAt: new Date() });
    await this.applications.history(manager, application, 'status-changed', 'workflow', data.comment);
    await this.applications.flush(
      manager,
      new Outgoing().add(ApplicationStatusChanged, {
        ...applicationEvent(application),
        previousStatus,
        ...(application.unit && { unit: application.unit }),
        ...(data.comment && { comment: data.comment }),
      }),
    );
  }

  @HandlesEvent(WorkflowInstanceStopped)
  async stopped({ data }: ReceivedEvent<InstanceEndedPayload>, manager: EntityManager) {
    const application = await this.application(manager, data.businessKey);
    if (application && data.state === 'failed') {
      await this.applications.history(manager, application, 'processing-failed', 'workflow', data.reason);
    }
  }

  private async task(
    manager: EntityManager,
    data: TaskPayload,
    state: 'open' | 'claimed' | 'completed',
    outcome?: string,
  ) {
    const application = await this.application(manager, data.businessKey);
    if (!application) return;
    await manager.query(
      `INSERT INTO registration.tasks (id, application_id, name, unit, role, state, assignee, outcome, due_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (id) DO UPDATE SET unit = EXCLUDED.unit, state = EXCLUDED.state, assignee = EXCLUDED.assignee,
         outcome = COALESCE(EXCLUDED.outcome, registration.tasks.outcome), updated_at = now()`,
      [
        data.taskId,
        application.id,
        data.name,
        data.unit,
        data.role,
        state,
        data.assignee ?? null,
        outcome ?? null,
        data.dueAt ?? null,
      ],
    );
    if (state !== 'completed' && application.unit !== data.unit) {
      application.unit = data.unit;
      await manager.update(Application, { id: application.id }, { unit: data.unit, updatedAt: new Date() });
      await this.applications.history(manager, application, 'at-office', 'workflow');
    }
  }

  @HandlesEvent(WorkflowTaskCreated)
  async taskCreated({ data }: ReceivedEvent<TaskPayload>, manager: EntityManager) {
    await this.task(manager, data, 'open');
  }

  @HandlesEvent(WorkflowTaskClaimed)
  async taskClaimed({ data }: ReceivedEvent<TaskPayload>, manager: EntityManager) {
    await this.task(manager, data, 'claimed');
  }

  @HandlesEvent(WorkflowTaskEscalated)
  async taskEscalated({ data }: ReceivedEvent<TaskPayload>, manager: EntityManager) {
    await this.task(manager, data, data.assignee ? 'claimed' : 'open');
  }

  @HandlesEvent(WorkflowTaskCompleted)
  async taskCompleted({ data }: ReceivedEvent<TaskCompletedPayload>, manager: EntityManager) {
    await this.task(manager, data, 'completed', data.outcome);
  }

  private async person(manager: EntityManager, data: PersonEnrolledPayload | PersonUpdatedPayload) {
    await manager.query(
      `INSERT INTO registration.persons (person_id, data, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (person_id) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
      [data.personId, JSON.stringify(data)],
    );
  }

  @HandlesEvent(PersonEnrolled)
  async enrolled({ data }: ReceivedEvent<PersonEnrolledPayload>, manager: EntityManager) {
    await this.person(manager, data);
  }

  @HandlesEvent(PersonUpdated)
  async updated({ data }: ReceivedEvent<PersonUpdatedPayload>, manager: EntityManager) {
    await this.person(manager, data);
  }
}
