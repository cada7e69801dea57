import type { EntityManager } from 'typeorm';
import type { PublishOptions } from '@onedoor/backbone';
import type { EventContract } from '@onedoor/contracts';
import type {
  DefinitionRecord,
  EndpointCall,
  EndpointRecord,
  EventMappingRecord,
  HistoryRecord,
  InstanceRecord,
  RoutingRuleRecord,
  TaskRecord,
  TimerRecord,
} from '../domain';

/**
 * The database transaction a use case runs in, as the event backbone hands it to a consumer: an opaque handle
 * that handlers pass to the block's repositories (persistence/), never use themselves.
 */
export type Transaction = Pick<EntityManager, 'query'>;

export interface HistoryEntry {
  instanceId: string;
  taskId?: string | null;
  action: string;
  elementId?: string | null;
  actor: string;
  detail?: Record<string, unknown> | null;
}

export interface OutgoingEvent {
  contract: EventContract;
  payload: unknown;
  options: PublishOptions;
}

export interface Page {
  offset: number;
  limit: number;
}

/** A task as the engine creates it. */
export type NewTask = Pick<
  TaskRecord,
  | 'id'
  | 'instanceId'
  | 'processRef'
  | 'businessKey'
  | 'elementId'
  | 'executionId'
  | 'name'
  | 'unit'
  | 'ministry'
  | 'province'
  | 'role'
  | 'outcomes'
  | 'dueAt'
  | 'escalation'
>;

/** What the workflow block reads and writes inside one transaction: instances, tasks, waits, timers, definitions. */
export abstract class WorkflowChanges {
  // -- instances
  abstract lockInstance(id: string, skipLocked?: boolean): Promise<InstanceRecord | null>;
  abstract instanceByStartKey(startKey: string): Promise<InstanceRecord>;
  /** Writes a new instance; false when its start key started one before (nothing written). */
  abstract insertInstance(instance: InstanceRecord): Promise<boolean>;
  abstract updateInstance(instance: InstanceRecord): Promise<void>;
  /** An ended instance's open tasks are cancelled; its pending timers and message waits go. */
  abstract endInstanceWork(instanceId: string): Promise<void>;
  abstract runningInstancesOf(businessKey: string): Promise<string[]>;
  // -- waits and timers
  abstract openTasks(instanceId: string): Promise<Pick<TaskRecord, 'id' | 'executionId' | 'elementId'>[]>;
  abstract cancelTask(taskId: string): Promise<void>;
  abstract insertTask(task: NewTask): Promise<void>;
  /** The message waits and pending BPMN timers of the instance, before a step writes its new ones. */
  abstract clearWaits(instanceId: string): Promise<void>;
  abstract addMessageWaits(
    instanceId: string,
    waits: { elementId: string; messageName: string }[],
    correlationKey: string | null,
  ): Promise<void>;
  abstract addTimers(
    instanceId: string,
    timers: { kind: TimerRecord['kind']; elementId?: string | null; taskId?: string | null; dueAt: Date }[],
  ): Promise<void>;
  abstract waitingInstances(messageName: string, correlationKey: string): Promise<string[]>;
  /** The element of the instance waiting for the message, if it still waits. */
  abstract waitElement(instanceId: string, messageName: string): Promise<string | undefined>;
  abstract dueTimers(limit: number): Promise<TimerRecord[]>;
  abstract nextTimerDue(): Promise<Date | undefined>;
  abstract markTimerFired(timerId: string, at: Date): Promise<void>;
  abstract retryTimerIn(timerId: string, seconds: number): Promise<void>;
  /** Runs `work` under a savepoint: when it throws, what it wrote is undone and the error passed on. */
  abstract savepoint<T>(work: () => Promise<T>): Promise<T>;
  // -- tasks
  abstract task(id: string, lock?: boolean): Promise<TaskRecord | null>;
  abstract updateTask(id: string, change: Partial<TaskRecord>): Promise<void>;
  // -- definitions and reference data
  abstract definitionBpmn(definitionId: string): Promise<string>;
  abstract findDefinition(processId: string, includeDeleted: boolean): Promise<DefinitionRecord | null>;
  /** Holds the process key until the transaction ends: versions of one process are made one at a time. */
  abstract lockDefinitionKey(key: string): Promise<void>;
  /** The latest version not deleted (null when none), and the next version number. */
  abstract versionsOf(key: string): Promise<{ latest: number | null; next: number }>;
  abstract saveDefinition(definition: Omit<DefinitionRecord, 'createdAt'>): Promise<DefinitionRecord>;
  abstract deleteDefinitions(key: string): Promise<void>;
  abstract holidayDates(): Promise<string[]>;
  /** The routing rules of a category, most specific first (district, then province, then the country's). */
  abstract routingRules(category: string): Promise<Pick<RoutingRuleRecord, 'id' | 'unit' | 'province' | 'district'>[]>;
  abstract eventMappings(eventType: string): Promise<EventMappingRecord[]>;
  /** Read in the transaction: where every connection shares one session (the embedded database), a second would wait. */
  abstract endpoint(name: string): Promise<EndpointRecord | null>;
  /** Writes the step's audit trail and events, in one statement. */
  abstract record(history: HistoryEntry[], events: OutgoingEvent[]): Promise<void>;
}

