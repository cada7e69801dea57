import { randomUUID } from 'node:crypto';
import { RegistrationErrorCode as Code } from '../../domain';
import { citizen, refusal, registrationTestBed, serviceToApplyFor } from '../../../test/use-case-harness';
import { FollowWorkflowHandler } from '../follow-workflow/follow-workflow.handler';
import type { WorkflowGateway } from '../ports';
import { CompleteTask } from './complete-task.command';
import { CompleteTaskHandler } from './complete-task.handler';

/** The workflow block's side, as this block sees it through its port: the decisions it was asked to make. */
const decisions: { taskId: string; authorization: string; decision: unknown }[] = [];
const workflow: WorkflowGateway = {
  async completeTask(taskId, authorization, decision) {
    decisions.push({ taskId, authorization, decision });
  },
};

const bed = registrationTestBed(async (uc) => ({ complete: new CompleteTaskHandler(uc.reads, workflow) }));

describe("completing an officer's task", () => {
  it("passes the officer's decision and token to the workflow block, for a task of the officer's office only", async () => {
    const { apply } = await serviceToApplyFor(bed.uc);
    const { fileId } = await apply(citizen());
    const taskId = randomUUID();
    await bed.uc.inTransaction((tx) =>
      new FollowWorkflowHandler(bed.uc.applications).task(
        { taskId, businessKey: fileId, name: 'Check', unit: 'MOIC-01-LIC', role: 'registration.officer' } as never,
        'open',
        tx,
      ),
    );
    const officer = { sub: 'o1', roles: ['registration.officer'], unit: 'MOIC-01-LIC' };
    const elsewhere = { sub: 'o2', roles: ['registration.officer'], unit: 'MOH-01' };
    const command = (caller: typeof officer, data: Record<string, unknown>) =>
      CompleteTask.create({ taskId, caller, authorization: `Bearer ${caller.sub}`, data });
    await refusal(bed.complete.execute(command(elsewhere, { outcome: 'approve' })), Code.TASK_NOT_FOUND);
    await refusal(bed.complete.execute(command(officer, { comment: 'no outcome' })), Code.VALIDATION_FAILED);
    expect(decisions).toEqual([]);
    const answer = await bed.complete.execute(
      command(officer, { outcome: 'approve', comment: 'Fine.', reviewed: true }),
    );
    expect(answer).toMatchObject({ taskId, fileId, status: { code: 'PENDING' }, variables: { outcome: 'approve' } });
    expect(decisions).toEqual([
      {
        taskId,
        authorization: 'Bearer o1',
        decision: { outcome: 'approve', comment: 'Fine.', variables: { reviewed: true } },
      },
    ]);
  });
});
