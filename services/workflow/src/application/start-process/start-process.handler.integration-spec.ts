import {
  WorkflowCaseRouted,
  WorkflowInstanceCompleted,
  WorkflowInstanceStarted,
  WorkflowStatusChanged,
  WorkflowTaskCreated,
} from '@onedoor/contracts';
import { WorkflowErrorCode as Code } from '../../domain';
import { refusal, workflowTestBed } from '../../../test/use-case-harness';

const bed = workflowTestBed(async (uc) => {
  await uc.publish('three-steps.bpmn');
  await uc.publish('business-licence.bpmn');
  return {};
});

describe('starting a process', () => {
  it('runs the automated steps to the end in one go, with their history and events', async () => {
    const before = (await bed.uc.outbox()).length;
    const instance = await bed.uc.start('three-steps');
    expect(instance.state).toBe('completed');
    expect((await bed.uc.outbox()).slice(before)).toEqual([
      WorkflowInstanceStarted.type,
      WorkflowStatusChanged.type,
      WorkflowCaseRouted.type,
      WorkflowStatusChanged.type,
      WorkflowInstanceCompleted.type,
    ]);
  });

  it('stops at a user task at the office the case is routed to, with its deadline', async () => {
    const instance = await bed.uc.start('business-licence');
    expect(instance.state).toBe('running');
    const tasks = await bed.uc.sql(
      `SELECT name, unit, state, due_at IS NOT NULL AS due FROM workflow.tasks WHERE instance_id = $1`,
      [instance.id],
    );
    expect(tasks).toEqual([{ name: 'Review the application', unit: 'MOIC-VTE', state: 'open', due: true }]);
    const timers = await bed.uc.sql(`SELECT kind FROM workflow.timers WHERE instance_id = $1 ORDER BY kind`, [
      instance.id,
    ]);
    expect(timers).toEqual([{ kind: 'instance-deadline' }, { kind: 'task-deadline' }]);
    expect(await bed.uc.outbox()).toContain(WorkflowTaskCreated.type);
  });

  it('starts once per start key, and refuses what it cannot start', async () => {
    const first = await bed.uc.start('business-licence', {}, 'same-key');
    const again = await bed.uc.start('business-licence', {}, 'same-key');
    expect(again.id).toBe(first.id);
    expect(await bed.uc.sql(`SELECT count(*)::int AS n FROM workflow.instances WHERE start_key = 'same-key'`)).toEqual([
      { n: 1 },
    ]);
    await refusal(bed.uc.start('business-licence', { notes: 'x'.repeat(70_000) }), Code.VARIABLES_TOO_LARGE);
    await refusal(bed.uc.start('no-such-process'), Code.DEFINITION_NOT_FOUND);
    // A case no routing rule covers fails at its routing step: the instance is kept, failed, with the reason.
    const unrouted = await bed.uc.start('business-licence', { province: 'XK' });
    expect([unrouted.state, unrouted.reason]).toEqual(['failed', expect.stringContaining('route')]);
  });
});
