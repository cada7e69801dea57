import { Injectable } from '@nestjs/common';
import { WorkflowTaskEscalated } from '@onedoor/contracts';
import {
  administersTask,
  isClosed,
  isSupervisorOf,
  taskPayload,
  WorkflowError,
  WorkflowErrorCode,
  type TaskRecord,
} from '../../domain';
import { StepJournal } from '../engine/step-journal';
import { WorkflowStore } from '../ports';
import { visibleTask } from '../task-access';
import { ReassignTask } from './reassign-task.command';

/** Moves the task to another unit or officer; an escalated task comes back to a normal queue. */
@Injectable()
export class ReassignTaskHandler {
  constructor(private readonly store: WorkflowStore) {}

  execute({ taskId: id, caller, unit, assignee, comment }: ReassignTask): Promise<TaskRecord> {
    return this.store.transaction(async (tx) => {
      const task = await visibleTask(tx, id, caller, true);
      if (!isSupervisorOf(caller, task) && !administersTask(caller, task)) {
        throw new WorkflowError(
          WorkflowErrorCode.NOT_SUPERVISOR,
          `Only a supervisor of ${task.unit} reassigns its tasks.`,
        );
      }
      if (isClosed(task))
        throw new WorkflowError(WorkflowErrorCode.TASK_CLOSED, `Task ${id} is already ${task.state}.`);
      if (!unit && !assignee) {
        throw new WorkflowError(WorkflowErrorCode.VALIDATION_FAILED, 'unit or assignee: give the task to someone', [
          { field: 'unit', message: 'a unit or an assignee is required' },
        ]);
      }
      const from = { unit: task.unit, assignee: task.assignee };
      task.unit = unit ?? task.unit;
      task.assignee = assignee ?? null;
      task.state = assignee ? 'claimed' : 'open';
      await tx.updateTask(id, { unit: task.unit, assignee: task.assignee, state: task.state });
      const journal = new StepJournal();
      journal.record({
        instanceId: task.instanceId,
        taskId: id,
        action: 'task-reassigned',
        elementId: task.elementId,
        actor: caller.sub,
        detail: { from, to: { unit: task.unit, assignee: task.assignee }, ...(comment && { comment }) },
      });
      journal.publish(WorkflowTaskEscalated, {
        ...taskPayload(task),
        escalatedTo: assignee ?? task.role,
        reason: 'reassigned',
      });
      await journal.flush(tx);
      return task;
    });
  }
}
