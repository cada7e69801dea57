import { Injectable } from '@nestjs/common';
import { WorkflowTaskClaimed, type TaskPayload } from '@onedoor/contracts';
import { taskPayload, type TaskRecord } from '../../domain';
import { StepJournal } from '../engine/step-journal';
import { WorkflowStore } from '../ports';
import { assertWorkable, claimedByAnother, visibleTask } from '../task-access';
import { ClaimTask } from './claim-task.command';

/** Claims the task for the officer (again: nothing changes); someone else's claim is refused. */
@Injectable()
export class ClaimTaskHandler {
  constructor(private readonly store: WorkflowStore) {}

  execute({ taskId: id, caller }: ClaimTask): Promise<TaskRecord> {
    return this.store.transaction(async (tx) => {
      const task = await visibleTask(tx, id, caller, true);
      assertWorkable(task, caller);
      if (task.state === 'claimed') {
        if (task.assignee === caller.sub) return task;
        throw claimedByAnother(id);
      }
      task.state = 'claimed';
      task.assignee = caller.sub;
      await tx.updateTask(id, { state: 'claimed', assignee: caller.sub });
      const journal = new StepJournal();
      journal.record({
        instanceId: task.instanceId,
        taskId: id,
        action: 'task-claimed',
        elementId: task.elementId,
        actor: caller.sub,
      });
      journal.publish(WorkflowTaskClaimed, taskPayload(task) as TaskPayload & { assignee: string });
      await journal.flush(tx);
      return task;
    });
  }
}
