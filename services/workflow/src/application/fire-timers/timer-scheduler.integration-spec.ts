import { WorkflowDeadlineBreached, WorkflowTaskEscalated } from '@onedoor/contracts';
import { admin, workflowTestBed } from '../../../test/use-case-harness';
import { PublishProcess } from '../publish-process/publish-process.command';
import { PublishProcessHandler } from '../publish-process/publish-process.handler';

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

  it('takes a task still open up its escalation chain, one office every so many working days, then stops', async () => {
    await publishOneTask(
      'escalation-chain',
      'onedoor:unit="${environment.variables.unit}" onedoor:dueInWorkingDays="3" ' +
        'onedoor:escalateTo="${environment.variables.ministry}, PMO" onedoor:escalateEveryWorkingDays="2"',
    );
    const instance = await bed.uc.start('escalation-chain', { unit: 'MOIC-VTE', ministry: 'MOIC' });
    const escalations: unknown[] = [];
    for (let round = 0; round < 4; round++) {
      const [{ waiting }] = await bed.uc.sql(
        `SELECT count(*)::int AS waiting FROM workflow.timers
          WHERE instance_id = $1 AND kind = 'task-deadline' AND fired_at IS NULL`,
        [instance.id],
      );
      if (!waiting) break;
      await bed.uc.sql(
        `UPDATE workflow.timers SET due_at = now() - interval '1 minute'
          WHERE instance_id = $1 AND kind = 'task-deadline' AND fired_at IS NULL`,
        [instance.id],
      );
      await bed.uc.timers().round();
      const [event] = await bed.uc.sql(
        `SELECT payload FROM workflow.outbox WHERE event_type = $1 ORDER BY seq DESC LIMIT 1`,
        [WorkflowTaskEscalated.type],
      );
      escalations.push(event.payload);
    }
    expect(escalations).toEqual([
      expect.objectContaining({ unit: 'MOIC-VTE', escalatedToOffice: 'MOIC-VTE', level: 1, reason: 'deadline' }),
      expect.objectContaining({ unit: 'MOIC-VTE', escalatedToOffice: 'MOIC', level: 2 }),
      expect.objectContaining({ unit: 'MOIC-VTE', escalatedToOffice: 'PMO', level: 3 }),
    ]);
    const [{ breached }] = await bed.uc.sql(
      `SELECT count(*)::int AS breached FROM workflow.outbox WHERE event_type = $1 AND payload->>'instanceId' = $2`,
      [WorkflowDeadlineBreached.type, instance.id],
    );
    expect(breached).toBe(1);
  });

  it('refuses a chain without a deadline, or escalating every 0 days', async () => {
    const publish = (attributes: string) =>
      publishOneTask(`bad-chain-${Math.random().toString(36).slice(2)}`, attributes);
    await expect(publish('onedoor:escalateTo="PMO"')).rejects.toThrow(/escalateTo needs dueInWorkingDays/);
    await expect(
      publish('onedoor:dueInWorkingDays="3" onedoor:escalateTo="PMO" onedoor:escalateEveryWorkingDays="0"'),
    ).rejects.toThrow(/escalateEveryWorkingDays must be at least 1/);
  });
});

/** Publishes a process of one task (its `onedoor:` attributes given) between its start and its end. */
function publishOneTask(processId: string, attributes: string) {
  return new PublishProcessHandler(bed.uc.store).execute(
    PublishProcess.create({
      caller: admin,
      bpmn: `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:onedoor="https://onedoor.gov.la/bpmn"
                  id="${processId}-definitions" targetNamespace="https://onedoor.gov.la/processes">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:userTask id="check" name="Check" onedoor:role="registration.reviewer" ${attributes} />
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`,
    }),
  );
}
