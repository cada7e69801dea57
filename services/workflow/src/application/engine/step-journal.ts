import type { PublishOptions } from '@onedoor/backbone';
import type { EventContract, PayloadOf } from '@onedoor/contracts';
import type { HistoryEntry, OutgoingEvent, WorkflowChanges } from '../ports';

/**
 * What one transaction records besides the instances themselves: audit-trail rows and events. Collected while
 * steps run and written at the end in one statement (history rows, then the events in order), inside the same
 * transaction.
 */
export class StepJournal {
  private readonly history: HistoryEntry[] = [];
  private readonly events: OutgoingEvent[] = [];

  /** Takes over what another journal collected (a step that turned out to count). */
  absorb(other: StepJournal): void {
    this.history.push(...other.history.splice(0));
    this.events.push(...other.events.splice(0));
  }

  record(row: HistoryEntry): void {
    this.history.push(row);
  }

  /** `causationId`: the event that caused this one, when a step runs for an event. */
  publish<C extends EventContract>(contract: C, payload: PayloadOf<C>, options: PublishOptions = {}): void {
    this.events.push({ contract, payload, options });
  }

  async flush(tx: WorkflowChanges): Promise<void> {
    await tx.record(this.history.splice(0), this.events.splice(0));
  }
}
