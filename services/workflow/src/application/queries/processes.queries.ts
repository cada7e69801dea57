import { Injectable } from '@nestjs/common';
import { WorkflowError, WorkflowErrorCode, type DefinitionRecord } from '../../domain';
import { WorkflowStore, type Page } from '../ports';

/** Process definitions: the latest version of each, or every version; one by id or key. */
@Injectable()
export class ProcessQueries {
  constructor(private readonly store: WorkflowStore) {}

  list(page: Page, allVersions: boolean) {
    return this.store.definitions(page, allVersions);
  }

  /** A definition by id (that version) or by key (its latest version); deleted ones only when asked. */
  get(processId: string, includeDeleted = true): Promise<DefinitionRecord> {
    return this.store.transaction(async (tx) => {
      const definition = await tx.findDefinition(processId, includeDeleted);
      if (!definition) {
        throw new WorkflowError(WorkflowErrorCode.DEFINITION_NOT_FOUND, `No process definition ${processId}.`);
      }
      return definition;
    });
  }
}
