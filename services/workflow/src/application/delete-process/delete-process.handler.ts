import { Injectable } from '@nestjs/common';
import { WorkflowProcessRetired, type Caller } from '@onedoor/contracts';
import { mayChangeOwned, WorkflowError, WorkflowErrorCode } from '../../domain';
import { StepJournal } from '../engine/step-journal';
import { WorkflowStore } from '../ports';

/**
 * Every version of a process starts nothing new from now on; running instances finish on theirs. Another ministry's
 * process is not there for a scoped administrator.
 */
@Injectable()
export class DeleteProcessHandler {
  constructor(private readonly store: WorkflowStore) {}

  async execute(processId: string, caller: Caller): Promise<void> {
    await this.store.transaction(async (tx) => {
      const definition = await tx.findDefinition(processId, false);
      if (!definition || !mayChangeOwned(caller, definition.ministry)) {
        throw new WorkflowError(WorkflowErrorCode.DEFINITION_NOT_FOUND, `No process definition ${processId}.`);
      }
      await tx.deleteDefinitions(definition.key);
      const journal = new StepJournal();
      journal.publish(WorkflowProcessRetired, { processKey: definition.key, at: new Date().toISOString() });
      await journal.flush(tx);
    });
  }
}
