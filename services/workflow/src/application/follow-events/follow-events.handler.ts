import { Injectable } from '@nestjs/common';
import {
  valueAt,
  type EventEnvelope,
  type MessageRequestedPayload,
  type StartRequestedPayload,
  WorkflowStartFailed,
} from '@onedoor/contracts';
import { mappingMatches, WorkflowErrorCode, type DefinitionRecord } from '../../domain';
import { InstanceEngine } from '../engine/instance-engine';
import { StepJournal } from '../engine/step-journal';
import { WorkflowStore, type Transaction, type WorkflowChanges } from '../ports';

/**
 * Processes started and moved by events, in the consumer's transaction (with the inbox row, so an event takes
 * effect once): `workflow.start.requested` starts the named process, `workflow.message.requested` moves the
 * waiting instances, and any event of the identity, registration and feedback blocks does what the event
 * mappings (data, declared by the owning block) say: start a process, or deliver a message.
 */
@Injectable()
export class FollowEventsHandler {
  constructor(
    private readonly store: WorkflowStore,
    private readonly engine: InstanceEngine,
  ) {}

  /**
   * The process a start names, or undefined when there is none (never published, or retired): the case is told
   * (workflow.start.failed), so the block that asked can show it and ask again once the process exists. A retry of
   * the same event would find no more than this one did.
   */
  private async definition(
    tx: WorkflowChanges,
    key: string,
    cache: Map<string, DefinitionRecord>,
    failed: { businessKey: string; requestedBy: string; journal: StepJournal; causationId: string },
  ): Promise<DefinitionRecord | undefined> {
    let definition = cache.get(key);
    if (!definition) {
      const found = await tx.findDefinition(key, false);
      if (!found) {
        failed.journal.publish(
          WorkflowStartFailed,
          {
            processKey: key.slice(0, 100),
            businessKey: failed.businessKey,
            requestedBy: failed.requestedBy.slice(0, 200),
            code: WorkflowErrorCode.DEFINITION_NOT_FOUND,
            reason: `No process definition ${key}.`.slice(0, 500),
            at: new Date().toISOString(),
          },
          { causationId: failed.causationId },
        );
        return undefined;
      }
      cache.set(key, (definition = found));
    }
    return definition;
  }

  async startRequested(events: EventEnvelope<StartRequestedPayload>[], transaction: Transaction): Promise<void> {
    const tx = this.store.within(transaction);
    const definitions = new Map<string, DefinitionRecord>();
    const journal = new StepJournal();
    for (const envelope of events) {
      const { data } = envelope;
      const definition = await this.definition(tx, data.processKey, definitions, {
        businessKey: data.businessKey,
        requestedBy: data.requestedBy,
        journal,
        causationId: envelope.id,
      });
      if (!definition) continue;
      await this.engine.start(
        tx,
        definition,
        {
          startKey: `event:${envelope.id}`,
          businessKey: data.businessKey,
          variables: data.variables ?? {},
          startedBy: data.requestedBy,
          causationId: envelope.id,
        },
        journal,
      );
    }
    await journal.flush(tx);
  }

  /** A message nobody waits for yet is not an error: the event is handled, and nothing moves. */
  async messageRequested(envelope: EventEnvelope<MessageRequestedPayload>, transaction: Transaction): Promise<void> {
    const { data } = envelope;
    await this.engine.deliverMessage(
      this.store.within(transaction),
      data.name,
      data.correlationKey,
      data.variables ?? {},
      data.requestedBy,
      envelope.id,
    );
  }

  /** Another block's events, by the event mappings declared for their type. */
  async mapped(events: EventEnvelope<unknown>[], transaction: Transaction): Promise<void> {
    const tx = this.store.within(transaction);
    const mappings = await tx.eventMappings(events[0].type);
    if (!mappings.length) return;
    const definitions = new Map<string, DefinitionRecord>();
    const journal = new StepJournal();
    for (const envelope of events) {
      const { data } = envelope;
      for (const mapping of mappings.filter((m) => mappingMatches(m, data))) {
        const key = valueAt(data, mapping.keyPath);
        if (typeof key !== 'string' && typeof key !== 'number') continue;
        const variables = Object.fromEntries(
          Object.entries(mapping.variables).map(([name, path]) => [name, valueAt(data, path)]),
        );
        if (mapping.action === 'start') {
          const definition = await this.definition(tx, mapping.processKey!, definitions, {
            businessKey: String(key),
            requestedBy: envelope.source,
            journal,
            causationId: envelope.id,
          });
          if (!definition) continue;
          await this.engine.start(
            tx,
            definition,
            {
              startKey: `event:${envelope.id}:${mapping.id}`,
              businessKey: String(key),
              variables,
              startedBy: envelope.source,
              causationId: envelope.id,
            },
            journal,
          );
        } else {
          await this.engine.deliverMessage(
            tx,
            mapping.messageName!,
            String(key),
            variables,
            envelope.source,
            envelope.id,
          );
        }
      }
    }
    await journal.flush(tx);
  }
}
