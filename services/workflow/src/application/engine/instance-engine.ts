import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { WorkflowInstanceStarted } from '@onedoor/contracts';
import {
  addWorkingDays,
  runStep,
  StepAborted,
  WorkflowError,
  WorkflowErrorCode,
  type CompiledDefinition,
  type DefinitionRecord,
  type InstanceRecord,
  type StepAction,
  type StepResult,
} from '../../domain';
import { EndpointCaller, type WorkflowChanges } from '../ports';
import { EngineCaches } from './engine-caches';
import { StepEffects, caseFields, type StepOptions } from './step-effects';
import { StepJournal } from './step-journal';

export interface StartRequest {
  /** What started it: a retried start with the same key returns the first instance. */
  startKey: string;
  businessKey?: string;
  variables: Record<string, unknown>;
  startedBy: string;
  causationId?: string;
}

/** The start key was used already (a retried start): nothing of this start is kept. */
class AlreadyStarted extends Error {}

/**
 * Runs process instances: every step (start, a task completed, a message, due timers) runs in the caller's
 * transaction with the instance row locked, and writes the engine's new state, the user tasks, timers and
 * message waits it now has, the audit trail and its events together (StepEffects). A crash loses nothing that
 * committed and repeats nothing that did: a step that did not commit runs again from the last saved state.
 */
@Injectable()
export class InstanceEngine {
  constructor(
    private readonly caches: EngineCaches,
    private readonly calls: EndpointCaller,
    private readonly effects: StepEffects,
  ) {}

  /** Starts an instance of this definition version, or returns the one its start key already started. */
  async start(
    tx: WorkflowChanges,
    definition: DefinitionRecord,
    request: StartRequest,
    journal: StepJournal,
  ): Promise<{ instance: InstanceRecord; created: boolean }> {
    // The common case is a new start: run it, and find out at the insert whether its start key was used already.
    const own = new StepJournal();
    try {
      const instance = await this.startNew(tx, definition, request, own);
      journal.absorb(own);
      return { instance, created: true };
    } catch (error) {
      if (!(error instanceof AlreadyStarted)) throw error;
      return { instance: await tx.instanceByStartKey(request.startKey), created: false };
    }
  }

  private async startNew(
    tx: WorkflowChanges,
    definition: DefinitionRecord,
    request: StartRequest,
    journal: StepJournal,
  ): Promise<InstanceRecord> {
    const compiled = await this.caches.compiledOf(tx, definition);
    const id = randomUUID();
    const processRef = `${definition.key}:${definition.version}`;
    const result = await this.step(
      tx,
      compiled,
      null,
      { kind: 'start', variables: request.variables },
      { id, processRef, businessKey: request.businessKey ?? null },
      `start:${request.startKey}`,
    );
    const now = new Date();
    const sla = compiled.summary.slaWorkingDays;
    const instance: InstanceRecord = {
      id,
      definitionId: definition.id,
      processRef,
      businessKey: request.businessKey ?? null,
      startKey: request.startKey,
      state: 'running',
      variables: request.variables,
      engineState: null,
      revision: 0,
      startedBy: request.startedBy,
      dueAt: sla !== undefined ? addWorkingDays(now, sla, await this.caches.holidayDates(tx)) : null,
      reason: null,
      startedAt: now,
      updatedAt: now,
      endedAt: null,
    };
    const options = { causationId: request.causationId };
    journal.record({
      instanceId: instance.id,
      action: 'started',
      actor: request.startedBy,
      detail: { startKey: request.startKey },
    });
    journal.publish(
      WorkflowInstanceStarted,
      {
        ...caseFields(instance),
        startedBy: request.startedBy,
        ...(instance.dueAt && { dueAt: instance.dueAt.toISOString() }),
      },
      options,
    );
    const step = { instance, compiled, result, actor: request.startedBy, journal, options };
    if (result.ended) {
      // Nothing else of a new instance exists yet: write it ended, in one go.
      this.effects.journalEffects(step);
      this.effects.markEnded(instance, result);
      instance.endedAt = new Date();
      await this.insert(tx, instance);
      this.effects.journalEnd(step);
      return instance;
    }
    this.effects.journalEffects(step);
    instance.engineState = result.state;
    await this.insert(tx, instance);
    await this.effects.writeWaits(tx, step, true);
    if (instance.dueAt) await tx.addTimers(instance.id, [{ kind: 'instance-deadline', dueAt: instance.dueAt }]);
    return instance;
  }

  private async insert(tx: WorkflowChanges, instance: InstanceRecord) {
    instance.updatedAt = new Date();
    if (!(await tx.insertInstance(instance))) throw new AlreadyStarted();
  }

