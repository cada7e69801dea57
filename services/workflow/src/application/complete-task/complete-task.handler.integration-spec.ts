import { WorkflowTaskClaimed, WorkflowTaskCompleted } from '@onedoor/contracts';
import { WorkflowErrorCode as Code } from '../../domain';
import { refusal, reviewer, workflowTestBed } from '../../../test/use-case-harness';
import { ClaimTask } from '../claim-task/claim-task.command';
import { ClaimTaskHandler } from '../claim-task/claim-task.handler';
import { ReassignTask } from '../reassign-task/reassign-task.command';
import { ReassignTaskHandler } from '../reassign-task/reassign-task.handler';
import { ReleaseTaskHandler } from '../release-task/release-task.handler';
import { CompleteTask } from './complete-task.command';
import { CompleteTaskHandler } from './complete-task.handler';

const bed = workflowTestBed(async (uc) => {
  await uc.publish('business-licence.bpmn');
  return {
    claim: new ClaimTaskHandler(uc.store),
    release: new ReleaseTaskHandler(uc.store),
    complete: new CompleteTaskHandler(uc.store, uc.engine),
    reassign: new ReassignTaskHandler(uc.store),
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
