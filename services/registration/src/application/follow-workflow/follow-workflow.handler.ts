import { Injectable } from '@nestjs/common';
import {
  ApplicationStalled,
  ApplicationStatusChanged,
  type CaseRoutedPayload,
  type InstanceEndedPayload,
  type InstanceStartedPayload,
  type ProcessPublishedPayload,
  type ProcessRetiredPayload,
  type StartFailedPayload,
  type StatusChangedPayload,
  type TaskPayload,
} from '@onedoor/contracts';
import { acceptsWorkflowStatus, hasEnded, isDecision, workflowStatus } from '../../domain';
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

  /** An instance that failed (no routing rule matched, an endpoint gone) leaves its application stalled. */
  async stopped(data: InstanceEndedPayload, transaction: Transaction): Promise<void> {
    if (data.state === 'failed' && data.businessKey) {
      await this.stall(data.businessKey, data.reason ?? 'The process failed.', transaction);
    }
  }

  /** The process never started (it names no process, or a retired one): the application is stalled. */
  async startFailed(data: StartFailedPayload, transaction: Transaction): Promise<void> {
    await this.stall(data.businessKey, `${data.reason} (${data.code})`, transaction);
  }

  /**
   * Nothing moves the application until it is restarted: it shows why, its ministry's administrators find it
   * (`?stalled=true`, the stalled-applications metric) and are told at the service's alert address (the messaging
   * block mails it on application.stalled), and integrators are told.
   */
  private async stall(businessKey: string, reason: string, transaction: Transaction): Promise<void> {
    const tx = this.applications.within(transaction);
    const application = await tx.lock(businessKey);
    if (!application || hasEnded(application.status)) return;
    application.stalledAt = new Date();
    application.stalledReason = reason.slice(0, 500);
    await tx.update(application.id, {
      stalledAt: application.stalledAt,
      stalledReason: application.stalledReason,
      updatedAt: application.stalledAt,
    });
    await tx.history(application, 'processing-failed', 'workflow', application.stalledReason);
    const alertEmail = await tx.alertEmailOf(application.serviceId);
    await tx.publish(
      new Outgoing().add(ApplicationStalled, {
        ...applicationEvent(application),
        reason: application.stalledReason,
        ...(alertEmail && { alertEmail }),
      }),
    );
  }

  /** The processes services may name, as the workflow block announces them. */
  async processPublished(data: ProcessPublishedPayload, transaction: Transaction): Promise<void> {
    await this.applications.within(transaction).rememberProcess({
      key: data.processKey,
      version: data.version,
      ministry: data.ministry ?? null,
      roles: data.roles,
      retiredAt: null,
    });
  }

  async processRetired(data: ProcessRetiredPayload, transaction: Transaction): Promise<void> {
    await this.applications.within(transaction).retireProcess(data.processKey, new Date(data.at));
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
