import { Injectable } from '@nestjs/common';
import type { Caller } from '@onedoor/contracts';
import {
  assertNational,
  assertReferenceId,
  eventMappingErrors,
  WorkflowError,
  WorkflowErrorCode,
  type EventMappingRecord,
} from '../../domain';
import { WorkflowStore } from '../ports';
import { SaveEventMapping } from './keep-event-mappings.command';

/** Event mappings: declared by the block that owns the event (or an administrator); the next event uses them. */
@Injectable()
export class KeepEventMappingsHandler {
  constructor(private readonly store: WorkflowStore) {}

  async save(command: SaveEventMapping): Promise<EventMappingRecord> {
    // A mapping starts or moves any ministry's cases from any block's events.
    assertNational(command.caller, 'An event mapping');
    assertReferenceId(command.id);
    const errors = eventMappingErrors(command);
    if (errors.length) {
      throw new WorkflowError(
        WorkflowErrorCode.VALIDATION_FAILED,
        errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      );
    }
    const mapping: EventMappingRecord = {
      id: command.id,
      eventType: command.eventType,
      action: command.action,
      processKey: command.action === 'start' ? command.processKey! : null,
      messageName: command.action === 'message' ? command.messageName! : null,
      keyPath: command.keyPath,
      variables: command.variables ?? {},
      when: command.when ?? {},
      declaredBy: command.caller.sub,
    };
    await this.store.saveEventMapping(mapping);
    return mapping;
  }

  async delete(id: string, caller: Caller): Promise<void> {
    assertNational(caller, 'An event mapping');
    if (!(await this.store.deleteEventMapping(id))) {
      throw new WorkflowError(WorkflowErrorCode.MAPPING_NOT_FOUND, `No event mapping ${id}.`);
    }
  }
}
