import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { WorkflowProcessPublished } from '@onedoor/contracts';
import {
  compileDefinition,
  InvalidDefinitionError,
  mayChangeOwned,
  ownerFor,
  WorkflowError,
  WorkflowErrorCode,
  type CompiledDefinition,
  type DefinitionRecord,
} from '../../domain';
import { StepJournal } from '../engine/step-journal';
import { WorkflowStore } from '../ports';
import { PublishProcess } from './publish-process.command';

/**
 * Checks the document (the engine must be able to run it) and keeps it as the process's next version; tells the
 * other blocks it can be started (workflow.process.published).
 */
@Injectable()
export class PublishProcessHandler {
  constructor(private readonly store: WorkflowStore) {}

  async execute({ caller, bpmn, name, description, type, expectedKey }: PublishProcess): Promise<DefinitionRecord> {
    if (typeof bpmn !== 'string' || !bpmn.trim()) {
      throw new WorkflowError(WorkflowErrorCode.VALIDATION_FAILED, 'bpmn: the BPMN 2.0 XML document is required', [
        { field: 'bpmn', message: 'the BPMN 2.0 XML document is required' },
      ]);
    }
    let compiled: CompiledDefinition;
    try {
      compiled = await compileDefinition(bpmn);
    } catch (error) {
      if (!(error instanceof InvalidDefinitionError)) throw error;
      throw new WorkflowError(
        WorkflowErrorCode.INVALID_DEFINITION,
        error.message.slice(0, 2_000),
        error.errors.map((e) => ({ field: e.element, message: e.message })),
      );
    }
    const { key } = compiled.summary;
    if (expectedKey && key !== expectedKey) {
      throw new WorkflowError(
        WorkflowErrorCode.KEY_MISMATCH,
        `The document's process is ${key}, not ${expectedKey}: a new version keeps the process id.`,
        [{ field: key, message: `expected process id ${expectedKey}` }],
      );
    }
    return this.store.transaction(async (tx) => {
      await tx.lockDefinitionKey(key);
      const { latest, next } = await tx.versionsOf(key);
      const current = latest === null ? null : await tx.findDefinition(key, false);
      // Another ministry's process is not there for this administrator (a new key is still taken).
      if (expectedKey && current && !mayChangeOwned(caller, current.ministry)) {
        throw new WorkflowError(WorkflowErrorCode.DEFINITION_NOT_FOUND, `No process definition ${expectedKey}.`);
      }
      if (!expectedKey && latest !== null) {
        throw new WorkflowError(
          WorkflowErrorCode.DEFINITION_EXISTS,
          `Process ${key} exists: PUT /workflow/processes/${key} adds a version.`,
        );
      }
      if (expectedKey && latest === null) {
        throw new WorkflowError(WorkflowErrorCode.DEFINITION_NOT_FOUND, `No process definition ${expectedKey}.`);
      }
      const saved = await tx.saveDefinition({
        id: randomUUID(),
        key,
        version: next,
        name: name ?? compiled.summary.name,
        description: description ?? null,
        type: type ?? 'Private',
        bpmn,
        summary: compiled.summary as unknown as Record<string, unknown>,
        slaWorkingDays: compiled.summary.slaWorkingDays ?? null,
        // A version keeps its process's owner; a new process belongs to its publisher's ministry (null: national).
        ministry: current ? current.ministry : ownerFor(caller),
        createdBy: caller.sub,
        deletedAt: null,
      });
      // Other blocks keep the processes they may name (registration refuses a service naming none).
      const journal = new StepJournal();
      journal.publish(WorkflowProcessPublished, {
        processKey: key,
        version: saved.version,
        name: saved.name.slice(0, 200),
        ...(saved.ministry && { ministry: saved.ministry }),
        roles: [...new Set(Object.values(compiled.summary.userTasks).map((task) => task.role))].sort(),
        at: saved.createdAt.toISOString(),
      });
      await journal.flush(tx);
      return saved;
    });
  }
}
