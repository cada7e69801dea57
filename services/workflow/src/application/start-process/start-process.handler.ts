import { Injectable } from '@nestjs/common';
import { assertVariablesSize, WorkflowError, WorkflowErrorCode, type InstanceRecord } from '../../domain';
import { InstanceEngine } from '../engine/instance-engine';
import { StepJournal } from '../engine/step-journal';
import { WorkflowStore } from '../ports';
import { StartProcess } from './start-process.command';

/** Starts an instance (or answers with the one its start key started before). */
@Injectable()
export class StartProcessHandler {
  constructor(
    private readonly store: WorkflowStore,
    private readonly engine: InstanceEngine,
  ) {}

  async execute({ processId, startKey, businessKey, variables, startedBy }: StartProcess): Promise<InstanceRecord> {
    assertVariablesSize(variables);
    return this.store.transaction(async (tx) => {
      const definition = await tx.findDefinition(processId, false);
      if (!definition) {
        throw new WorkflowError(WorkflowErrorCode.DEFINITION_NOT_FOUND, `No process definition ${processId}.`);
      }
      const journal = new StepJournal();
      const started = await this.engine.start(tx, definition, { startKey, businessKey, variables, startedBy }, journal);
      await journal.flush(tx);
      return started.instance;
    });
  }
}
