import { Injectable } from '@nestjs/common';
import type { Caller } from '@onedoor/contracts';
import {
  actsNationally,
  assertVariablesSize,
  caseScopeOf,
  mayUseOwned,
  WorkflowError,
  WorkflowErrorCode,
  type InstanceRecord,
} from '../../domain';
import { InstanceEngine } from '../engine/instance-engine';
import { StepJournal } from '../engine/step-journal';
import { WorkflowStore } from '../ports';
import { StartProcess } from './start-process.command';

/**
 * A scoped starter's case is its ministry's (and province's): it names them in the variables or gets them; naming
 * another ministry's is refused, since the case's tasks would go to that ministry's offices.
 */
function caseFor(caller: Caller, variables: Record<string, unknown>): Record<string, unknown> {
  if (actsNationally(caller)) return variables;
  const named = caseScopeOf(variables);
  const conflicts = [
    ...(caller.ministry && variables.ministry !== undefined && named.ministry !== caller.ministry ? ['ministry'] : []),
    ...(caller.province && variables.province !== undefined && named.province !== caller.province ? ['province'] : []),
  ];
  if (conflicts.length) {
    throw new WorkflowError(
      WorkflowErrorCode.OUT_OF_SCOPE,
      `You start cases of your own ${conflicts.join(' and ')} only.`,
      conflicts.map((field) => ({ field: `variables.${field}`, message: `must be ${caller[field as 'ministry']}` })),
    );
  }
  return {
    ...variables,
    ...(caller.ministry && { ministry: caller.ministry }),
    ...(caller.province && { province: caller.province }),
  };
}

/** Starts an instance (or answers with the one its start key started before). */
@Injectable()
export class StartProcessHandler {
  constructor(
    private readonly store: WorkflowStore,
    private readonly engine: InstanceEngine,
  ) {}

  async execute({
    processId,
    startKey,
    businessKey,
    variables,
    startedBy,
    caller,
  }: StartProcess): Promise<InstanceRecord> {
    assertVariablesSize(variables);
    variables = caseFor(caller, variables);
    return this.store.transaction(async (tx) => {
      const definition = await tx.findDefinition(processId, false);
      if (!definition || !mayUseOwned(caller, definition.ministry)) {
        throw new WorkflowError(WorkflowErrorCode.DEFINITION_NOT_FOUND, `No process definition ${processId}.`);
      }
      const journal = new StepJournal();
      const started = await this.engine.start(tx, definition, { startKey, businessKey, variables, startedBy }, journal);
      await journal.flush(tx);
      return started.instance;
    });
  }
}
