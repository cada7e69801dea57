import { Injectable } from '@nestjs/common';
import {
  ROLES,
  WorkflowDeadlineApproaching,
  WorkflowDeadlineBreached,
  WorkflowTaskEscalated,
} from '@onedoor/contracts';
import { addWorkingDays, isClosed, taskPayload } from '../../domain';
import { EngineCaches } from '../engine/engine-caches';
import type { StepJournal } from '../engine/step-journal';
import type { WorkflowChanges } from '../ports';

const SUPERVISOR_ROLE = ROLES.workflowSupervisor;

/**
 * A task's deadline passed: its unit's supervisors are told (events) and it is marked escalated. While it stays
 * open, its process's escalation chain (`onedoor:escalateTo`) takes it on up, one office every
 * `onedoor:escalateEveryWorkingDays`, each told in turn. Before the deadline, when its process asks
 * (`onedoor:warnWorkingDaysBefore`), its office is warned that the deadline is near.
 */
@Injectable()
export class EscalateTaskHandler {
  constructor(private readonly caches: EngineCaches) {}

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
    if (!task || isClosed(task)) return;
    const { escalation } = task;
    const level = escalation?.level ?? (task.escalatedAt ? 1 : 0);
    const chain = escalation?.chain ?? [];
    // Every office of the chain has it already (or, with no chain, its unit's supervisors): once each.
    if (level > chain.length) return;
    const now = new Date();
    const office = level === 0 ? task.unit : chain[level - 1];
    task.escalatedAt ??= now;
    await tx.updateTask(taskId, {
      escalatedAt: task.escalatedAt,
      ...(escalation && { escalation: { ...escalation, level: level + 1 } }),
    });
    const dueAt = (task.dueAt ?? task.escalatedAt).toISOString();
    const where = { instanceId: task.instanceId, taskId, elementId: task.elementId, actor: 'workflow' };
    const payload = taskPayload(task);
    if (level === 0) {
      journal.record({ ...where, action: 'deadline-breached', detail: { dueAt } });
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
    }
    journal.record({ ...where, action: 'escalated', detail: { to: SUPERVISOR_ROLE, office, level: level + 1 } });
    journal.publish(WorkflowTaskEscalated, {
      ...payload,
      escalatedTo: SUPERVISOR_ROLE,
      escalatedToOffice: office,
      level: level + 1,
      reason: 'deadline',
    });
    // The next office of the chain, if the task is still open by then.
    if (escalation && level < chain.length) {
      const next = addWorkingDays(now, escalation.everyWorkingDays, await this.caches.holidayDates(tx));
      await tx.addTimers(task.instanceId, [{ kind: 'task-deadline', elementId: task.elementId, taskId, dueAt: next }]);
    }
  }
}
