import { Injectable } from '@nestjs/common';
import {
  ROLES,
  WorkflowDeadlineApproaching,
  WorkflowDeadlineBreached,
  WorkflowTaskEscalated,
} from '@onedoor/contracts';
import { isClosed, taskPayload } from '../../domain';
import type { StepJournal } from '../engine/step-journal';
import type { WorkflowChanges } from '../ports';

const SUPERVISOR_ROLE = ROLES.workflowSupervisor;

/**
 * A task's deadline passed: its unit's supervisors are told (events) and it is marked escalated, once. Before that,
 * when its process asks (`onedoor:warnWorkingDaysBefore`), its office is warned that the deadline is near.
 */
@Injectable()
export class EscalateTaskHandler {
  async warn(tx: WorkflowChanges, taskId: string, journal: StepJournal): Promise<void> {
    const task = await tx.task(taskId, true);
    if (!task || isClosed(task) || task.escalatedAt || !task.dueAt) return;
    journal.record({
      instanceId: task.instanceId,
      taskId,
      elementId: task.elementId,
      actor: 'workflow',
      action: 'deadline-approaching',
      detail: { dueAt: task.dueAt.toISOString() },
    });
    journal.publish(WorkflowDeadlineApproaching, taskPayload(task));
  }

  async execute(tx: WorkflowChanges, taskId: string, journal: StepJournal): Promise<void> {
    const task = await tx.task(taskId, true);
    if (!task || isClosed(task) || task.escalatedAt) return;
    task.escalatedAt = new Date();
    await tx.updateTask(taskId, { escalatedAt: task.escalatedAt });
    const dueAt = (task.dueAt ?? task.escalatedAt).toISOString();
    const where = { instanceId: task.instanceId, taskId, elementId: task.elementId, actor: 'workflow' };
    journal.record({ ...where, action: 'deadline-breached', detail: { dueAt } });
    journal.record({ ...where, action: 'escalated', detail: { to: SUPERVISOR_ROLE } });
    const payload = taskPayload(task);
    journal.publish(WorkflowDeadlineBreached, {
      instanceId: task.instanceId,
      processRef: task.processRef,
      ...(task.businessKey && { businessKey: task.businessKey }),
      at: payload.at,
      scope: 'task',
      taskId,
      unit: task.unit,
      dueAt,
    });
    journal.publish(WorkflowTaskEscalated, { ...payload, escalatedTo: SUPERVISOR_ROLE, reason: 'deadline' });
  }
}
