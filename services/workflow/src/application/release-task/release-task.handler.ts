import { Injectable } from '@nestjs/common';
import { isSupervisorOf, type TaskRecord } from '../../domain';
import { ClaimTask } from '../claim-task/claim-task.command';
import { StepJournal } from '../engine/step-journal';
import { WorkflowStore } from '../ports';
import { assertWorkable, claimedByAnother, visibleTask } from '../task-access';

/** Puts a claimed task back in the queue: the officer who has it, or the unit's supervisor. */
@Injectable()
export class ReleaseTaskHandler {
  constructor(private readonly store: WorkflowStore) {}

  /** Takes ClaimTask's command: the same task and caller, the other way. */
  execute({ taskId: id, caller }: ClaimTask): Promise<TaskRecord> {
    return this.store.transaction(async (tx) => {
      const task = await visibleTask(tx, id, caller, true);
      assertWorkable(task, caller);
      if (task.state !== 'claimed') return task;
      if (task.assignee !== caller.sub && !isSupervisorOf(caller, task)) throw claimedByAnother(id);
      task.state = 'open';
      task.assignee = null;
      await tx.updateTask(id, { state: 'open', assignee: null });
      const journal = new StepJournal();
      journal.record({
        instanceId: task.instanceId,
        taskId: id,
        action: 'task-released',
        elementId: task.elementId,
        actor: caller.sub,
      });
      await journal.flush(tx);
      return task;
    });
  }
}
