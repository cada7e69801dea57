import { hasRole, ROLES, type Caller } from '@onedoor/contracts';
import { WorkflowError, WorkflowErrorCode } from './workflow.error';
import type { TaskRecord } from './workflow.model';

/** Operators, workflow administrators and the blocks that start processes see every instance. */
export const seesEveryInstance = (caller: Caller) =>
  hasRole(caller, ROLES.platformOperator, ROLES.workflowAdmin, ROLES.workflowStarter);

/** An officer works in one unit: their token's `unit` claim. Without one they have no queue. */
export function unitOf(caller: Caller): string {
  if (!caller.unit) {
    throw new WorkflowError(WorkflowErrorCode.NO_UNIT, 'Your sign-in carries no unit: tasks belong to a unit.');
  }
  return caller.unit;
}

export const isSupervisorOf = (caller: Caller, task: Pick<TaskRecord, 'unit' | 'ministry' | 'province'>) =>
  hasRole(caller, ROLES.workflowSupervisor) && caller.unit === task.unit && taskInScope(caller, task);

type TaskScope = Pick<TaskRecord, 'unit' | 'role' | 'ministry' | 'province'>;

/**
 * A unit code is unique only within its ministry and province: an officer's ministry and province claims apply to
 * a task that records them (where both the claim and the task's value exist, they match). The queue's SQL
 * (persistence) applies the same rule.
 */
export function taskInScope(caller: Caller, task: Pick<TaskRecord, 'ministry' | 'province'>): boolean {
  return (
    (!caller.ministry || !task.ministry || caller.ministry === task.ministry) &&
    (!caller.province || !task.province || caller.province === task.province)
  );
}

/** Who may act on a task: its unit's officers with its role, and the unit's supervisors, within their scope. */
export function canWorkTask(caller: Caller, task: TaskScope): boolean {
  return (
    caller.unit === task.unit &&
    taskInScope(caller, task) &&
    (caller.roles.includes(task.role) || hasRole(caller, ROLES.workflowSupervisor))
  );
}

/**
 * Who may see a task: those who may work it; operators and administrators read every task. Anyone else gets 404,
 * as if it did not exist. The queue (a list) shows exactly these.
 */
export function canSeeTask(caller: Caller, task: TaskScope): boolean {
  return hasRole(caller, ROLES.platformOperator, ROLES.workflowAdmin) || canWorkTask(caller, task);
}
