import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { WorkflowDeadlineBreached } from '@onedoor/contracts';
import { DEFAULT_SCANS, QUEUE_SCANS } from '@onedoor/persistence';
import { readSetting } from '@onedoor/config';
import { LOGGER } from '@onedoor/platform-kit';
import { InstanceEngine } from '../instances/instance-engine';
import { StepJournal } from '../instances/step-journal';
import { TasksService } from '../tasks/tasks.service';

interface DueTimer {
  id: string;
  instance_id: string;
  kind: 'bpmn' | 'task-deadline' | 'instance-deadline';
  element_id: string | null;
  task_id: string | null;
  due_at: Date;
}

const BATCH = 32;
/** The longest a loop sleeps: a timer another replica creates is seen within this. */
const MAX_IDLE_MS = 200;
const RETRY_DELAY_MS = 30_000;
const LOCKED_RETRY_MS = 10;

/** WORKFLOW_TIMER_WORKERS: timer loops per replica, 1 to 16 (default 2). */
export function timerWorkers(value: string | undefined): number {
  return readSetting('WORKFLOW_TIMER_WORKERS', { WORKFLOW_TIMER_WORKERS: value });
}

/**
 * Fires persisted timers when they are due, on every replica: each loop takes due timers with
 * `FOR UPDATE SKIP LOCKED`, then each timer's instance the same way (never waiting on a lock, so it cannot
 * deadlock with officers' actions), and handles the timer in the same transaction: a BPMN timer resumes the
 * instance (the engine completes it), a task deadline escalates, an instance deadline is reported. A timer
 * whose instance is busy stays due and is taken on the next round. Committed means fired, exactly once.
 */
@Injectable()
export class TimerScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  private readonly workers = timerWorkers(process.env.WORKFLOW_TIMER_WORKERS);

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: InstanceEngine,
    private readonly tasks: TasksService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap() {
    this.running = true;
    this.loops = Array.from({ length: this.workers }, () => this.run());
  }

  async onModuleDestroy() {
    this.running = false;
    for (const wake of this.sleepers) wake();
    await Promise.all(this.loops);
  }

  private async run() {
    while (this.running) {
      let fired = 0;
      let idleMs = MAX_IDLE_MS;
      try {
        const round = await this.round();
        fired = round.fired;
        // A due timer that was not taken is locked by another loop or replica firing it: look again shortly.
        if (!fired && round.next)
          idleMs = Math.max(LOCKED_RETRY_MS, Math.min(MAX_IDLE_MS, round.next.getTime() - Date.now()));
      } catch (error) {
        this.logger.warn({ err: error }, 'timer round failed');
        idleMs = 1_000;
      }
      if (!fired && this.running) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            this.sleepers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, idleMs);
          this.sleepers.add(wake);
        });
      }
    }
  }

  /**
   * One transaction: up to BATCH due timers, each under a savepoint so one failure does not undo the others.
   * When none is due, answers when the next one is.
   */
  private async round(): Promise<{ fired: number; next?: Date }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT ${QUEUE_SCANS}`);
      const due: DueTimer[] = await manager.query(
        `SELECT id, instance_id, kind, element_id, task_id, due_at FROM workflow.timers
          WHERE fired_at IS NULL AND due_at <= now() ORDER BY due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (!due.length) {
        const [next]: { due_at: Date }[] = await manager.query(
          `SELECT due_at FROM workflow.timers WHERE fired_at IS NULL ORDER BY due_at LIMIT 1`,
        );
        return { fired: 0, next: next && new Date(next.due_at) };
      }
      await manager.query(`SELECT ${DEFAULT_SCANS}`);
      let fired = 0;
      for (const timer of due) {
        await manager.query('SAVEPOINT timer');
        const journal = new StepJournal();
        try {
          if (await this.fire(manager, timer, journal)) fired += 1;
          await journal.flush(manager, this.engine.publisher);
          await manager.query('RELEASE SAVEPOINT timer');
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT timer');
          this.logger.error(
            { err: error, timerId: timer.id, instanceId: timer.instance_id },
            'timer failed; trying again later',
          );
          await manager.query(`UPDATE workflow.timers SET due_at = now() + make_interval(secs => $2) WHERE id = $1`, [
            timer.id,
            RETRY_DELAY_MS / 1000,
          ]);
        }
      }
      return { fired };
    });
  }

  /** False when the instance is busy (the timer stays due). */
  private async fire(manager: EntityManager, timer: DueTimer, journal: StepJournal): Promise<boolean> {
    const instance = await this.engine.lock(manager, timer.instance_id, true);
    if (!instance) return false;
    const firedAt = new Date();
    await manager.query(`UPDATE workflow.timers SET fired_at = $2 WHERE id = $1`, [timer.id, firedAt]);
    if (instance.state !== 'running') return true;
    const lateMs = firedAt.getTime() - new Date(timer.due_at).getTime();
    switch (timer.kind) {
      case 'bpmn':
        journal.record({
          instanceId: instance.id,
          action: 'timer-fired',
          elementId: timer.element_id,
          actor: 'workflow',
          detail: { dueAt: timer.due_at, lateMs },
        });
        await this.engine.advance(manager, instance, { kind: 'resume' }, 'workflow', journal);
        break;
      case 'task-deadline':
        await this.tasks.escalate(manager, timer.task_id!, journal);
        break;
      case 'instance-deadline': {
        const dueAt = new Date(timer.due_at).toISOString();
        journal.record({
          instanceId: instance.id,
          action: 'deadline-breached',
          actor: 'workflow',
          detail: { dueAt, scope: 'instance' },
        });
        journal.publish(WorkflowDeadlineBreached, { ...this.engine.caseFields(instance), scope: 'instance', dueAt });
        break;
      }
    }
    return true;
  }
}
