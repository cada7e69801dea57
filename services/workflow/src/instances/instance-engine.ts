import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import {
  WorkflowCaseRouted,
  WorkflowInstanceCompleted,
  WorkflowInstanceStarted,
  WorkflowInstanceStopped,
  WorkflowStatusChanged,
  WorkflowTaskCreated,
} from '@onedoor/contracts';
import { ProblemException } from '@onedoor/http';
import { preparedQuery } from '@onedoor/persistence';
import { compileDefinition, type CompiledDefinition } from '../engine/definition-compiler';
import { SAFE_EXPRESSIONS } from '../engine/expressions';
import { runStep, StepAborted, type Router, type StepAction, type StepResult } from '../engine/process-runner';
import { addWorkingDays } from '../deadlines/working-days';
import { ProcessDefinition, ProcessInstance, type UserTask } from '../workflow.entities';
import { EndpointCalls } from './endpoint-calls';
import { StepJournal } from './step-journal';

export interface StartRequest {
  /** What started it: a retried start with the same key returns the first instance. */
  startKey: string;
  businessKey?: string;
  variables: Record<string, unknown>;
  startedBy: string;
  causationId?: string;
}

const HOLIDAY_CACHE_MS = 60_000;
/** How long a replica keeps the routing table: a changed rule takes effect within this. */
const ROUTING_CACHE_MS = 2_000;

/** The start key was used already (a retried start): nothing of this start is kept. */
class AlreadyStarted extends Error {}

/**
 * Runs process instances: every step (start, a task completed, a message, due timers) runs in the caller's
 * transaction with the instance row locked, and writes the engine's new state, the user tasks, timers and
 * message waits it now has, the audit trail and its events together. A crash loses nothing that committed
 * and repeats nothing that did: a step that did not commit runs again from the last saved state.
 */
@Injectable()
export class InstanceEngine {
  private readonly compiled = new Map<string, Promise<CompiledDefinition>>();
  private holidays?: { at: number; dates: Set<string> };

  constructor(
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
    private readonly calls: EndpointCalls,
  ) {}

  /**
   * A definition version's parsed form, kept in memory: versions never change once saved. Given only the id,
   * the document is read from the database the first time this replica needs it.
   */
  compiledOf(
    manager: EntityManager,
    definition: string | Pick<ProcessDefinition, 'id' | 'bpmn'>,
  ): Promise<CompiledDefinition> {
    const id = typeof definition === 'string' ? definition : definition.id;
    let compiled = this.compiled.get(id);
    if (!compiled) {
      compiled = (
        typeof definition === 'string'
          ? manager.findOneByOrFail(ProcessDefinition, { id }).then((row) => row.bpmn)
          : Promise.resolve(definition.bpmn)
      ).then(compileDefinition);
      compiled.catch(() => this.compiled.delete(id));
      this.compiled.set(id, compiled);
    }
    return compiled;
  }

  forgetHolidays(): void {
    this.holidays = undefined;
  }

