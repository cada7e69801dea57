import type { TaskPayload } from '@onedoor/contracts';
import type { TaskRecord } from './workflow.model';

/** A task's part of every task event: the case, the task, where it is and who has it. */
export function taskPayload(task: TaskRecord): TaskPayload {
  return {
    instanceId: task.instanceId,
    processRef: task.processRef,
    ...(task.businessKey && { businessKey: task.businessKey }),
    at: new Date().toISOString(),
    taskId: task.id,
    elementId: task.elementId,
    name: task.name,
    unit: task.unit,
    role: task.role,
    ...(task.assignee && { assignee: task.assignee }),
    ...(task.dueAt && { dueAt: task.dueAt.toISOString() }),
  };
}

/** A completed or cancelled task takes no more work. */
export const isClosed = (task: Pick<TaskRecord, 'state'>) => task.state === 'completed' || task.state === 'cancelled';
