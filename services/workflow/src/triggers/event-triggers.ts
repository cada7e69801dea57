import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBackbone, PermanentEventError, type ReceivedEvent } from '@onedoor/backbone';
import {
  EVENT_CATALOGUE,
  WorkflowMessageRequested,
  WorkflowStartRequested,
  WorkflowStopRequested,
  type MessageRequestedPayload,
  type StartRequestedPayload,
  type StopRequestedPayload,
  valueAt,
} from '@onedoor/contracts';
import { ProblemException } from '@onedoor/http';
import { InstanceEngine } from '../instances/instance-engine';
import { StepJournal } from '../instances/step-journal';
import { ProcessesService } from '../processes/processes.service';
import { EventMapping, type ProcessDefinition } from '../workflow.entities';

/** Blocks whose events may start processes or deliver messages, through event mappings. */
const TRIGGER_SOURCES = new Set(['identity', 'registration', 'feedback']);

export function mappingMatches(mapping: Pick<EventMapping, 'when'>, data: unknown): boolean {
  return Object.entries(mapping.when ?? {}).every(([path, expected]) => valueAt(data, path) === expected);
}

/**
 * Processes started and moved by events. `workflow.start.requested` starts the named process; any event of the
 * identity, registration and feedback blocks does what the event mappings (data, declared by the owning block)
 * say: start a process with variables from the payload, or deliver a message to the waiting instances.
 * Each runs in the consumer's transaction with the inbox row, so an event takes effect exactly once.
 */
@Injectable()
export class EventTriggers implements OnModuleInit {
  constructor(
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
    private readonly engine: InstanceEngine,
    private readonly processes: ProcessesService,
  ) {}

  onModuleInit() {
    this.backbone.onBatch(
      WorkflowStartRequested,
      (events, manager) => this.startRequested(events, manager),
      'EventTriggers.startRequested',
    );
    this.backbone.on(
      WorkflowMessageRequested,
      (event, manager) => this.messageRequested(event, manager),
      'EventTriggers.messageRequested',
    );
    this.backbone.on(
      WorkflowStopRequested,
      (event, manager) => this.stopRequested(event, manager),
      'EventTriggers.stopRequested',
    );
    for (const contract of EVENT_CATALOGUE.filter((c) => TRIGGER_SOURCES.has(c.source))) {
      this.backbone.onBatch(
        contract,
        (events, manager) => this.mapped(events, manager),
        `EventTriggers.mapped(${contract.type})`,
      );
    }
  }

  private async definition(manager: EntityManager, key: string, cache: Map<string, ProcessDefinition>) {
    let definition = cache.get(key);
    if (!definition) {
      try {
        definition = await this.processes.find(manager, key);
      } catch (error) {
        // A process that does not exist will not exist on a retry; anything else (the database) may pass.
        if (error instanceof ProblemException && error.code === 'WORKFLOW.DEFINITION_NOT_FOUND') {
          throw new PermanentEventError(`no process definition ${key}`);
        }
        throw error;
      }
      cache.set(key, definition);
    }
    return definition;
  }

  async startRequested(events: ReceivedEvent<StartRequestedPayload>[], manager: EntityManager): Promise<void> {
    const definitions = new Map<string, ProcessDefinition>();
    const journal = new StepJournal();
    for (const { envelope, data } of events) {
      const definition = await this.definition(manager, data.processKey, definitions);
      await this.engine.start(
        manager,
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
    await journal.flush(manager, this.engine.publisher);
  }

  /** A message nobody waits for yet is not an error: the event is handled, and nothing moves. */
  async messageRequested(
    { envelope, data }: ReceivedEvent<MessageRequestedPayload>,
    manager: EntityManager,
  ): Promise<void> {
    await this.engine.deliverMessage(
      manager,
      data.name,
      data.correlationKey,
      data.variables ?? {},
      data.requestedBy,
      envelope.id,
    );
  }

  async stopRequested({ data }: ReceivedEvent<StopRequestedPayload>, manager: EntityManager): Promise<void> {
    const running: { id: string }[] = await manager.query(
      `SELECT id FROM workflow.instances WHERE business_key = $1 AND state = 'running'`,
      [data.businessKey],
    );
    const journal = new StepJournal();
    for (const { id } of running) {
      const instance = (await this.engine.lock(manager, id))!;
      if (instance.state === 'running')
        await this.engine.stop(manager, instance, data.requestedBy, data.reason, journal);
    }
    await journal.flush(manager, this.engine.publisher);
  }

  async mapped(events: ReceivedEvent<unknown>[], manager: EntityManager): Promise<void> {
    const mappings = await manager.findBy(EventMapping, { eventType: events[0].envelope.type });
    if (!mappings.length) return;
    const definitions = new Map<string, ProcessDefinition>();
    const journal = new StepJournal();
    for (const { envelope, data } of events) {
      for (const mapping of mappings.filter((m) => mappingMatches(m, data))) {
        const key = valueAt(data, mapping.keyPath);
        if (typeof key !== 'string' && typeof key !== 'number') continue;
        const variables = Object.fromEntries(
          Object.entries(mapping.variables).map(([name, path]) => [name, valueAt(data, path)]),
        );
        if (mapping.action === 'start') {
          const definition = await this.definition(manager, mapping.processKey!, definitions);
          await this.engine.start(
            manager,
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
            manager,
            mapping.messageName!,
            String(key),
            variables,
            envelope.source,
            envelope.id,
          );
        }
      }
    }
    await journal.flush(manager, this.engine.publisher);
  }
}
