import { Injectable } from '@nestjs/common';
import {
  ApplicationStatusChanged,
  type CaseRoutedPayload,
  type InstanceEndedPayload,
  type InstanceStartedPayload,
  type StatusChangedPayload,
  type TaskPayload,
} from '@onedoor/contracts';
import { acceptsWorkflowStatus, isDecision, workflowStatus } from '../../domain';
import { applicationEvent, Outgoing } from '../outgoing';
import { ApplicationStore, type Transaction } from '../ports';

/**
 * The workflow block moves applications: status, office, tasks and deadline, for instances whose business key
 * is an application (others are not ours and are ignored). Each runs in the consumer's transaction, with the
 * inbox row that marks the event handled, so it takes effect once.
 */
@Injectable()
export class FollowWorkflowHandler {
  constructor(private readonly applications: ApplicationStore) {}

  async started(data: InstanceStartedPayload, transaction: Transaction): Promise<void> {
    const tx = this.applications.within(transaction);
    const application = data.businessKey ? await tx.lock(data.businessKey) : null;
    if (application && data.dueAt) await tx.update(application.id, { expectedBy: new Date(data.dueAt) });
  }

  async routed(data: CaseRoutedPayload, transaction: Transaction): Promise<void> {
    const tx = this.applications.within(transaction);
    const application = data.businessKey ? await tx.lock(data.businessKey) : null;
    if (!application) return;
    // Each routing decision is history, whether or not a task at that office arrived first: Kafka orders events
    // within a topic's partition, not across topics, so case.routed and task.created come in either order.
    if (application.unit !== data.unit) {
      application.unit = data.unit;
      await tx.update(application.id, { unit: data.unit, updatedAt: new Date() });
    }
    await tx.history(application, 'routed', 'workflow');
  }

  async statusChanged(data: StatusChangedPayload, transaction: Transaction): Promise<void> {
    const tx = this.applications.within(transaction);
    const application = data.businessKey ? await tx.lock(data.businessKey) : null;
    const status = workflowStatus(data.status);
    if (!application || !status || !acceptsWorkflowStatus(application, status)) return;
    const previousStatus = application.status;
    application.status = status;
    const decidedAt = isDecision(status) ? new Date() : null;
    application.statusReason = data.comment ?? null;
    await tx.update(application.id, {
      status,
      decidedAt,
      statusReason: application.statusReason,
      updatedAt: new Date(),
    });
    await tx.history(application, 'status-changed', 'workflow', data.comment);
    await tx.publish(
      new Outgoing().add(ApplicationStatusChanged, {
        ...applicationEvent(application),
        previousStatus,
        ...(application.unit && { unit: application.unit }),
        ...(data.comment && { comment: data.comment }),
      }),
    );
  }

  async stopped(data: InstanceEndedPayload, transaction: Transaction): Promise<void> {
    const tx = this.applications.within(transaction);
    const application = data.businessKey ? await tx.lock(data.businessKey) : null;
    if (application && data.state === 'failed') {
      await tx.history(application, 'processing-failed', 'workflow', data.reason);
    }
  }

  /** A user task on an application, as it is created, claimed, escalated or completed. */
  async task(
    data: TaskPayload,
    state: 'open' | 'claimed' | 'completed',
    transaction: Transaction,
    outcome?: string,
  ): Promise<void> {
    const tx = this.applications.within(transaction);
    const application = data.businessKey ? await tx.lock(data.businessKey) : null;
    if (!application) return;
    await tx.upsertTask({
      id: data.taskId,
      applicationId: application.id,
      name: data.name,
      unit: data.unit,
      role: data.role,
      state,
      assignee: data.assignee,
      outcome,
      dueAt: data.dueAt,
    });
    if (state !== 'completed' && application.unit !== data.unit) {
      application.unit = data.unit;
      await tx.update(application.id, { unit: data.unit, updatedAt: new Date() });
      await tx.history(application, 'at-office', 'workflow');
    }
  }
}
