import { Injectable } from '@nestjs/common';
import { WorkflowTaskCompleted } from '@onedoor/contracts';
import { assertVariablesSize, taskPayload, WorkflowError, WorkflowErrorCode, type TaskRecord } from '../../domain';
import { InstanceEngine } from '../engine/instance-engine';
import { StepJournal } from '../engine/step-journal';
import { WorkflowStore } from '../ports';
import { assertWorkable, claimedByAnother, visibleTask } from '../task-access';
import { CompleteTask } from './complete-task.command';

const MAX_TASK_VARIABLES_BYTES = 16_000;

/**
 * Completes a task with an outcome it accepts; the instance moves on in the same transaction. The instance is
 * locked first, then the task: the order every writer follows.
 */
@Injectable()
export class CompleteTaskHandler {
  constructor(
    private readonly store: WorkflowStore,
    private readonly engine: InstanceEngine,
  ) {}

  async execute({ taskId: id, caller, outcome, comment, variables = {} }: CompleteTask): Promise<TaskRecord> {
    assertVariablesSize(variables, MAX_TASK_VARIABLES_BYTES);
    return this.store.transaction(async (tx) => {
      const seen = await visibleTask(tx, id, caller);
      const instance = (await this.engine.lock(tx, seen.instanceId))!;
      const task = await visibleTask(tx, id, caller, true);
      assertWorkable(task, caller);
      if (task.state === 'claimed' && task.assignee !== caller.sub) throw claimedByAnother(id);
      if (!task.outcomes.length) {
        throw new WorkflowError(
          WorkflowErrorCode.MOVED_BY_EVENTS,
          `Task ${id} is not completed here: its case's steps, taken in the block that owns the case, move it.`,
        );
      }
      if (!task.outcomes.includes(outcome)) {
        throw new WorkflowError(
          WorkflowErrorCode.OUTCOME_NOT_ACCEPTED,
          `Task ${id} accepts ${task.outcomes.join(', ')}, not ${outcome}.`,
          [{ field: 'outcome', message: `one of ${task.outcomes.join(', ')}` }],
        );
      }
      task.state = 'completed';
      task.assignee = task.assignee ?? caller.sub;
      task.outcome = outcome;
      task.comment = comment ?? null;
      task.completedBy = caller.sub;
      task.completedAt = new Date();
      await tx.updateTask(id, {
        state: 'completed',
        assignee: task.assignee,
        outcome,
        comment: task.comment,
        completedBy: caller.sub,
        completedAt: task.completedAt,
      });
      const journal = new StepJournal();
      journal.record({
        instanceId: task.instanceId,
        taskId: id,
        action: 'task-completed',
        elementId: task.elementId,
        actor: caller.sub,
        detail: { outcome, ...(comment && { comment }) },
      });
      journal.publish(WorkflowTaskCompleted, { ...taskPayload(task), outcome, completedBy: caller.sub });
      await this.engine.advance(
        tx,
        instance,
        {
          kind: 'complete-task',
          elementId: task.elementId,
          executionId: task.executionId,
          variables: { ...variables, outcome, ...(comment && { comment }) },
        },
        caller.sub,
        journal,
        comment ? { comment } : {},
      );
      await journal.flush(tx);
      return task;
    });
  }
}