  async holidayDates(manager: EntityManager): Promise<Set<string>> {
    if (!this.holidays || Date.now() - this.holidays.at > HOLIDAY_CACHE_MS) {
      const rows: { date: string }[] = await manager.query(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM workflow.holidays`,
      );
      this.holidays = { at: Date.now(), dates: new Set(rows.map((r) => r.date)) };
    }
    return this.holidays.dates;
  }

  /**
   * The routing decision: the most specific rule for (category, province, district). The table is read once
   * per ROUTING_CACHE_MS per category (cases are routed in bursts; rules change rarely).
   */
  router(manager: EntityManager): Router {
    return async (category, province, district) => {
      const rules = await this.rulesOf(manager, category);
      const rule = rules.find(
        (r) => (!r.district || r.district === district) && (!r.province || r.province === province),
      );
      return rule ? { unit: rule.unit, ruleId: rule.id } : undefined;
    };
  }

  private readonly routing = new Map<
    string,
    { at: number; rules: Promise<{ id: string; unit: string; province: string; district: string }[]> }
  >();

  private rulesOf(manager: EntityManager, category: string) {
    const hit = this.routing.get(category);
    if (hit && Date.now() - hit.at < ROUTING_CACHE_MS) return hit.rules;
    // Most specific first: district rules, then province rules, then the country's.
    const rules: Promise<{ id: string; unit: string; province: string; district: string }[]> = manager.query(
      `SELECT id, unit, province, district FROM workflow.routing_rules WHERE category = $1
        ORDER BY (district <> '') DESC, (province <> '') DESC, id`,
      [category],
    );
    if (this.routing.size > 1_000) this.routing.clear();
    this.routing.set(category, { at: Date.now(), rules });
    rules.catch(() => this.routing.delete(category));
    return rules;
  }

  /** Called when this replica changes the routing table, so its next case sees the change at once. */
  forgetRouting(): void {
    this.routing.clear();
  }

  /** Starts an instance of this definition version, or returns the one its start key already started. */
  async start(
    manager: EntityManager,
    definition: ProcessDefinition,
    request: StartRequest,
    journal: StepJournal,
  ): Promise<{ instance: ProcessInstance; created: boolean }> {
    // The common case is a new start: run it, and find out at the insert whether its start key was used already.
    const own = new StepJournal();
    try {
      const instance = await this.startNew(manager, definition, request, own);
      journal.absorb(own);
      return { instance, created: true };
    } catch (error) {
      if (!(error instanceof AlreadyStarted)) throw error;
      return {
        instance: await manager.findOneByOrFail(ProcessInstance, { startKey: request.startKey }),
        created: false,
      };
    }
  }

  private async startNew(
    manager: EntityManager,
    definition: ProcessDefinition,
    request: StartRequest,
    journal: StepJournal,
  ): Promise<ProcessInstance> {
    const compiled = await this.compiledOf(manager, definition);
    const id = randomUUID();
    const processRef = `${definition.key}:${definition.version}`;
    const result = await this.step(
      manager,
      compiled,
      null,
      { kind: 'start', variables: request.variables },
      {
        id,
        processRef,
        businessKey: request.businessKey ?? null,
      },
      `start:${request.startKey}`,
    );
    const now = new Date();
    const sla = compiled.summary.slaWorkingDays;
    const instance = manager.create(ProcessInstance, {
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
      dueAt: sla !== undefined ? addWorkingDays(now, sla, await this.holidayDates(manager)) : null,
      reason: null,
      startedAt: now,
      updatedAt: now,
      endedAt: null,
    });
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
        ...this.caseFields(instance),
        startedBy: request.startedBy,
        ...(instance.dueAt && { dueAt: instance.dueAt.toISOString() }),
      },
      options,
    );
    await this.apply(manager, instance, compiled, result, request.startedBy, journal, true, options);
    if (instance.dueAt && instance.state === 'running') {
      await manager.query(
        `INSERT INTO workflow.timers (id, instance_id, kind, due_at) VALUES ($1, $2, 'instance-deadline', $3)`,
        [randomUUID(), instance.id, instance.dueAt],
      );
    }
    return instance;
  }

  /** Runs the engine for a step; a call that did not get through abandons the step with 502. */
  private async step(
    manager: EntityManager,
    compiled: CompiledDefinition,
    state: Record<string, unknown> | null,
    action: StepAction,
    instance: Pick<ProcessInstance, 'id' | 'processRef' | 'businessKey'>,
    stepKey: string,
  ): Promise<StepResult> {
    try {
      const call = this.calls.callerFor(manager, instance, stepKey);
      return await runStep(compiled, state, action, this.router(manager), call);
    } catch (error) {
      if (error instanceof StepAborted) {
        throw new ProblemException(
          HttpStatus.BAD_GATEWAY,
          'WORKFLOW.CALL_FAILED',
          `The step was not taken: ${error.message}. Try again.`,
        );
      }
      throw error;
    }
  }

  /** Locks a running instance for a step; 404 when unknown, 409 when it has ended. */
  async lock(manager: EntityManager, instanceId: string, skipLocked = false): Promise<ProcessInstance | undefined> {
    const instance = await manager
      .createQueryBuilder(ProcessInstance, 'i')
      .setLock('pessimistic_write')
      .setOnLocked(skipLocked ? 'skip_locked' : undefined!)
      .where('i.id = :id', { id: instanceId })
      .getOne();
    if (!instance && skipLocked) return undefined;
    if (!instance)
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'WORKFLOW.INSTANCE_NOT_FOUND',
        `No process instance ${instanceId}.`,
      );
    return instance;
  }

  /** One step of a locked, running instance. */
  async advance(
    manager: EntityManager,
    instance: ProcessInstance,
    action: StepAction,
    actor: string,
    journal: StepJournal,
    options: { causationId?: string } = {},
  ): Promise<StepResult> {
    if (instance.state !== 'running') {
      throw new ProblemException(HttpStatus.CONFLICT, 'WORKFLOW.INSTANCE_ENDED', `The instance has ${instance.state}.`);
    }
    const compiled = await this.compiledOf(manager, instance.definitionId);
    const stepKey = `${instance.id}:${instance.revision}`;
    const result = await this.step(manager, compiled, instance.engineState, action, instance, stepKey);
    await this.apply(manager, instance, compiled, result, actor, journal, false, options);
    return result;
  }

  /**
   * Delivers a message to every instance waiting for it with this correlation key (the case's business key).
   * Returns the instances it moved on; a message nobody waits for moves nothing.
   */
  async deliverMessage(
    manager: EntityManager,
    name: string,
    correlationKey: string,
    variables: Record<string, unknown>,
    actor: string,
    causationId?: string,
  ): Promise<string[]> {
    const waits: { instanceId: string }[] = await manager.query(
      `SELECT DISTINCT instance_id AS "instanceId" FROM workflow.message_waits WHERE message_name = $1 AND correlation_key = $2`,
      [name, correlationKey],
    );
    const delivered: string[] = [];
    const journal = new StepJournal();
    for (const { instanceId } of waits) {
      const instance = (await this.lock(manager, instanceId))!;
      // Read again under the lock: another replica may have delivered it meanwhile.
      const [wait]: { elementId: string }[] = await manager.query(
        `SELECT element_id AS "elementId" FROM workflow.message_waits WHERE instance_id = $1 AND message_name = $2 LIMIT 1`,
        [instanceId, name],
      );
      if (!wait || instance.state !== 'running') continue;
      journal.record({ instanceId, action: 'message', elementId: wait.elementId, actor, detail: { name } });
      await this.advance(manager, instance, { kind: 'message', elementId: wait.elementId, variables }, actor, journal, {
        causationId,
      });
      delivered.push(instanceId);
    }
    await journal.flush(manager, this.publisher);
    return delivered;
  }

  /** Stops a running instance: its tasks are cancelled and its timers and waits removed. */
  async stop(
    manager: EntityManager,
    instance: ProcessInstance,
    actor: string,
    reason: string | undefined,
    journal: StepJournal,
  ) {
    if (instance.state !== 'running') {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'WORKFLOW.INSTANCE_ENDED',
        `The instance has already ${instance.state}.`,
      );
    }
    instance.state = 'stopped';
    instance.reason = reason ?? null;
    await this.end(manager, instance, actor, journal, {});
  }

  private async end(
    manager: EntityManager,
    instance: ProcessInstance,
    actor: string,
    journal: StepJournal,
    options: { causationId?: string },
  ) {
    const now = new Date();
    instance.engineState = null;
    instance.endedAt = now;
    // Open tasks are cancelled, pending timers and message waits go: one statement.
    await preparedQuery(
      manager,
      `WITH tasks AS (
         UPDATE workflow.tasks SET state = 'cancelled', completed_at = now()
          WHERE instance_id = $1 AND state IN ('open', 'claimed')
       ), timers AS (
         DELETE FROM workflow.timers WHERE instance_id = $1 AND fired_at IS NULL
       )
       DELETE FROM workflow.message_waits WHERE instance_id = $1`,
      [instance.id],
    );
    journal.record({
      instanceId: instance.id,
      action: instance.state,
      actor,
      detail: instance.reason ? { reason: instance.reason } : null,
    });
    const payload = {
      ...this.caseFields(instance),
      state: instance.state as 'completed' | 'stopped' | 'failed',
      ...(instance.reason && { reason: instance.reason.slice(0, 500) }),
    };
    journal.publish(
      instance.state === 'completed' ? WorkflowInstanceCompleted : WorkflowInstanceStopped,
      payload,
      options,
    );
    await this.save(manager, instance);
  }

  caseFields(instance: ProcessInstance) {
    return {
      instanceId: instance.id,
      processRef: instance.processRef,
      ...(instance.businessKey && { businessKey: instance.businessKey }),
      at: new Date().toISOString(),
    };
  }

  private async save(manager: EntityManager, instance: ProcessInstance, isNew = false) {
    instance.updatedAt = new Date();
    if (isNew) {
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO workflow.instances (id, definition_id, process_ref, business_key, start_key, state, variables,
           engine_state, revision, started_by, due_at, reason, started_at, updated_at, ended_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $12, $12, $13)
         ON CONFLICT (start_key) DO NOTHING RETURNING id`,
        [
          instance.id,
          instance.definitionId,
          instance.processRef,
          instance.businessKey,
          instance.startKey,
          instance.state,
          JSON.stringify(instance.variables),
          instance.engineState === null ? null : JSON.stringify(instance.engineState),
          instance.startedBy,
          instance.dueAt,
          instance.reason,
          instance.startedAt,
          instance.endedAt,
        ],
      );
      if (!rows.length) throw new AlreadyStarted();
      return;
    }
    instance.revision += 1;
    await manager.update(
      ProcessInstance,
      { id: instance.id },
      {
        state: instance.state,
        variables: instance.variables as never,
        engineState: instance.engineState as never,
        revision: instance.revision,
        reason: instance.reason,
        updatedAt: instance.updatedAt,
        endedAt: instance.endedAt,
      },
    );
  }

