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

export const isSupervisorOf = (caller: Caller, unit: string) =>
  hasRole(caller, ROLES.workflowSupervisor) && caller.unit === unit;

/**
 * Who may see a task: its unit's officers holding its role, and the unit's supervisors; operators and
 * administrators read every task. Anyone else gets 404, as if it did not exist.
 */
export function canSeeTask(caller: Caller, task: Pick<TaskRecord, 'unit' | 'role'>): boolean {
  if (hasRole(caller, ROLES.platformOperator, ROLES.workflowAdmin)) return true;
  return caller.unit === task.unit && (caller.roles.includes(task.role) || hasRole(caller, ROLES.workflowSupervisor));
}

/** Who may act on a task: its unit's officers with its role, and the unit's supervisors. */
export function canWorkTask(caller: Caller, task: Pick<TaskRecord, 'unit' | 'role'>): boolean {
  return caller.unit === task.unit && (caller.roles.includes(task.role) || hasRole(caller, ROLES.workflowSupervisor));
}
