import { Injectable } from '@nestjs/common';
import { administersCase, WorkflowError, WorkflowErrorCode, type InstanceRecord } from '../../domain';
import { InstanceEngine } from '../engine/instance-engine';
import { StepJournal } from '../engine/step-journal';
import { WorkflowStore, type Transaction } from '../ports';
import { StopInstance } from './stop-instance.command';

/** Stops a running instance: its open tasks are withdrawn, its timers and waits removed. */
@Injectable()
export class StopInstanceHandler {
  constructor(
    private readonly store: WorkflowStore,
    private readonly engine: InstanceEngine,
  ) {}

  execute({ instanceId, caller, reason }: StopInstance): Promise<InstanceRecord> {
    return this.store.transaction(async (tx) => {
      const instance = (await this.engine.lock(tx, instanceId))!;
      // Another ministry's case is not there for a ministry's starter.
      if (!administersCase(caller, instance.variables)) {
        throw new WorkflowError(WorkflowErrorCode.INSTANCE_NOT_FOUND, `No process instance ${instanceId}.`);
      }
      const journal = new StepJournal();
      await this.engine.stop(tx, instance, caller.sub, reason, journal);
      await journal.flush(tx);
      return instance;
    });
  }

  /** Another block asks (workflow.stop.requested): every running instance of the case stops; none is no error. */
  async stopCase(businessKey: string, requestedBy: string, reason: string | undefined, transaction: Transaction) {
    const tx = this.store.within(transaction);
    const journal = new StepJournal();
    for (const id of await tx.runningInstancesOf(businessKey)) {
      const instance = (await this.engine.lock(tx, id))!;
      if (instance.state === 'running') await this.engine.stop(tx, instance, requestedBy, reason, journal);
    }
    await journal.flush(tx);
  }
}
