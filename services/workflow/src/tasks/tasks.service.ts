import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hasRole, ROLES, type Caller } from '@onedoor/auth';
import {
  WorkflowDeadlineBreached,
  WorkflowTaskClaimed,
  WorkflowTaskCompleted,
  WorkflowTaskEscalated,
  type TaskPayload,
} from '@onedoor/contracts';
import { ProblemException } from '@onedoor/http';
import { canSeeTask, canWorkTask, isSupervisorOf } from '../instances/access';
import { InstanceEngine } from '../instances/instance-engine';
import { StepJournal } from '../instances/step-journal';
import { UserTask } from '../workflow.entities';

const MAX_TASK_VARIABLES_BYTES = 16_000;
const SUPERVISOR_ROLE = ROLES.workflowSupervisor;

export function taskPayload(task: UserTask): TaskPayload {
  return {
    instanceId: task.instanceId,
    processRef: task.processRef,
    ...(task.businessKey && { businessKey: task.businessKey }),
    at: new Date().toISOString(),
    taskId: task.id,
    elementId: task.elementId,
    name: task.name,
    unit: task.unit,
    role: task.role,
    ...(task.assignee && { assignee: task.assignee }),
    ...(task.dueAt && { dueAt: task.dueAt.toISOString() }),
  };
}