  /** Writes what a step did: effects as events, new and finished waits, the instance's new state. */
  private async apply(
    manager: EntityManager,
    instance: ProcessInstance,
    compiled: CompiledDefinition,
    result: StepResult,
    actor: string,
    journal: StepJournal,
    isNew: boolean,
    options: { causationId?: string },
  ) {
    instance.variables = result.variables;
    for (const effect of result.effects) {
      if (effect.kind === 'status') {
        journal.record({
          instanceId: instance.id,
          action: 'status',
          elementId: effect.elementId,
          actor,
          detail: { status: effect.status },
        });
        journal.publish(
          WorkflowStatusChanged,
          { ...this.caseFields(instance), status: effect.status, elementId: effect.elementId },
          options,
        );
      } else if (effect.kind === 'called') {
        journal.record({
          instanceId: instance.id,
          action: 'called',
          elementId: effect.elementId,
          actor,
          detail: { endpoint: effect.endpoint },
        });
      } else {
        const { elementId, ...routed } = effect;
        journal.record({
          instanceId: instance.id,
          action: 'routed',
          elementId,
          actor,
          detail: {
            category: routed.category,
            province: routed.province,
            district: routed.district,
            unit: routed.unit,
            ruleId: routed.ruleId,
          },
        });
        journal.publish(
          WorkflowCaseRouted,
          {
            ...this.caseFields(instance),
            category: routed.category,
            unit: routed.unit,
            ruleId: routed.ruleId,
            ...(routed.province && { province: routed.province }),
            ...(routed.district && { district: routed.district }),
          },
          options,
        );
      }
    }

    if (result.ended) {
      instance.state = result.failure ? 'failed' : 'completed';
      instance.reason = result.failure ?? null;
      if (isNew) {
        // Nothing else of a new instance exists yet: write it ended, in one go.
        instance.engineState = null;
        instance.endedAt = new Date();
        await this.save(manager, instance, true);
        journal.record({
          instanceId: instance.id,
          action: instance.state,
          actor,
          detail: instance.reason ? { reason: instance.reason } : null,
        });
        journal.publish(
          instance.state === 'completed' ? WorkflowInstanceCompleted : WorkflowInstanceStopped,
          {
            ...this.caseFields(instance),
            state: instance.state,
            ...(instance.reason && { reason: instance.reason.slice(0, 500) }),
          },
          options,
        );
        return;
      }
      await this.end(manager, instance, actor, journal, options);
      return;
    }

    instance.engineState = result.state;
    if (isNew) await this.save(manager, instance, true);
    else await this.save(manager, instance);

    const userTaskWaits = result.waits.filter((w) => compiled.summary.userTasks[w.elementId]);
    const open: Pick<UserTask, 'id' | 'executionId' | 'elementId'>[] = isNew
      ? []
      : await manager.query(
          `SELECT id, execution_id AS "executionId", element_id AS "elementId" FROM workflow.tasks
            WHERE instance_id = $1 AND state IN ('open', 'claimed')`,
          [instance.id],
        );
    const waiting = new Set(userTaskWaits.map((w) => w.executionId));
    for (const task of open.filter((t) => !waiting.has(t.executionId))) {
      // The process moved on without it (an interrupting timer, a message): the task is withdrawn.
      await manager.query(
        `UPDATE workflow.tasks SET state = 'cancelled', completed_at = now() WHERE id = $1 AND state IN ('open', 'claimed')`,
        [task.id],
      );
      journal.record({
        instanceId: instance.id,
        taskId: task.id,
        action: 'task-cancelled',
        elementId: task.elementId,
        actor,
      });
    }
    const known = new Set(open.map((t) => t.executionId));
    const fresh = userTaskWaits.filter((w) => !known.has(w.executionId));
    if (fresh.length) {
      const holidays = await this.holidayDates(manager);
      for (const wait of fresh)
        await this.createTask(
          manager,
          instance,
          compiled,
          wait.elementId,
          wait.executionId,
          holidays,
          actor,
          journal,
          options,
        );
    }

    if (!isNew) {
      await preparedQuery(
        manager,
        `WITH waits AS (DELETE FROM workflow.message_waits WHERE instance_id = $1)
         DELETE FROM workflow.timers WHERE instance_id = $1 AND kind = 'bpmn' AND fired_at IS NULL`,
        [instance.id],
      );
    }
    const messages = result.waits
      .map((w) => ({ wait: w, spec: compiled.summary.messageWaits[w.elementId] }))
      .filter((m) => m.spec);
    if (messages.length) {
      await manager.query(
        `INSERT INTO workflow.message_waits (instance_id, element_id, message_name, correlation_key)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
        [
          instance.id,
          messages.map((m) => m.wait.elementId),
          messages.map((m) => m.spec.messageName),
          messages.map(() => instance.businessKey),
        ],
      );
    }
    if (result.timers.length) {
      await manager.query(
        `INSERT INTO workflow.timers (id, instance_id, kind, element_id, due_at)
         SELECT gen_random_uuid(), $1, 'bpmn', * FROM unnest($2::text[], $3::timestamptz[])`,
        [instance.id, result.timers.map((t) => t.elementId), result.timers.map((t) => t.dueAt)],
      );
    }
  }

  private async createTask(
    manager: EntityManager,
    instance: ProcessInstance,
    compiled: CompiledDefinition,
    elementId: string,
    executionId: string,
    holidays: Set<string>,
    actor: string,
    journal: StepJournal,
    options: { causationId?: string },
  ) {
    const spec = compiled.summary.userTasks[elementId];
    const scope = { environment: { variables: instance.variables } };
    const unit =
      String((spec.unit ? SAFE_EXPRESSIONS.resolveExpression(spec.unit, scope) : instance.variables.unit) ?? '') ||
      'UNASSIGNED';
    const dueAt =
      spec.dueInWorkingDays !== undefined ? addWorkingDays(new Date(), spec.dueInWorkingDays, holidays) : null;
    const id = randomUUID();
    await manager.query(
      `INSERT INTO workflow.tasks (id, instance_id, process_ref, business_key, element_id, execution_id, name, unit, role, outcomes, state, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11)`,
      [
        id,
        instance.id,
        instance.processRef,
        instance.businessKey,
        elementId,
        executionId,
        spec.name,
        unit,
        spec.role,
        spec.outcomes,
        dueAt,
      ],
    );
    if (dueAt) {
      await manager.query(
        `INSERT INTO workflow.timers (id, instance_id, kind, element_id, task_id, due_at) VALUES ($1, $2, 'task-deadline', $3, $4, $5)`,
        [randomUUID(), instance.id, elementId, id, dueAt],
      );
    }
    journal.record({
      instanceId: instance.id,
      taskId: id,
      action: 'task-created',
      elementId,
      actor,
      detail: { unit, role: spec.role },
    });
    journal.publish(
      WorkflowTaskCreated,
      {
        ...this.caseFields(instance),
        taskId: id,
        elementId,
        name: spec.name,
        unit,
        role: spec.role,
        ...(dueAt && { dueAt: dueAt.toISOString() }),
      },
      options,
    );
  }

  get publisher() {
    return this.backbone.publisher;
  }
}
