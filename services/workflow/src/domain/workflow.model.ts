/** The workflow block's records, as its use cases see them (persistence/ maps them to tables). */

export type InstanceState = 'running' | 'completed' | 'stopped' | 'failed';
export type TaskState = 'open' | 'claimed' | 'completed' | 'cancelled';

/** One version of a BPMN process definition. Updating a definition adds a version; instances keep theirs. */
export interface DefinitionRecord {
  id: string;
  /** The executable process's id in the BPMN document; stable across versions. */
  key: string;
  version: number;
  name: string;
  description: string | null;
  /** GovStack's process type: None, Private or Public. */
  type: string;
  bpmn: string;
  /** What the process does, from its elements: user tasks, messages, timers (see definition-compiler.ts). */
  summary: Record<string, unknown>;
  /** The service-level target of a whole instance, in working days (from `onedoor:slaWorkingDays`). */
  slaWorkingDays: number | null;
  /** The ministry whose administrators keep it; null for a national process (any ministry may start it). */
  ministry: string | null;
  createdBy: string;
  createdAt: Date;
  /** Deleted definitions start no new instances; running ones finish on their version. */
  deletedAt: Date | null;
}

/** A running or finished process instance, with the engine's state saved after every step. */
export interface InstanceRecord {
  id: string;
  definitionId: string;
  /** `<key>:<version>`. */
  processRef: string;
  businessKey: string | null;
  /** What started it (`event:<id>`, `api:<caller>:<idempotency key>`): a retried start starts nothing new. */
  startKey: string;
  state: InstanceState;
  variables: Record<string, unknown>;
  /** bpmn-elements's saved state; null once the instance has ended. */
  engineState: Record<string, unknown> | null;
  /** Incremented by every step; steps run under a row lock, so no step runs twice. */
  revision: number;
  startedBy: string;
  dueAt: Date | null;
  reason: string | null;
  startedAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
}

/** The audit trail: every step, task action and deadline of an instance, with who did it. */
export interface HistoryRecord {
  id: string;
  instanceId: string;
  taskId: string | null;
  action: string;
  elementId: string | null;
  actor: string;
  detail: Record<string, unknown> | null;
  at: Date;
}

/** A user task waiting in (or done by) an office: a role in a unit. */
export interface TaskRecord {
  id: string;
  instanceId: string;
  processRef: string;
  businessKey: string | null;
  elementId: string;
  /** The engine's execution id of this wait: one row per time the process reaches the task. */
  executionId: string;
  name: string;
  unit: string;
  /**
   * The ministry and province of the case (the instance's `ministry` and `province` variables when it was created):
   * a unit code is unique only within them. Null when the process does not say.
   */
  ministry: string | null;
  province: string | null;
  role: string;
  /** The outcomes the process accepts (the gateway after the task tests `outcome`). */
  outcomes: string[];
  state: TaskState;
  assignee: string | null;
  dueAt: Date | null;
  /** When its deadline first escalated it (to its unit's supervisors). */
  escalatedAt: Date | null;
  /** Where it goes on from there while it stays open (its process's `escalateTo`); null when nowhere. */
  escalation: TaskEscalation | null;
  outcome: string | null;
  comment: string | null;
  completedBy: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

/** A task's escalation chain: past its deadline, up through these offices, one every so many working days. */
export interface TaskEscalation {
  /** The offices after the task's own unit, in order (its process's `escalateTo`, resolved when it was created). */
  chain: string[];
  everyWorkingDays: number;
  /** Escalations so far: 1 is the task's own unit's supervisors, 2 the chain's first office, and so on. */
  level: number;
}

/**
 * A persisted timer: a BPMN timer event waiting in an instance, or a task's or instance's deadline. A scheduler
 * on every replica fires due timers under row locks (SKIP LOCKED): none is lost across restarts, none fires twice.
 */
export interface TimerRecord {
  id: string;
  instanceId: string;
  /** `bpmn` (a timer event in the process), `task-deadline` or `instance-deadline`. */
  kind: 'bpmn' | 'task-deadline' | 'task-warning' | 'instance-deadline';
  elementId: string | null;
  taskId: string | null;
  dueAt: Date;
  firedAt: Date | null;
}

/** A message an instance waits for (a message catch event or receive task), matched by name and business key. */
export interface MessageWaitRecord {
  instanceId: string;
  elementId: string;
  messageName: string;
  correlationKey: string | null;
}

/**
 * Routing as data: (category, province, district) → the responsible unit. The most specific rule wins
 * (district over province over the whole country).
 */
export interface RoutingRuleRecord {
  id: string;
  category: string;
  /** Empty: every province (or district). */
  province: string;
  district: string;
  unit: string;
  /** The ministry whose administrators keep the category's rules; null for a national category. */
  ministry: string | null;
  updatedBy: string;
  updatedAt: Date;
}

/** Public holidays: deadlines count working days, Monday to Friday except these. */
export interface HolidayRecord {
  date: string;
  name: string;
}

/**
 * What another block's event does here, declared by that block: start a process, or deliver a message to the
 * instances waiting for it. Paths are dotted payload paths (`applicant.province`).
 */
export interface EventMappingRecord {
  id: string;
  eventType: string;
  action: 'start' | 'message';
  processKey: string | null;
  messageName: string | null;
  /** Payload path of the business key (start) or the correlation key (message). */
  keyPath: string;
  /** Process variables from payload paths: `{ "province": "address.province" }`. */
  variables: Record<string, string>;
  /** Only events whose payload has these values: `{ "serviceCode": "business-licence" }`. */
  when: Record<string, string | number | boolean>;
  declaredBy: string;
}

/**
 * Somewhere a process may call (`serviceTask onedoor:call`): another block's API or an integrator's. With
 * `client-credentials`, the workflow block presents its own access token (WORKFLOW_CLIENT_ID/_SECRET at
 * WORKFLOW_TOKEN_URL).
 */
export interface EndpointRecord {
  name: string;
  url: string;
  auth: 'none' | 'client-credentials';
  updatedBy: string;
  updatedAt: Date;
}