  /** Runs the engine for a step; a call that did not get through abandons the step (CALL_FAILED, 502). */
  private async step(
    tx: WorkflowChanges,
    compiled: CompiledDefinition,
    state: Record<string, unknown> | null,
    action: StepAction,
    instance: Pick<InstanceRecord, 'id' | 'processRef' | 'businessKey'>,
    stepKey: string,
  ): Promise<StepResult> {
    try {
      const call = this.calls.callerFor(tx, instance, stepKey);
      return await runStep(compiled, state, action, this.caches.router(tx), call);
    } catch (error) {
      if (error instanceof StepAborted) {
        throw new WorkflowError(WorkflowErrorCode.CALL_FAILED, `The step was not taken: ${error.message}. Try again.`);
      }
      throw error;
    }
  }

  /** Locks an instance for a step; INSTANCE_NOT_FOUND when unknown (undefined instead, when `skipLocked`). */
  async lock(tx: WorkflowChanges, instanceId: string, skipLocked = false): Promise<InstanceRecord | undefined> {
    const instance = await tx.lockInstance(instanceId, skipLocked);
    if (!instance && skipLocked) return undefined;
    if (!instance) {
      throw new WorkflowError(WorkflowErrorCode.INSTANCE_NOT_FOUND, `No process instance ${instanceId}.`);
    }
    return instance;
  }

  /** One step of a locked, running instance. */
  async advance(
    tx: WorkflowChanges,
    instance: InstanceRecord,
    action: StepAction,
    actor: string,
    journal: StepJournal,
    options: StepOptions = {},
  ): Promise<StepResult> {
    if (instance.state !== 'running') {
      throw new WorkflowError(WorkflowErrorCode.INSTANCE_ENDED, `The instance has ${instance.state}.`);
    }
    const compiled = await this.caches.compiledOf(tx, instance.definitionId);
    const stepKey = `${instance.id}:${instance.revision}`;
    const result = await this.step(tx, compiled, instance.engineState, action, instance, stepKey);
    const step = { instance, compiled, result, actor, journal, options };
    this.effects.journalEffects(step);
    if (result.ended) {
      this.effects.markEnded(instance, result);
      await this.end(tx, instance, actor, journal, options);
      return result;
    }
    instance.engineState = result.state;
    await this.update(tx, instance);
    await this.effects.writeWaits(tx, step, false);
    return result;
  }

  /**
   * Delivers a message to every instance waiting for it with this correlation key (the case's business key).
   * Returns the instances it moved on; a message nobody waits for moves nothing.
   */
  async deliverMessage(
    tx: WorkflowChanges,
    name: string,
    correlationKey: string,
    variables: Record<string, unknown>,
    actor: string,
    causationId?: string,
    /** Which waiting instances the sender may move (all when absent: the blocks' own events). */
    movable: (instance: InstanceRecord) => boolean = () => true,
  ): Promise<string[]> {
    const delivered: string[] = [];
    const journal = new StepJournal();
    for (const instanceId of await tx.waitingInstances(name, correlationKey)) {
      const instance = (await this.lock(tx, instanceId))!;
      // Read again under the lock: another replica may have delivered it meanwhile.
      const elementId = await tx.waitElement(instanceId, name);
      if (!elementId || instance.state !== 'running' || !movable(instance)) continue;
      journal.record({ instanceId, action: 'message', elementId, actor, detail: { name } });
      await this.advance(tx, instance, { kind: 'message', elementId, variables }, actor, journal, { causationId });
      delivered.push(instanceId);
    }
    await journal.flush(tx);
    return delivered;
  }

  /** Stops a running instance: its tasks are cancelled and its timers and waits removed. */
  async stop(
    tx: WorkflowChanges,
    instance: InstanceRecord,
    actor: string,
    reason: string | undefined,
    journal: StepJournal,
  ) {
    if (instance.state !== 'running') {
      throw new WorkflowError(WorkflowErrorCode.INSTANCE_ENDED, `The instance has already ${instance.state}.`);
    }
    instance.state = 'stopped';
    instance.reason = reason ?? null;
    await this.end(tx, instance, actor, journal, {});
  }

  private async end(
    tx: WorkflowChanges,
    instance: InstanceRecord,
    actor: string,
    journal: StepJournal,
    options: { causationId?: string },
  ) {
    instance.engineState = null;
    instance.endedAt = new Date();
    // Open tasks are cancelled, pending timers and message waits go: one statement.
    await tx.endInstanceWork(instance.id);
    this.effects.journalEnd({ instance, actor, journal, options });
    await this.update(tx, instance);
  }

  private async update(tx: WorkflowChanges, instance: InstanceRecord) {
    instance.updatedAt = new Date();
    instance.revision += 1;
    await tx.updateInstance(instance);
  }
}
