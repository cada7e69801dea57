import { WorkflowTaskClaimed, WorkflowTaskCompleted } from '@onedoor/contracts';
import { WorkflowErrorCode as Code } from '../../domain';
import { refusal, reviewer, workflowTestBed } from '../../../test/use-case-harness';
import { ClaimTask } from '../claim-task/claim-task.command';
import { ClaimTaskHandler } from '../claim-task/claim-task.handler';
import { ReassignTask } from '../reassign-task/reassign-task.command';
import { ReassignTaskHandler } from '../reassign-task/reassign-task.handler';
import { ReleaseTaskHandler } from '../release-task/release-task.handler';
import { TaskQueries } from '../queries/tasks.queries';
import { CompleteTask } from './complete-task.command';
import { CompleteTaskHandler } from './complete-task.handler';

const bed = workflowTestBed(async (uc) => {
  await uc.publish('business-licence.bpmn');
  return {
    claim: new ClaimTaskHandler(uc.store),
    release: new ReleaseTaskHandler(uc.store),
    complete: new CompleteTaskHandler(uc.store, uc.engine),
    reassign: new ReassignTaskHandler(uc.store),
    queries: new TaskQueries(uc.store),
  };
});

async function reviewTask() {
  const instance = await bed.uc.start('business-licence');
  const [task] = await bed.uc.sql<{ id: string }>(`SELECT id FROM workflow.tasks WHERE instance_id = $1`, [
    instance.id,
  ]);
  return { instance, taskId: task.id };
}

describe("officers' work on tasks", () => {
  it("applies an officer's ministry and province to a task by id and in the queue: a unit code elsewhere is not theirs", async () => {
    const instance = await bed.uc.start('business-licence', { ministry: 'MOIC', province: 'VTE' });
    const [task] = await bed.uc.sql<{ id: string; ministry: string; province: string }>(
      `SELECT id, ministry, province FROM workflow.tasks WHERE instance_id = $1`,
      [instance.id],
    );
    expect([task.ministry, task.province]).toEqual(['MOIC', 'VTE']);
    const page = { limit: 100, offset: 0 };
    const queueOf = async (caller: Parameters<TaskQueries['queue']>[0]) =>
      (await bed.queries.queue(caller, {}, page))[0].map((t) => t.id);
    // The same unit code, in another province or another ministry: neither sees nor works the task.
    for (const elsewhere of [
      { ...reviewer('bounmy'), province: 'LPB' },
      { ...reviewer('bounmy'), ministry: 'MOH' },
      { ...reviewer('bounmy'), province: 'LPB', roles: ['workflow.supervisor'] },
    ]) {
      await refusal(bed.queries.get(elsewhere, task.id), Code.TASK_NOT_FOUND);
      await refusal(bed.claim.execute(ClaimTask.create({ taskId: task.id, caller: elsewhere })), Code.TASK_NOT_FOUND);
      expect(await queueOf(elsewhere)).not.toContain(task.id);
    }
    const here = { ...reviewer('khamla'), ministry: 'MOIC', province: 'VTE' };
    expect((await bed.queries.get(here, task.id)).id).toBe(task.id);
    expect(await queueOf(here)).toContain(task.id);
    expect((await bed.claim.execute(ClaimTask.create({ taskId: task.id, caller: here }))).assignee).toBe('khamla');
  });

  it('one officer claims; the other is refused; the claim is released and taken again', async () => {
    const { taskId } = await reviewTask();
    const khamla = reviewer('khamla');
    const noy = reviewer('noy');
    const before = (await bed.uc.outbox()).length;
    expect((await bed.claim.execute(ClaimTask.create({ taskId, caller: khamla }))).assignee).toBe('khamla');
    expect((await bed.uc.outbox()).slice(before)).toEqual([WorkflowTaskClaimed.type]);
    await refusal(bed.claim.execute(ClaimTask.create({ taskId, caller: noy })), Code.TASK_CLAIMED);
    await refusal(
      bed.complete.execute(CompleteTask.create({ taskId, caller: noy, outcome: 'approve' })),
      Code.TASK_CLAIMED,
    );
    await refusal(bed.release.execute(ClaimTask.create({ taskId, caller: noy })), Code.TASK_CLAIMED);
    expect((await bed.release.execute(ClaimTask.create({ taskId, caller: khamla }))).state).toBe('open');
    expect((await bed.claim.execute(ClaimTask.create({ taskId, caller: noy }))).assignee).toBe('noy');
  });

  it('completes a task with an outcome it accepts, and the process moves on to wait for the fee', async () => {
    const { instance, taskId } = await reviewTask();
    await refusal(
      bed.complete.execute(CompleteTask.create({ taskId, caller: reviewer(), outcome: 'maybe' })),
      Code.OUTCOME_NOT_ACCEPTED,
    );
    const done = await bed.complete.execute(
      CompleteTask.create({ taskId, caller: reviewer(), outcome: 'approve', comment: 'Complete.' }),
    );
    expect([done.state, done.outcome, done.completedBy]).toEqual(['completed', 'approve', 'khamla']);
    expect(await bed.uc.outbox()).toContain(WorkflowTaskCompleted.type);
    expect(
      await bed.uc.sql(`SELECT message_name FROM workflow.message_waits WHERE instance_id = $1`, [instance.id]),
    ).toEqual([{ message_name: 'registration.fee-paid' }]);
    await refusal(
      bed.complete.execute(CompleteTask.create({ taskId, caller: reviewer(), outcome: 'approve' })),
      Code.TASK_CLOSED,
    );
  });

  it('does not show a task outside the officer’s unit; only a supervisor reassigns', async () => {
    const { taskId } = await reviewTask();
    await refusal(
      bed.claim.execute(ClaimTask.create({ taskId, caller: reviewer('outsider', 'MOH-VTE') })),
      Code.TASK_NOT_FOUND,
    );
    await refusal(
      bed.reassign.execute(ReassignTask.create({ taskId, caller: reviewer(), unit: 'MOIC-LPB' })),
      Code.NOT_SUPERVISOR,
    );
    const supervisor = { sub: 'chief', roles: ['workflow.supervisor'], unit: 'MOIC-VTE' };
    await refusal(bed.reassign.execute(ReassignTask.create({ taskId, caller: supervisor })), Code.VALIDATION_FAILED);
    const moved = await bed.reassign.execute(ReassignTask.create({ taskId, caller: supervisor, unit: 'MOIC-LPB' }));
    expect([moved.unit, moved.state]).toEqual(['MOIC-LPB', 'open']);
  });
});
