import { hasRole, ROLES, type Caller } from '@onedoor/contracts';
import { WorkflowError, WorkflowErrorCode } from './workflow.error';
import type { TaskRecord } from './workflow.model';

/**
 * A workflow administrator or starter acts for the whole country, or for one ministry (and province) when the token
 * carries a ministry claim: a civil servant's staff account always does, a service client when it was registered for
 * a ministry. A scoped one acts only on its ministry's processes, routing rules and cases; the data every ministry
 * shares (holidays, endpoints, event mappings) is kept by national administrators.
 */
export const actsNationally = (caller: Caller) => !caller.ministry && !caller.province;

/** Operators, and national workflow administrators and starters (the blocks themselves), see every instance. */
export const seesEveryInstance = (caller: Caller) =>
  hasRole(caller, ROLES.platformOperator) ||
  (hasRole(caller, ROLES.workflowAdmin, ROLES.workflowStarter) && actsNationally(caller));

/** The case of an instance, by its `ministry` and `province` variables. */
export const caseScopeOf = (variables: Record<string, unknown>) => ({
  ministry: typeof variables.ministry === 'string' ? variables.ministry : undefined,
  province: typeof variables.province === 'string' ? variables.province : undefined,
});

/**
 * Whether a workflow administrator or starter may see and act on a case: a national one any case, a scoped one the
 * cases of its ministry (and province) only; a case that names no ministry is national.
 */
export function administersCase(caller: Caller, variables: Record<string, unknown>): boolean {
  if (seesEveryInstance(caller)) return true;
  if (!hasRole(caller, ROLES.workflowAdmin, ROLES.workflowStarter)) return false;
  const scope = caseScopeOf(variables);
  return (
    !!caller.ministry && scope.ministry === caller.ministry && (!caller.province || scope.province === caller.province)
  );
}

/**
 * Whether a workflow administrator oversees a task (reads it, reassigns it): a national one every task, a ministry's
 * the tasks of its ministry's cases (of its province when it has one).
 */
export function administersTask(caller: Caller, task: Pick<TaskRecord, 'ministry' | 'province'>): boolean {
  if (!hasRole(caller, ROLES.workflowAdmin)) return false;
  return (
    actsNationally(caller) ||
    (task.ministry === caller.ministry && (!caller.province || task.province === caller.province))
  );
}

/** The owner a record gets when this caller creates it: its ministry, or null (national). */
export const ownerFor = (caller: Caller): string | null => caller.ministry ?? null;

/** A process or routing rule this caller may change: a national administrator any, a scoped one its ministry's. */
export const mayChangeOwned = (caller: Caller, owner: string | null) =>
  actsNationally(caller) || owner === caller.ministry;

/** A process this caller may read and start: its ministry's, or a national one (a shared process). */
export const mayUseOwned = (caller: Caller, owner: string | null) => owner === null || mayChangeOwned(caller, owner);

/** Shared data (the holiday calendar, endpoints, event mappings) is changed by national administrators only. */
export function assertNational(caller: Caller, what: string): void {
  if (!actsNationally(caller)) {
    throw new WorkflowError(
      WorkflowErrorCode.OUT_OF_SCOPE,
      `${what} is shared by every ministry: a national workflow administrator keeps it.`,
    );
  }
}

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
 * Who may see a task: those who may work it; operators read every task, administrators those they oversee. Anyone
 * else gets 404, as if it did not exist. The queue (a list) shows exactly these.
 */
export function canSeeTask(caller: Caller, task: TaskScope): boolean {
  return hasRole(caller, ROLES.platformOperator) || administersTask(caller, task) || canWorkTask(caller, task);
}
