import { WorkflowDeadlineBreached, WorkflowTaskEscalated } from '@onedoor/contracts';
import { workflowTestBed } from '../../../test/use-case-harness';

const bed = workflowTestBed(async (uc) => {
  await uc.publish('wait-until.bpmn');
  await uc.publish('business-licence.bpmn');
  return {};
});

describe('firing timers', () => {
  it('resumes an instance whose timer is due, once, and leaves a timer not yet due', async () => {
    const due = await bed.uc.start('wait-until', { fireAt: new Date(Date.now() + 1_000).toISOString() });
    const later = await bed.uc.start('wait-until', { fireAt: new Date(Date.now() + 3_600_000).toISOString() });
    const timers = bed.uc.timers();
    expect((await timers.round()).fired).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await timers.round()).fired).toBeGreaterThanOrEqual(1);
    const states = await bed.uc.sql(`SELECT id, state FROM workflow.instances WHERE id = ANY($1)`, [
      [due.id, later.id],
    ]);
    expect(Object.fromEntries(states.map((r) => [r.id, r.state]))).toEqual({
      [due.id]: 'completed',
      [later.id]: 'running',
    });
    const again = await timers.round();
    expect(again.fired).toBe(0);
    expect(again.next?.getTime()).toBeGreaterThan(Date.now());
  });

  it("escalates a task whose deadline passed to its unit's supervisors, once", async () => {
    const instance = await bed.uc.start('business-licence');
    await bed.uc.sql(
      `UPDATE workflow.timers SET due_at = now() - interval '1 minute' WHERE instance_id = $1 AND kind = 'task-deadline'`,
      [instance.id],
    );
    const before = (await bed.uc.outbox()).length;
    await bed.uc.timers().round();
    expect((await bed.uc.outbox()).slice(before)).toEqual([WorkflowDeadlineBreached.type, WorkflowTaskEscalated.type]);
    expect(
      await bed.uc.sql(`SELECT escalated_at IS NOT NULL AS escalated FROM workflow.tasks WHERE instance_id = $1`, [
        instance.id,
      ]),
    ).toEqual([{ escalated: true }]);
  });
});
