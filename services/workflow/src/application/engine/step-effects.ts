import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  WorkflowCaseRouted,
  WorkflowInstanceCompleted,
  WorkflowInstanceStopped,
  WorkflowStatusChanged,
  WorkflowTaskCreated,
} from '@onedoor/contracts';
import {
  addWorkingDays,
  SAFE_EXPRESSIONS,
  type CompiledDefinition,
  type InstanceRecord,
  type StepResult,
} from '../../domain';
import type { WorkflowChanges } from '../ports';
import { EngineCaches } from './engine-caches';
import type { StepJournal } from './step-journal';

/** One step of one instance, as its effects are written. */
export interface Step {
  instance: InstanceRecord;
  compiled: CompiledDefinition;
  result: StepResult;
  actor: string;
  journal: StepJournal;
  options: StepOptions;
}

/** What caused a step: the event (causation id), and the reason its actor gave (a task's comment). */
export interface StepOptions {
  causationId?: string;
  /** The comment of the task completion that moved the case: it goes with the status the step declares. */
  comment?: string;
}

/** The case's part of every instance event. */
export function caseFields(instance: Pick<InstanceRecord, 'id' | 'processRef' | 'businessKey'>) {
  return {
    instanceId: instance.id,
    processRef: instance.processRef,
    ...(instance.businessKey && { businessKey: instance.businessKey }),
    at: new Date().toISOString(),
  };
}

/**
 * What a step did, written down: its effects (statuses, routing, calls) as history and events, the end of the
 * instance, and the waits it now has: user tasks created and withdrawn, message waits and BPMN timers.
 */
@Injectable()
export class StepEffects {
  constructor(private readonly caches: EngineCaches) {}

  /** Statuses set, cases routed, endpoints called: history rows, and events for the first two. */
  journalEffects({ instance, result, actor, journal, options }: Omit<Step, 'compiled'>): void {
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
          {
            ...caseFields(instance),
            status: effect.status,
            elementId: effect.elementId,
            ...(options.comment && { comment: options.comment }),
          },
          { causationId: options.causationId },
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
            ...caseFields(instance),
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
  }

  /** The instance ended with the step: completed, or failed with the engine's reason. */
  markEnded(instance: InstanceRecord, result: StepResult): void {
    instance.state = result.failure ? 'failed' : 'completed';
    instance.reason = result.failure ?? null;
    instance.engineState = null;
  }

  /** The end of an instance (completed, stopped, failed): its history row and its event. */
  journalEnd({ instance, actor, journal, options }: Pick<Step, 'instance' | 'actor' | 'journal' | 'options'>): void {
    journal.record({
      instanceId: instance.id,
      action: instance.state,
      actor,
      detail: instance.reason ? { reason: instance.reason } : null,
    });
    journal.publish(
      instance.state === 'completed' ? WorkflowInstanceCompleted : WorkflowInstanceStopped,
      {
        ...caseFields(instance),
        state: instance.state as 'completed' | 'stopped' | 'failed',
        ...(instance.reason && { reason: instance.reason.slice(0, 500) }),
      },
      options,
    );
  }

  /** The waits of a running instance after the step: user tasks, message waits, BPMN timers. */
  async writeWaits(tx: WorkflowChanges, step: Step, isNew: boolean): Promise<void> {
    const { instance, compiled, result, actor, journal } = step;
    const userTaskWaits = result.waits.filter((w) => compiled.summary.userTasks[w.elementId]);
    const open = isNew ? [] : await tx.openTasks(instance.id);
    const waiting = new Set(userTaskWaits.map((w) => w.executionId));
    for (const task of open.filter((t) => !waiting.has(t.executionId))) {
      // The process moved on without it (an interrupting timer, a message): the task is withdrawn.
      await tx.cancelTask(task.id);
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
      const holidays = await this.caches.holidayDates(tx);
      for (const wait of fresh) await this.createTask(tx, step, wait.elementId, wait.executionId, holidays);
    }
    if (!isNew) await tx.clearWaits(instance.id);
    const messages = result.waits
      .map((w) => ({ elementId: w.elementId, spec: compiled.summary.messageWaits[w.elementId] }))
      .filter((m) => m.spec)
      .map((m) => ({ elementId: m.elementId, messageName: m.spec.messageName }));
    if (messages.length) await tx.addMessageWaits(instance.id, messages, instance.businessKey);
    if (result.timers.length) {
      await tx.addTimers(
        instance.id,
        result.timers.map((t) => ({ kind: 'bpmn' as const, elementId: t.elementId, dueAt: t.dueAt })),
      );
    }
  }

  private async createTask(
    tx: WorkflowChanges,
    { instance, compiled, actor, journal, options }: Step,
    elementId: string,
    executionId: string,
    holidays: Set<string>,
  ) {
    const spec = compiled.summary.userTasks[elementId];
    const scope = { environment: { variables: instance.variables } };
    const unit =
      String((spec.unit ? SAFE_EXPRESSIONS.resolveExpression(spec.unit, scope) : instance.variables.unit) ?? '') ||
      'UNASSIGNED';
    const scopeOf = (name: string) => {
      const value = instance.variables[name];
      return typeof value === 'string' && value ? value : null;
    };
    const dueAt =
      spec.dueInWorkingDays !== undefined ? addWorkingDays(new Date(), spec.dueInWorkingDays, holidays) : null;
    // The offices past the unit's supervisors, as the case names them now: an expression naming none, or the unit
    // itself (a case handled by the ministry goes from its supervisors straight to the Office), is skipped.
    const chain = [
      ...new Set(
        (spec.escalateTo ?? [])
          .map((office) => String(SAFE_EXPRESSIONS.resolveExpression(office, scope) ?? ''))
          .filter((office) => office && office !== unit),
      ),
    ];
    const id = randomUUID();
    await tx.insertTask({
      id,
      instanceId: instance.id,
      processRef: instance.processRef,
      businessKey: instance.businessKey,
      elementId,
      executionId,
      name: spec.name,
      unit,
      ministry: scopeOf('ministry'),
      province: scopeOf('province'),
      role: spec.role,
      outcomes: spec.outcomes,
      dueAt,
      escalation:
        dueAt && chain.length ? { chain, everyWorkingDays: spec.escalateEveryWorkingDays ?? 1, level: 0 } : null,
    });
    if (dueAt) await tx.addTimers(instance.id, [{ kind: 'task-deadline', elementId, taskId: id, dueAt }]);
    // The warning before the deadline: the days before it, counted from now as the deadline was.
    const warnAfter = (spec.dueInWorkingDays ?? 0) - (spec.warnWorkingDaysBefore ?? 0);
    if (dueAt && spec.warnWorkingDaysBefore && warnAfter > 0) {
      const warnAt = addWorkingDays(new Date(), warnAfter, holidays);
      await tx.addTimers(instance.id, [{ kind: 'task-warning', elementId, taskId: id, dueAt: warnAt }]);
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
        ...caseFields(instance),
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
}