export interface InstanceFilter {
  /** Only instances with a task at this unit (officers), within their ministry and province; all when absent. */
  unit?: string;
  ministry?: string;
  province?: string;
  /** Only the cases of this ministry (and province): a ministry's administrators and starters (domain administersCase). */
  caseOf?: { ministry: string; province?: string };
  processId?: string;
  state?: string;
  businessKey?: string;
}

export interface TaskFilter {
  unit?: string;
  /** An officer's ministry and province claims: a task of another ministry or province is not theirs (see taskInScope). */
  ministry?: string;
  province?: string;
  /** Only the tasks of this ministry's (and province's) cases: a ministry's administrators (domain administersTask). */
  caseOf?: { ministry: string; province?: string };
  /** Only tasks for these roles (officers); all when absent (supervisors, operators). */
  roles?: string[];
  states: string[];
  assignee?: string;
}

/** The workflow block's store: transactions, and the reads and reference-data writes outside them. */
export abstract class WorkflowStore {
  abstract transaction<T>(work: (tx: WorkflowChanges) => Promise<T>): Promise<T>;
  /** The event consumer's transaction, as WorkflowChanges. */
  abstract within(transaction: Transaction): WorkflowChanges;
  /** With `ministry`: that ministry's definitions and the national ones only. */
  abstract definitions(page: Page, allVersions: boolean, ministry?: string): Promise<[DefinitionRecord[], number]>;
  abstract instances(filter: InstanceFilter, page: Page): Promise<[InstanceRecord[], number]>;
  abstract instance(id: string): Promise<InstanceRecord | null>;
  abstract tasksOf(instanceId: string): Promise<TaskRecord[]>;
  abstract historyOf(instanceId: string): Promise<HistoryRecord[]>;
  abstract tasks(filter: TaskFilter, page: Page): Promise<[TaskRecord[], number]>;
  abstract endpoint(name: string): Promise<EndpointRecord | null>;
  abstract endpoints(): Promise<EndpointRecord[]>;
  abstract saveEndpoint(endpoint: EndpointRecord): Promise<void>;
  /** False when there was none. */
  abstract deleteEndpoint(name: string): Promise<boolean>;
  abstract allRoutingRules(category?: string): Promise<RoutingRuleRecord[]>;
  /** Another rule routing the same category, province and district, if any. */
  abstract clashingRule(
    rule: Pick<RoutingRuleRecord, 'id' | 'category' | 'province' | 'district'>,
  ): Promise<string | undefined>;
  abstract routingRule(id: string): Promise<RoutingRuleRecord | null>;
  /** The owners of a category's rules other than the rule `exceptId` (a category belongs to one ministry, or none). */
  abstract categoryOwners(category: string, exceptId: string): Promise<(string | null)[]>;
  abstract saveRoutingRule(rule: RoutingRuleRecord): Promise<void>;
  abstract deleteRoutingRule(id: string): Promise<boolean>;
  abstract holidays(year?: number): Promise<{ date: string; name: string }[]>;
  abstract saveHoliday(date: string, name: string): Promise<void>;
  abstract deleteHoliday(date: string): Promise<boolean>;
  abstract allEventMappings(): Promise<EventMappingRecord[]>;
  abstract saveEventMapping(mapping: EventMappingRecord): Promise<void>;
  abstract deleteEventMapping(id: string): Promise<boolean>;
}

/** Service tasks that call out (`onedoor:call`): gateways/endpoint-calls.ts. */
export abstract class EndpointCaller {
  /** The calls of one step of this instance (their Idempotency-Keys derive from `stepKey`). */
  abstract callerFor(
    tx: WorkflowChanges,
    instance: Pick<InstanceRecord, 'id' | 'processRef' | 'businessKey'>,
    stepKey: string,
  ): EndpointCall;
  /** After the endpoints change through this replica. */
  abstract forget(): void;
}
