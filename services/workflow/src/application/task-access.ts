import type { Caller } from '@onedoor/contracts';
import { canSeeTask, canWorkTask, isClosed, WorkflowError, WorkflowErrorCode, type TaskRecord } from '../domain';
import type { WorkflowChanges } from './ports';

/** A task the caller may see (locked when asked), or TASK_NOT_FOUND: what a caller may not see does not exist. */
export async function visibleTask(tx: WorkflowChanges, id: string, caller: Caller, lock = false): Promise<TaskRecord> {
  const task = await tx.task(id, lock);
  if (!task || !canSeeTask(caller, task)) {
    throw new WorkflowError(WorkflowErrorCode.TASK_NOT_FOUND, `No task ${id}.`);
  }
  return task;
}

/** Refuses a caller who may see but not work the task, and a task that is closed. */
export function assertWorkable(task: TaskRecord, caller: Caller): void {
  if (!canWorkTask(caller, task)) {
    throw new WorkflowError(
      WorkflowErrorCode.NOT_YOUR_UNIT,
      `Task ${task.id} belongs to ${task.unit}, role ${task.role}.`,
    );
  }
  if (isClosed(task)) {
    throw new WorkflowError(WorkflowErrorCode.TASK_CLOSED, `Task ${task.id} is already ${task.state}.`);
  }
}

export const claimedByAnother = (id: string) =>
  new WorkflowError(WorkflowErrorCode.TASK_CLAIMED, `Task ${id} is claimed by another officer.`);
