import { afterCommit } from './after-commit';
/** What one round of a polling loop did: whether it found work, and how long to sleep when it did not. */
export interface Round {
  /** Work was done: the loop goes round again at once. */
  busy: boolean;
  /** When idle, sleep this long (default: the loops' idle time). */
  idleMs?: number;
}

/**
 * Several loops that poll the database for work (due messages, due timers, due PUSH deliveries), on every replica: each runs
 * `round` again at once while it finds work, sleeps when it does not, and logs a failed round and carries on.
 * `wake()` ends their sleep when work arrives; `stop()` wakes them and waits for the rounds under way to end.
 */
export class PollingLoops {
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly options: {
      count: number;
      idleMs: number;
      /** One round of loop number `loop` (0 to count − 1). */
      round: (loop: number) => Promise<Round>;
      failed: (error: unknown) => void;
    },
  ) {}

  start(): void {
    this.running = true;
    this.loops = Array.from({ length: this.options.count }, (_, loop) => this.run(loop));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.loops);
  }

  /**
   * Wakes the sleeping loops: work just arrived (a message created), so it need not wait for the next poll.
   * Called inside a request's unit of work, it waits for the commit: the loops would not see the work before.
   */
  wake(): void {
    afterCommit(() => {
      for (const wake of this.sleepers) wake();
    });
  }

  private async run(loop: number): Promise<void> {
    while (this.running) {
      let round: Round = { busy: false, idleMs: 1_000 };
      try {
        round = await this.options.round(loop);
      } catch (error) {
        this.options.failed(error);
      }
      if (!round.busy && this.running) await this.sleep(round.idleMs ?? this.options.idleMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
