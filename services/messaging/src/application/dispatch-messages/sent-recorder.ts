import type { SentOutcome } from '../ports';

/**
 * Records hand-overs as they complete: the first is recorded at once, those that complete while a recording is
 * under way go together in the next one. `add` resolves when its outcome is recorded; `drain` when all are.
 */
export class SentRecorder {
  private waiting: SentOutcome[] = [];
  private recording?: Promise<void>;

  constructor(private readonly record: (sent: SentOutcome[]) => Promise<void>) {}

  add(outcome: SentOutcome): Promise<void> {
    this.waiting.push(outcome);
    return this.drain();
  }

  drain(): Promise<void> {
    this.recording ??= (async () => {
      try {
        while (this.waiting.length) await this.record(this.waiting.splice(0));
      } finally {
        this.recording = undefined;
      }
    })();
    return this.recording;
  }
}