/**
 * Officers' work on user tasks. Every action locks the task (and, to complete it, its instance first, the
 * order every writer follows), checks who may do it, and writes the audit trail and its event with it.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: InstanceEngine,
  ) {}

  private notFound(id: string): never {
    throw new ProblemException(HttpStatus.NOT_FOUND, 'WORKFLOW.TASK_NOT_FOUND', `No task ${id}.`);
  }

  /** A task the caller may see, or 404. */
  async visible(manager: EntityManager, id: string, caller: Caller, lock = false): Promise<UserTask> {
    const task = await manager
      .createQueryBuilder(UserTask, 't')
      .setLock(lock ? 'pessimistic_write' : undefined!)
      .where('t.id = :id', { id })
      .getOne();
    if (!task || !canSeeTask(caller, task)) this.notFound(id);
    return task;
  }

  private assertWorkable(task: UserTask, caller: Caller) {
    if (!canWorkTask(caller, task)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'WORKFLOW.NOT_YOUR_UNIT',
        `Task ${task.id} belongs to ${task.unit}, role ${task.role}.`,
      );
    }
    if (task.state === 'completed' || task.state === 'cancelled') {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'WORKFLOW.TASK_CLOSED',
        `Task ${task.id} is already ${task.state}.`,
      );
    }
  }

  async claim(id: string, caller: Caller): Promise<UserTask> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.visible(manager, id, caller, true);
      this.assertWorkable(task, caller);
      if (task.state === 'claimed') {
        if (task.assignee === caller.sub) return task;
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'WORKFLOW.TASK_CLAIMED',
          `Task ${id} is claimed by another officer.`,
        );
      }
      task.state = 'claimed';
      task.assignee = caller.sub;
      await manager.update(UserTask, { id }, { state: 'claimed', assignee: caller.sub });
      const journal = new StepJournal();
      journal.record({
        instanceId: task.instanceId,
        taskId: id,
        action: 'task-claimed',
        elementId: task.elementId,
        actor: caller.sub,
      });
      journal.publish(WorkflowTaskClaimed, taskPayload(task) as TaskPayload & { assignee: string });
      await journal.flush(manager, this.engine.publisher);
      return task;
    });
  }

  async release(id: string, caller: Caller): Promise<UserTask> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.visible(manager, id, caller, true);
      this.assertWorkable(task, caller);
      if (task.state !== 'claimed') return task;
      if (task.assignee !== caller.sub && !isSupervisorOf(caller, task.unit)) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'WORKFLOW.TASK_CLAIMED',
          `Task ${id} is claimed by another officer.`,
        );
      }
      task.state = 'open';
      task.assignee = null;
      await manager.update(UserTask, { id }, { state: 'open', assignee: null });
      const journal = new StepJournal();
      journal.record({
        instanceId: task.instanceId,
        taskId: id,
        action: 'task-released',
        elementId: task.elementId,
        actor: caller.sub,
      });
      await journal.flush(manager, this.engine.publisher);
      return task;
    });
  }

  /** Completes a task with an outcome the process accepts; the instance moves on in the same transaction. */
  async complete(
    id: string,
    caller: Caller,
    outcome: string,
    comment: string | undefined,
    variables: Record<string, unknown> = {},
  ): Promise<UserTask> {
    if (JSON.stringify(variables).length > MAX_TASK_VARIABLES_BYTES) {
      throw new ProblemException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'WORKFLOW.VARIABLES_TOO_LARGE',
        'Task variables are limited to 16 kB of JSON.',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const seen = await this.visible(manager, id, caller);
      const instance = (await this.engine.lock(manager, seen.instanceId))!;
      const task = await this.visible(manager, id, caller, true);
      this.assertWorkable(task, caller);
      if (task.state === 'claimed' && task.assignee !== caller.sub) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'WORKFLOW.TASK_CLAIMED',
          `Task ${id} is claimed by another officer.`,
        );
      }
      if (!task.outcomes.includes(outcome)) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'WORKFLOW.OUTCOME_NOT_ACCEPTED',
          `Task ${id} accepts ${task.outcomes.join(', ')}, not ${outcome}.`,
          [{ field: 'outcome', message: `one of ${task.outcomes.join(', ')}` }],
        );
      }
      task.state = 'completed';
      task.assignee = task.assignee ?? caller.sub;
      task.outcome = outcome;
      task.comment = comment ?? null;
      task.completedBy = caller.sub;
      task.completedAt = new Date();
      await manager.update(
        UserTask,
        { id },
        {
          state: 'completed',
          assignee: task.assignee,
          outcome,
          comment: task.comment,
          completedBy: caller.sub,
          completedAt: task.completedAt,
        },
      );
      const journal = new StepJournal();
      journal.record({
        instanceId: task.instanceId,
        taskId: id,
        action: 'task-completed',
        elementId: task.elementId,
        actor: caller.sub,
        detail: { outcome, ...(comment && { comment }) },
      });
      journal.publish(WorkflowTaskCompleted, { ...taskPayload(task), outcome, completedBy: caller.sub });
      await this.engine.advance(
        manager,
        instance,
        {
          kind: 'complete-task',
          elementId: task.elementId,
          executionId: task.executionId,
          variables: { ...variables, outcome, ...(comment && { comment }) },
        },
        caller.sub,
        journal,
      );
      await journal.flush(manager, this.engine.publisher);
      return task;
    });
  }

  /** A supervisor gives the task to another unit or officer; the escalated task comes back to a normal queue. */
  async reassign(
    id: string,
    caller: Caller,
    unit: string | undefined,
    assignee: string | undefined,
    comment: string | undefined,
  ): Promise<UserTask> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.visible(manager, id, caller, true);
      if (!isSupervisorOf(caller, task.unit) && !hasRole(caller, ROLES.workflowAdmin)) {
        throw new ProblemException(
          HttpStatus.FORBIDDEN,
          'WORKFLOW.NOT_SUPERVISOR',
          `Only a supervisor of ${task.unit} reassigns its tasks.`,
        );
      }
      if (task.state === 'completed' || task.state === 'cancelled') {
        throw new ProblemException(HttpStatus.CONFLICT, 'WORKFLOW.TASK_CLOSED', `Task ${id} is already ${task.state}.`);
      }
      if (!unit && !assignee) {
        throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          'PLATFORM.VALIDATION_FAILED',
          'unit or assignee: give the task to someone',
          [{ field: 'unit', message: 'a unit or an assignee is required' }],
        );
      }
      const from = { unit: task.unit, assignee: task.assignee };
      task.unit = unit ?? task.unit;
      task.assignee = assignee ?? null;
      task.state = assignee ? 'claimed' : 'open';
      await manager.update(UserTask, { id }, { unit: task.unit, assignee: task.assignee, state: task.state });
      const journal = new StepJournal();
      journal.record({
        instanceId: task.instanceId,
        taskId: id,
        action: 'task-reassigned',
        elementId: task.elementId,
        actor: caller.sub,
        detail: { from, to: { unit: task.unit, assignee: task.assignee }, ...(comment && { comment }) },
      });
      journal.publish(WorkflowTaskEscalated, {
        ...taskPayload(task),
        escalatedTo: assignee ?? task.role,
        reason: 'reassigned',
      });
      await journal.flush(manager, this.engine.publisher);
      return task;
    });
  }

  /** A task's deadline passed: its unit's supervisors are told (event) and it is marked escalated. */
  async escalate(manager: EntityManager, taskId: string, journal: StepJournal): Promise<void> {
    const task = await manager
      .createQueryBuilder(UserTask, 't')
      .setLock('pessimistic_write')
      .where('t.id = :taskId', { taskId })
      .getOne();
    if (!task || task.state === 'completed' || task.state === 'cancelled' || task.escalatedAt) return;
    task.escalatedAt = new Date();
    await manager.update(UserTask, { id: taskId }, { escalatedAt: task.escalatedAt });
    const dueAt = (task.dueAt ?? task.escalatedAt).toISOString();
    journal.record({
      instanceId: task.instanceId,
      taskId,
      action: 'deadline-breached',
      elementId: task.elementId,
      actor: 'workflow',
      detail: { dueAt },
    });
    journal.record({
      instanceId: task.instanceId,
      taskId,
      action: 'escalated',
      elementId: task.elementId,
      actor: 'workflow',
      detail: { to: SUPERVISOR_ROLE },
    });
    const payload = taskPayload(task);
    journal.publish(WorkflowDeadlineBreached, {
      instanceId: task.instanceId,
      processRef: task.processRef,
      ...(task.businessKey && { businessKey: task.businessKey }),
      at: payload.at,
      scope: 'task',
      taskId,
      unit: task.unit,
      dueAt,
    });
    journal.publish(WorkflowTaskEscalated, { ...payload, escalatedTo: SUPERVISOR_ROLE, reason: 'deadline' });
  }
}
