// Over 300 lines: every statement a step may run inside its transaction, in one class, so a step is given one
// WorkflowChanges; the statements are the engine's tuned ones (one per step where it can), each short.
import { isUUID } from 'class-validator';
import { IsNull, type EntityManager } from 'typeorm';
import type { EventBackbone } from '@onedoor/backbone';
import { DEFAULT_SCANS, preparedQuery, QUEUE_SCANS } from '@onedoor/persistence';
import { WorkflowChanges, type HistoryEntry, type NewTask, type OutgoingEvent } from '../application/ports';
import type { DefinitionRecord, InstanceRecord, TaskRecord, TimerRecord } from '../domain';
import { Endpoint, EventMapping, ProcessDefinition, ProcessInstance, UserTask } from './workflow.entities';

/**
 * The workflow block's SQL inside one transaction. The statements are the engine's tuned ones: an instance's
 * end, a step's waits and its audit trail with its events are one statement each.
 */
export class WorkflowTx implements WorkflowChanges {
  constructor(
    private readonly manager: EntityManager,
    private readonly backbone: EventBackbone,
  ) {}

  async lockInstance(id: string, skipLocked = false): Promise<InstanceRecord | null> {
    if (!isUUID(id)) return null;
    return this.manager
      .createQueryBuilder(ProcessInstance, 'i')
      .setLock('pessimistic_write')
      .setOnLocked(skipLocked ? 'skip_locked' : undefined!)
      .where('i.id = :id', { id })
      .getOne();
  }

  instanceByStartKey(startKey: string): Promise<InstanceRecord> {
    return this.manager.findOneByOrFail(ProcessInstance, { startKey });
  }

