import { WorkflowInstanceStopped } from '@onedoor/contracts';
import { WorkflowErrorCode as Code } from '../../domain';
import { admin, refusal, workflowTestBed } from '../../../test/use-case-harness';
import { DeliverMessage } from '../deliver-message/deliver-message.command';
import { DeliverMessageHandler } from '../deliver-message/deliver-message.handler';
import { StopInstance } from './stop-instance.command';
import { StopInstanceHandler } from './stop-instance.handler';

const bed = workflowTestBed(async (uc) => {
  await uc.publish('business-licence.bpmn');
  return {
    stop: new StopInstanceHandler(uc.store, uc.engine),
    deliver: new DeliverMessageHandler(uc.store, uc.engine),
  };
});

describe('stopping instances and delivering messages', () => {
  it('stops a running instance: its tasks are withdrawn and its timers go; not twice', async () => {
    const instance = await bed.uc.start('business-licence');
    const stopped = await bed.stop.execute(
      StopInstance.create({ instanceId: instance.id, caller: admin, reason: 'withdrawn' }),
    );
    expect([stopped.state, stopped.reason]).toEqual(['stopped', 'withdrawn']);
    expect(await bed.uc.sql(`SELECT state FROM workflow.tasks WHERE instance_id = $1`, [instance.id])).toEqual([
      { state: 'cancelled' },
    ]);
    expect(
      await bed.uc.sql(`SELECT id FROM workflow.timers WHERE instance_id = $1 AND fired_at IS NULL`, [instance.id]),
    ).toEqual([]);
    expect(await bed.uc.outbox()).toContain(WorkflowInstanceStopped.type);
    await refusal(
      bed.stop.execute(StopInstance.create({ instanceId: instance.id, caller: admin })),
      Code.INSTANCE_ENDED,
    );
    await refusal(
      bed.stop.execute(StopInstance.create({ instanceId: '00000000-0000-4000-8000-000000000000', caller: admin })),
      Code.INSTANCE_NOT_FOUND,
    );
  });

  it('stops every running instance of a case another block asks about, and nothing for an unknown case', async () => {
    const instance = await bed.uc.start('business-licence');
    await bed.uc.inTransaction((tx) => bed.stop.stopCase(instance.businessKey!, 'registration', 'withdrawn', tx));
    await bed.uc.inTransaction((tx) => bed.stop.stopCase('CASE-unknown', 'registration', undefined, tx));
    expect(await bed.uc.sql(`SELECT state FROM workflow.instances WHERE id = $1`, [instance.id])).toEqual([
      { state: 'stopped' },
    ]);
  });

  it('refuses a message nobody waits for', async () => {
    await refusal(
      bed.deliver.execute(
        DeliverMessage.create({
          name: 'registration.fee-paid',
          correlationKey: 'CASE-none',
          actor: 'bank',
          caller: admin,
        }),
      ),
      Code.NO_WAITING_INSTANCE,
    );
  });
});
