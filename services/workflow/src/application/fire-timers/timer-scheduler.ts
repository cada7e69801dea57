import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { PollingLoops } from '@onedoor/application';
import { WorkflowDeadlineBreached } from '@onedoor/contracts';
import { LOGGER } from '@onedoor/platform-kit';
import type { TimerRecord } from '../../domain';
import { WORKFLOW_CONFIG, type WorkflowConfig } from '../../workflow.config';
import { InstanceEngine } from '../engine/instance-engine';
import { caseFields } from '../engine/step-effects';
import { StepJournal } from '../engine/step-journal';
import { EscalateTaskHandler } from '../escalate-task/escalate-task.handler';
import { WorkflowStore, type WorkflowChanges } from '../ports';

const BATCH = 32;
/** The longest a loop sleeps: a timer another replica creates is seen within this. */
const MAX_IDLE_MS = 200;
const RETRY_DELAY_MS = 30_000;
const LOCKED_RETRY_MS = 10;

/**
 * Fires persisted timers when they are due, on every replica: each loop takes due timers with
 * `FOR UPDATE SKIP LOCKED`, then each timer's instance the same way (never waiting on a lock, so it cannot
 * deadlock with officers' actions), and handles the timer in the same transaction: a BPMN timer resumes the
 * instance (the engine completes it), a task deadline escalates, an instance deadline is reported. A timer
 * whose instance is busy stays due and is taken on the next round. Committed means fired, exactly once.
 */
@Injectable()
export class TimerScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loops: PollingLoops;

  constructor(
    private readonly store: WorkflowStore,
    private readonly engine: InstanceEngine,
    private readonly escalation: EscalateTaskHandler,
    @Inject(WORKFLOW_CONFIG) config: WorkflowConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.loops = new PollingLoops({
      count: config.timerWorkers,
      idleMs: MAX_IDLE_MS,
      round: async () => {
        const { fired, next } = await this.round();
        // A due timer that was not taken is locked by another loop or replica firing it: look again shortly.
        return fired
          ? { busy: true }
          : {
              busy: false,
              idleMs: next ? Math.max(LOCKED_RETRY_MS, Math.min(MAX_IDLE_MS, next.getTime() - Date.now())) : undefined,
            };
      },
      failed: (error) => this.logger.warn({ err: error }, 'timer round failed'),
    });
  }

  onApplicationBootstrap() {
    this.loops.start();
  }

  onModuleDestroy() {
    return this.loops.stop();
  }

  /**
   * One transaction: up to BATCH due timers, each under a savepoint so one failure does not undo the others.
   * When none is due, answers when the next one is.
   */
  async round(): Promise<{ fired: number; next?: Date }> {
    return this.store.transaction(async (tx) => {
      const due = await tx.dueTimers(BATCH);
      if (!due.length) return { fired: 0, next: await tx.nextTimerDue() };
      let fired = 0;
      for (const timer of due) {
        try {
          await tx.savepoint(async () => {
            const journal = new StepJournal();
            if (await this.fire(tx, timer, journal)) fired += 1;
            await journal.flush(tx);
          });
        } catch (error) {
          this.logger.error(
            { err: error, timerId: timer.id, instanceId: timer.instanceId },
            'timer failed; trying again later',
          );
          await tx.retryTimerIn(timer.id, RETRY_DELAY_MS / 1000);
        }
      }
      return { fired };
    });
  }

  /** False when the instance is busy (the timer stays due). */
  private async fire(tx: WorkflowChanges, timer: TimerRecord, journal: StepJournal): Promise<boolean> {
    const instance = await this.engine.lock(tx, timer.instanceId, true);
    if (!instance) return false;
    const firedAt = new Date();
    await tx.markTimerFired(timer.id, firedAt);
    if (instance.state !== 'running') return true;
    const lateMs = firedAt.getTime() - timer.dueAt.getTime();
    switch (timer.kind) {
      case 'bpmn':
        journal.record({
          instanceId: instance.id,
          action: 'timer-fired',
          elementId: timer.elementId,
          actor: 'workflow',
          detail: { dueAt: timer.dueAt, lateMs },
        });
        await this.engine.advance(tx, instance, { kind: 'resume' }, 'workflow', journal);
        break;
      case 'task-deadline':
        await this.escalation.execute(tx, timer.taskId!, journal);
        break;
      case 'task-warning':
        await this.escalation.warn(tx, timer.taskId!, journal);
        break;
      case 'instance-deadline': {
        const dueAt = timer.dueAt.toISOString();
        journal.record({
          instanceId: instance.id,
          action: 'deadline-breached',
          actor: 'workflow',
          detail: { dueAt, scope: 'instance' },
        });
        journal.publish(WorkflowDeadlineBreached, { ...caseFields(instance), scope: 'instance', dueAt });
        break;
      }
    }
    return true;
  }
}
