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

  /**
   * `causationId`: the event that caused this one, when a step runs for an event. An instance's and its tasks'
   * events are correlated with their case (the business key, such as the application's id; else the instance), so
   * an officer's action through the API stays in the case's timeline as an event-driven step does.
   */
  publish<C extends EventContract>(contract: C, payload: PayloadOf<C>, options: PublishOptions = {}): void {
    const { businessKey, instanceId } = payload as { businessKey?: unknown; instanceId?: unknown };
    const caseId =
      typeof businessKey === 'string' ? businessKey : typeof instanceId === 'string' ? instanceId : undefined;
    this.events.push({ contract, payload, options: { ...(caseId && { correlationId: caseId }), ...options } });
  }

  async flush(tx: WorkflowChanges): Promise<void> {
    await tx.record(this.history.splice(0), this.events.splice(0));
  }
}
