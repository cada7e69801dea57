import type { EntityManager } from 'typeorm';
import type { EventPublisher, PublishOptions } from '@onedoor/backbone';
import type { EventContract, PayloadOf } from '@onedoor/contracts';
import { preparedQuery } from '@onedoor/persistence';

interface HistoryRow {
  instanceId: string;
  taskId?: string | null;
  action: string;
  elementId?: string | null;
  actor: string;
  detail?: Record<string, unknown> | null;
}

/**
 * What one transaction records besides the instances themselves: audit-trail rows and events. Collected while
 * steps run and written at the end in one statement (history rows, then the events in order), inside the same
 * transaction.
 */
export class StepJournal {
  private readonly history: HistoryRow[] = [];
  private readonly events: { contract: EventContract; payload: unknown; options: PublishOptions }[] = [];

  /** Takes over what another journal collected (a step that turned out to count). */
  absorb(other: StepJournal): void {
    this.history.push(...other.history.splice(0));
    this.events.push(...other.events.splice(0));
  }

  record(row: HistoryRow): void {
    this.history.push(row);
  }

  /** `causationId`: the event that caused this one, when a step runs for an event. */
  publish<C extends EventContract>(contract: C, payload: PayloadOf<C>, options: PublishOptions = {}): void {
    this.events.push({ contract, payload, options });
  }

  async flush(manager: EntityManager, publisher: EventPublisher): Promise<void> {
    const rows = this.history.splice(0);
    const events = this.events.splice(0);
    if (!rows.length && !events.length) return;
    const history = rows.length
      ? `INSERT INTO workflow.history (instance_id, task_id, action, element_id, actor, detail)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`
      : '';
    const historyParams = rows.length
      ? [
          rows.map((r) => r.instanceId),
          rows.map((r) => r.taskId ?? null),
          rows.map((r) => r.action),
          rows.map((r) => r.elementId ?? null),
          rows.map((r) => r.actor),
          rows.map((r) => (r.detail ? JSON.stringify(r.detail) : null)),
        ]
      : [];
    if (!events.length) {
      await preparedQuery(manager, history, historyParams);
      return;
    }
    // History and events in one statement: the history insert as a data-modifying CTE of the outbox insert.
    const outbox = publisher.prepareAll(events);
    await preparedQuery(
      manager,
      rows.length ? `WITH history AS (${history}) ${outbox.statement(7)}` : outbox.statement(1),
      [...historyParams, ...outbox.params],
    );
  }
}