  async insertInstance(instance: InstanceRecord): Promise<boolean> {
    const rows: { id: string }[] = await this.manager.query(
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
    return rows.length > 0;
  }

  async updateInstance(instance: InstanceRecord): Promise<void> {
    await this.manager.update(
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

  async endInstanceWork(instanceId: string): Promise<void> {
    await preparedQuery(
      this.manager,
      `WITH tasks AS (
         UPDATE workflow.tasks SET state = 'cancelled', completed_at = now()
          WHERE instance_id = $1 AND state IN ('open', 'claimed')
       ), timers AS (
         DELETE FROM workflow.timers WHERE instance_id = $1 AND fired_at IS NULL
       )
       DELETE FROM workflow.message_waits WHERE instance_id = $1`,
      [instanceId],
    );
  }

  async runningInstancesOf(businessKey: string): Promise<string[]> {
    const rows: { id: string }[] = await this.manager.query(
      `SELECT id FROM workflow.instances WHERE business_key = $1 AND state = 'running'`,
      [businessKey],
    );
    return rows.map((r) => r.id);
  }

  openTasks(instanceId: string): Promise<Pick<TaskRecord, 'id' | 'executionId' | 'elementId'>[]> {
    return this.manager.query(
      `SELECT id, execution_id AS "executionId", element_id AS "elementId" FROM workflow.tasks
        WHERE instance_id = $1 AND state IN ('open', 'claimed')`,
      [instanceId],
    );
  }

  async cancelTask(taskId: string): Promise<void> {
    await this.manager.query(
      `UPDATE workflow.tasks SET state = 'cancelled', completed_at = now() WHERE id = $1 AND state IN ('open', 'claimed')`,
      [taskId],
    );
  }

  async insertTask(task: NewTask): Promise<void> {
    await this.manager.query(
      `INSERT INTO workflow.tasks (id, instance_id, process_ref, business_key, element_id, execution_id, name, unit, role, outcomes, state, due_at, ministry, province, escalation)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11, $12, $13, $14)`,
      [
        task.id,
        task.instanceId,
        task.processRef,
        task.businessKey,
        task.elementId,
        task.executionId,
        task.name,
        task.unit,
        task.role,
        task.outcomes,
        task.dueAt,
        task.ministry,
        task.province,
        task.escalation && JSON.stringify(task.escalation),
      ],
    );
  }

  async clearWaits(instanceId: string): Promise<void> {
    await preparedQuery(
      this.manager,
      `WITH waits AS (DELETE FROM workflow.message_waits WHERE instance_id = $1)
       DELETE FROM workflow.timers WHERE instance_id = $1 AND kind = 'bpmn' AND fired_at IS NULL`,
      [instanceId],
    );
  }

  async addMessageWaits(
    instanceId: string,
    waits: { elementId: string; messageName: string }[],
    correlationKey: string | null,
  ): Promise<void> {
    await this.manager.query(
      `INSERT INTO workflow.message_waits (instance_id, element_id, message_name, correlation_key)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
      [instanceId, waits.map((w) => w.elementId), waits.map((w) => w.messageName), waits.map(() => correlationKey)],
    );
  }

  async addTimers(
    instanceId: string,
    timers: { kind: TimerRecord['kind']; elementId?: string | null; taskId?: string | null; dueAt: Date }[],
  ): Promise<void> {
    await this.manager.query(
      `INSERT INTO workflow.timers (id, instance_id, kind, element_id, task_id, due_at)
       SELECT gen_random_uuid(), $1, * FROM unnest($2::text[], $3::text[], $4::uuid[], $5::timestamptz[])`,
      [
        instanceId,
        timers.map((t) => t.kind),
        timers.map((t) => t.elementId ?? null),
        timers.map((t) => t.taskId ?? null),
        timers.map((t) => t.dueAt),
      ],
    );
  }

  async waitingInstances(messageName: string, correlationKey: string): Promise<string[]> {
    const rows: { instanceId: string }[] = await this.manager.query(
      `SELECT DISTINCT instance_id AS "instanceId" FROM workflow.message_waits WHERE message_name = $1 AND correlation_key = $2`,
      [messageName, correlationKey],
    );
    return rows.map((r) => r.instanceId);
  }

  async waitElement(instanceId: string, messageName: string): Promise<string | undefined> {
    const [wait]: { elementId: string }[] = await this.manager.query(
      `SELECT element_id AS "elementId" FROM workflow.message_waits WHERE instance_id = $1 AND message_name = $2 LIMIT 1`,
      [instanceId, messageName],
    );
    return wait?.elementId;
  }

  async dueTimers(limit: number): Promise<TimerRecord[]> {
    await this.manager.query(`SELECT ${QUEUE_SCANS}`);
    const rows: Record<string, unknown>[] = await this.manager.query(
      `SELECT id, instance_id, kind, element_id, task_id, due_at, fired_at FROM workflow.timers
        WHERE fired_at IS NULL AND due_at <= now() ORDER BY due_at LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED`,
    );
    if (rows.length) await this.manager.query(`SELECT ${DEFAULT_SCANS}`);
    return rows.map((r) => ({
      id: r.id as string,
      instanceId: r.instance_id as string,
      kind: r.kind as TimerRecord['kind'],
      elementId: r.element_id as string | null,
      taskId: r.task_id as string | null,
      dueAt: new Date(r.due_at as string),
      firedAt: null,
    }));
  }

  async nextTimerDue(): Promise<Date | undefined> {
    const [next]: { due_at: Date }[] = await this.manager.query(
      `SELECT due_at FROM workflow.timers WHERE fired_at IS NULL ORDER BY due_at LIMIT 1`,
    );
    return next && new Date(next.due_at);
  }

  async markTimerFired(timerId: string, at: Date): Promise<void> {
    await this.manager.query(`UPDATE workflow.timers SET fired_at = $2 WHERE id = $1`, [timerId, at]);
  }

  async retryTimerIn(timerId: string, seconds: number): Promise<void> {
    await this.manager.query(`UPDATE workflow.timers SET due_at = now() + make_interval(secs => $2) WHERE id = $1`, [
      timerId,
      seconds,
    ]);
  }

  async savepoint<T>(work: () => Promise<T>): Promise<T> {
    await this.manager.query('SAVEPOINT step');
    try {
      const result = await work();
      await this.manager.query('RELEASE SAVEPOINT step');
      return result;
    } catch (error) {
      await this.manager.query('ROLLBACK TO SAVEPOINT step');
      throw error;
    }
  }

  async task(id: string, lock = false): Promise<TaskRecord | null> {
    if (!isUUID(id)) return null;
    return this.manager
      .createQueryBuilder(UserTask, 't')
      .setLock(lock ? 'pessimistic_write' : undefined!)
      .where('t.id = :id', { id })
      .getOne();
  }

  async updateTask(id: string, change: Partial<TaskRecord>): Promise<void> {
    await this.manager.update(UserTask, { id }, change);
  }

  async definitionBpmn(definitionId: string): Promise<string> {
    return (await this.manager.findOneByOrFail(ProcessDefinition, { id: definitionId })).bpmn;
  }

  async findDefinition(processId: string, includeDeleted: boolean): Promise<DefinitionRecord | null> {
    const definition = isUUID(processId)
      ? await this.manager.findOneBy(ProcessDefinition, { id: processId })
      : await this.manager.findOne(ProcessDefinition, {
          where: { key: processId, ...(includeDeleted ? {} : { deletedAt: IsNull() }) },
          order: { version: 'DESC' },
        });
    return definition && (includeDeleted || !definition.deletedAt) ? definition : null;
  }

  async lockDefinitionKey(key: string): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtext('workflow.definition:' || $1))`, [key]);
  }

  async versionsOf(key: string): Promise<{ latest: number | null; next: number }> {
    const [row]: { latest: number | null; next: number }[] = await this.manager.query(
      `SELECT max(version) FILTER (WHERE deleted_at IS NULL) AS latest, COALESCE(max(version), 0) + 1 AS next
         FROM workflow.definitions WHERE key = $1`,
      [key],
    );
    return row;
  }

  saveDefinition(definition: Omit<DefinitionRecord, 'createdAt'>): Promise<DefinitionRecord> {
    return this.manager.save(this.manager.create(ProcessDefinition, definition));
  }

  async deleteDefinitions(key: string): Promise<void> {
    await this.manager.update(ProcessDefinition, { key, deletedAt: IsNull() }, { deletedAt: new Date() });
  }

  async holidayDates(): Promise<string[]> {
    const rows: { date: string }[] = await this.manager.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM workflow.holidays`,
    );
    return rows.map((r) => r.date);
  }

  routingRules(category: string) {
    return this.manager.query(
      `SELECT id, unit, province, district FROM workflow.routing_rules WHERE category = $1
        ORDER BY (district <> '') DESC, (province <> '') DESC, id`,
      [category],
    ) as Promise<{ id: string; unit: string; province: string; district: string }[]>;
  }

  eventMappings(eventType: string) {
    return this.manager.findBy(EventMapping, { eventType });
  }

  endpoint(name: string) {
    return this.manager.findOneBy(Endpoint, { name });
  }

  async record(history: HistoryEntry[], events: OutgoingEvent[]): Promise<void> {
    if (!history.length && !events.length) return;
    const insertHistory = history.length
      ? `INSERT INTO workflow.history (instance_id, task_id, action, element_id, actor, detail)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`
      : '';
    const historyParams = history.length
      ? [
          history.map((r) => r.instanceId),
          history.map((r) => r.taskId ?? null),
          history.map((r) => r.action),
          history.map((r) => r.elementId ?? null),
          history.map((r) => r.actor),
          history.map((r) => (r.detail ? JSON.stringify(r.detail) : null)),
        ]
      : [];
    if (!events.length) {
      await preparedQuery(this.manager, insertHistory, historyParams);
      return;
    }
    // History and events in one statement: the history insert as a data-modifying CTE of the outbox insert.
    const outbox = this.backbone.publisher.prepareAll(events);
    await preparedQuery(
      this.manager,
      history.length ? `WITH history AS (${insertHistory}) ${outbox.statement(7)}` : outbox.statement(1),
      [...historyParams, ...outbox.params],
    );
  }
}
