import { Injectable } from '@nestjs/common';
import { WorkflowError, WorkflowErrorCode } from '../../domain';
import { WorkflowStore } from '../ports';

/** Every version of a process starts nothing new from now on; running instances finish on theirs. */
@Injectable()
export class DeleteProcessHandler {
  constructor(private readonly store: WorkflowStore) {}

  async execute(processId: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      const definition = await tx.findDefinition(processId, false);
      if (!definition) {
        throw new WorkflowError(WorkflowErrorCode.DEFINITION_NOT_FOUND, `No process definition ${processId}.`);
      }
      await tx.deleteDefinitions(definition.key);
    });
  }
}
