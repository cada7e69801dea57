import { Injectable } from '@nestjs/common';
import type { Caller } from '@onedoor/contracts';
import { actsNationally, mayUseOwned, WorkflowError, WorkflowErrorCode, type DefinitionRecord } from '../../domain';
import { WorkflowStore, type Page } from '../ports';

/**
 * Process definitions: the latest version of each, or every version; one by id or key. A ministry's administrator
 * or starter sees its ministry's processes and the national ones; another ministry's are not there for it.
 */
@Injectable()
export class ProcessQueries {
  constructor(private readonly store: WorkflowStore) {}

  list(caller: Caller, page: Page, allVersions: boolean) {
    return this.store.definitions(page, allVersions, actsNationally(caller) ? undefined : caller.ministry);
  }

  /** A definition by id (that version) or by key (its latest version); deleted ones only when asked. */
  get(caller: Caller, processId: string, includeDeleted = true): Promise<DefinitionRecord> {
    return this.store.transaction(async (tx) => {
      const definition = await tx.findDefinition(processId, includeDeleted);
      if (!definition || !mayUseOwned(caller, definition.ministry)) {
        throw new WorkflowError(WorkflowErrorCode.DEFINITION_NOT_FOUND, `No process definition ${processId}.`);
      }
      return definition;
    });
  }
}
