import { defineEvent } from '../event-contract';

/** What every workflow event says about the case it belongs to. */
export interface WorkflowCaseFields {
  instanceId: string;
  /** `<key>:<version>` of the process definition the instance runs. */
  processRef: string;
  /** The case this instance handles (an application id, a hotline case id), when it has one. */
  businessKey?: string;
  at: string;
}

export interface InstanceStartedPayload extends WorkflowCaseFields {
  startedBy: string;
  /** The instance's service-level deadline, from working days and the holiday calendar. */
  dueAt?: string;
}

export interface InstanceEndedPayload extends WorkflowCaseFields {
  state: 'completed' | 'stopped' | 'failed';
  /** Who stopped it, or why it failed. */
  reason?: string;
}

export interface TaskPayload extends WorkflowCaseFields {
  taskId: string;
  /** The user task's id in the BPMN definition. */
  elementId: string;
  name: string;
  /** Office the task belongs to (ministry, province or district office code) and the role that works it. */
  unit: string;
  role: string;
  assignee?: string;
  dueAt?: string;
}

export interface TaskCompletedPayload extends TaskPayload {
  outcome: string;
  completedBy: string;
}

export interface DeadlineBreachedPayload extends WorkflowCaseFields {
  /** A task's deadline or the whole instance's service-level target. */
  scope: 'task' | 'instance';
  taskId?: string;
  unit?: string;
  dueAt: string;
}

export interface TaskEscalatedPayload extends TaskPayload {
  /** The role the task now goes to (the supervisors). */
  escalatedTo: string;
  /**
   * Past its deadline: the office whose supervisors it went to (its own unit first, then each office of its
   * process's escalation chain, `onedoor:escalateTo`), and how far up that is (1: its own unit).
   */
  escalatedToOffice?: string;
  level?: number;
  reason: 'deadline' | 'reassigned';
}

export interface CaseRoutedPayload extends WorkflowCaseFields {
  category: string;
  province?: string;
  district?: string;
  unit: string;
  /** The routing rule that decided. */
  ruleId: string;
}

export interface StatusChangedPayload extends WorkflowCaseFields {
  /** The status a step of the process declares, such as GovStack's PENDING, APPROVED, SENDBACK, REJECTED. */
  status: string;
  elementId: string;
  comment?: string;
}

export interface StartRequestedPayload {
  /** The process definition's key; the latest version starts. */
  processKey: string;
  /** The case to handle; also the partition key, so one case's requests stay in order. */
  businessKey: string;
  requestedBy: string;
  variables?: Record<string, unknown>;
}

const caseProperties = {
  instanceId: { type: 'string', format: 'uuid' },
  processRef: { type: 'string', maxLength: 200 },
  businessKey: { type: 'string', maxLength: 200 },
  at: { type: 'string', format: 'date-time' },
} as const;
const caseRequired = ['instanceId', 'processRef', 'at'];
const taskProperties = {
  ...caseProperties,
  taskId: { type: 'string', format: 'uuid' },
  elementId: { type: 'string', maxLength: 200 },
  name: { type: 'string', maxLength: 500 },
  unit: { type: 'string', maxLength: 100 },
  role: { type: 'string', maxLength: 100 },
  assignee: { type: 'string', maxLength: 200 },
  dueAt: { type: 'string', format: 'date-time' },
} as const;
const taskRequired = [...caseRequired, 'taskId', 'elementId', 'name', 'unit', 'role'];

const INSTANCE_TOPIC = 'onedoor.workflow.instance.v1';
const TASK_TOPIC = 'onedoor.workflow.task.v1';

const exampleCase = {
  instanceId: '0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19',
  processRef: 'business-licence:2',
  businessKey: 'APP-7KQ4-M9XH',
  at: '2026-11-22T03:15:00.000Z',
};
const exampleTask = {
  ...exampleCase,
  taskId: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
  elementId: 'district-review',
  name: 'District office review',
  unit: 'MOIC-VTE-D01',
  role: 'registration.reviewer',
  dueAt: '2026-11-25T03:15:00.000Z',
};

export const WorkflowInstanceStarted = defineEvent<InstanceStartedPayload>({
  type: 'la.gov.onedoor.workflow.instance.started.v1',
  version: 1,
  source: 'workflow',
  topic: INSTANCE_TOPIC,
  partitionKey: 'instanceId',
  summary: 'A process instance started (from the API, a start request or another block’s event).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...caseRequired, 'startedBy'],
    properties: {
      ...caseProperties,
      startedBy: { type: 'string', maxLength: 200 },
      dueAt: { type: 'string', format: 'date-time' },
    },
  },
  example: { ...exampleCase, startedBy: 'registration', dueAt: '2026-12-04T03:15:00.000Z' },
});

const endedSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...caseRequired, 'state'],
  properties: {
    ...caseProperties,
    state: { type: 'string', enum: ['completed', 'stopped', 'failed'] },
    reason: { type: 'string', maxLength: 500 },
  },
} as const;

export const WorkflowInstanceCompleted = defineEvent<InstanceEndedPayload>({
  type: 'la.gov.onedoor.workflow.instance.completed.v1',
  version: 1,
  source: 'workflow',
  topic: INSTANCE_TOPIC,
  partitionKey: 'instanceId',
  summary: 'A process instance reached an end event.',
  schema: endedSchema,
  example: { ...exampleCase, state: 'completed' },
});

export const WorkflowInstanceStopped = defineEvent<InstanceEndedPayload>({
  type: 'la.gov.onedoor.workflow.instance.stopped.v1',
  version: 1,
  source: 'workflow',
  topic: INSTANCE_TOPIC,
  partitionKey: 'instanceId',
  summary: 'A process instance was stopped through the API, or failed and stopped.',
  schema: endedSchema,
  example: { ...exampleCase, state: 'stopped', reason: 'withdrawn by the applicant' },
});

export const WorkflowStatusChanged = defineEvent<StatusChangedPayload>({
  type: 'la.gov.onedoor.workflow.case.status-changed.v1',
  version: 1,
  source: 'workflow',
  topic: INSTANCE_TOPIC,
  partitionKey: 'instanceId',
  summary: 'A step of the process set the case’s status (the block owning the case records it and tells the citizen).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...caseRequired, 'status', 'elementId'],
    properties: {
      ...caseProperties,
      status: { type: 'string', pattern: '^[A-Z][A-Z_]{1,39}$' },
      elementId: { type: 'string', maxLength: 200 },
      comment: { type: 'string', maxLength: 2000 },
    },
  },
  example: { ...exampleCase, status: 'APPROVED', elementId: 'approved' },
});

export const WorkflowCaseRouted = defineEvent<CaseRoutedPayload>({
  type: 'la.gov.onedoor.workflow.case.routed.v1',
  version: 1,
  source: 'workflow',
  topic: INSTANCE_TOPIC,
  partitionKey: 'instanceId',
  summary: 'The routing table chose the office responsible for the case.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...caseRequired, 'category', 'unit', 'ruleId'],
    properties: {
      ...caseProperties,
      category: { type: 'string', maxLength: 100 },
      province: { type: 'string', maxLength: 20 },
      district: { type: 'string', maxLength: 20 },
      unit: { type: 'string', maxLength: 100 },
      ruleId: { type: 'string', maxLength: 100 },
    },
  },
  example: {
    ...exampleCase,
    category: 'business-licence',
    province: '01',
    district: '0101',
    unit: 'MOIC-VTE-D01',
    ruleId: 'business-licence-vte',
  },
});

export const WorkflowDeadlineBreached = defineEvent<DeadlineBreachedPayload>({
  type: 'la.gov.onedoor.workflow.deadline.breached.v1',
  version: 1,
  source: 'workflow',
  topic: INSTANCE_TOPIC,
  partitionKey: 'instanceId',
  summary: 'A task or a whole case passed its deadline (working days, holiday calendar).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...caseRequired, 'scope', 'dueAt'],
    properties: {
      ...caseProperties,
      scope: { type: 'string', enum: ['task', 'instance'] },
      taskId: { type: 'string', format: 'uuid' },
      unit: { type: 'string', maxLength: 100 },
      dueAt: { type: 'string', format: 'date-time' },
    },
  },
  example: {
    ...exampleCase,
    scope: 'task',
    taskId: exampleTask.taskId,
    unit: exampleTask.unit,
    dueAt: exampleTask.dueAt,
  },
});

export const WorkflowTaskCreated = defineEvent<TaskPayload>({
  type: 'la.gov.onedoor.workflow.task.created.v1',
  version: 1,
  source: 'workflow',
  topic: TASK_TOPIC,
  partitionKey: 'taskId',
  summary: 'A user task waits in an office’s queue.',
  schema: { type: 'object', additionalProperties: false, required: taskRequired, properties: taskProperties },
  example: exampleTask,
});

export const WorkflowTaskClaimed = defineEvent<TaskPayload>({
  type: 'la.gov.onedoor.workflow.task.claimed.v1',
  version: 1,
  source: 'workflow',
  topic: TASK_TOPIC,
  partitionKey: 'taskId',
  summary: 'An officer took a task from the queue (a release puts it back, without an event).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...taskRequired, 'assignee'],
    properties: taskProperties,
  },
  example: { ...exampleTask, assignee: 'officer-3f2a' },
});

export const WorkflowTaskCompleted = defineEvent<TaskCompletedPayload>({
  type: 'la.gov.onedoor.workflow.task.completed.v1',
  version: 1,
  source: 'workflow',
  topic: TASK_TOPIC,
  partitionKey: 'taskId',
  summary: 'An officer completed a task with an outcome (approve, reject, send back…).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...taskRequired, 'outcome', 'completedBy'],
    properties: {
      ...taskProperties,
      outcome: { type: 'string', maxLength: 50 },
      completedBy: { type: 'string', maxLength: 200 },
    },
  },
  example: { ...exampleTask, assignee: 'officer-3f2a', outcome: 'approve', completedBy: 'officer-3f2a' },
});

export const WorkflowTaskEscalated = defineEvent<TaskEscalatedPayload>({
  type: 'la.gov.onedoor.workflow.task.escalated.v1',
  version: 1,
  source: 'workflow',
  topic: TASK_TOPIC,
  partitionKey: 'taskId',
  summary:
    'A task went to the supervisors: its deadline passed (its unit’s, then each office of its escalation chain in turn), or a supervisor reassigned it.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...taskRequired, 'escalatedTo', 'reason'],
    properties: {
      ...taskProperties,
      escalatedTo: { type: 'string', maxLength: 100 },
      escalatedToOffice: { type: 'string', maxLength: 100 },
      level: { type: 'integer', minimum: 1, maximum: 20 },
      reason: { type: 'string', enum: ['deadline', 'reassigned'] },
    },
  },
  example: {
    ...exampleTask,
    escalatedTo: 'workflow.supervisor',
    escalatedToOffice: 'MOIC',
    level: 2,
    reason: 'deadline',
  },
});

export const WorkflowDeadlineApproaching = defineEvent<TaskPayload>({
  type: 'la.gov.onedoor.workflow.deadline.approaching.v1',
  version: 1,
  source: 'workflow',
  topic: TASK_TOPIC,
  partitionKey: 'taskId',
  summary:
    "A task's deadline is near (the working days its process warns before, `onedoor:warnWorkingDaysBefore`), and the task is still open: its office is warned.",
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...taskRequired, 'dueAt'],
    properties: taskProperties,
  },
  example: exampleTask,
});

export const WorkflowStartRequested = defineEvent<StartRequestedPayload>({
  type: 'la.gov.onedoor.workflow.start.requested.v1',
  version: 1,
  source: 'workflow',
  topic: 'onedoor.workflow.start-request.v1',
  partitionKey: 'businessKey',
  summary:
    'Asks the workflow block to start a process (any block or integrator may publish it; the event id makes the start idempotent).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['processKey', 'businessKey', 'requestedBy'],
    properties: {
      processKey: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,99}$' },
      businessKey: { type: 'string', maxLength: 200 },
      requestedBy: { type: 'string', maxLength: 200 },
      variables: { type: 'object' },
    },
  },
  example: {
    processKey: 'business-licence',
    businessKey: 'APP-7KQ4-M9XH',
    requestedBy: 'registration',
    variables: { category: 'business-licence', province: '01', district: '0101' },
  },
});

export interface StartFailedPayload {
  processKey: string;
  businessKey: string;
  requestedBy: string;
  /** Why: the workflow block's refusal code (WORKFLOW.DEFINITION_NOT_FOUND: no such process). */
  code: string;
  reason: string;
  at: string;
}

export const WorkflowStartFailed = defineEvent<StartFailedPayload>({
  type: 'la.gov.onedoor.workflow.start.failed.v1',
  version: 1,
  source: 'workflow',
  topic: INSTANCE_TOPIC,
  partitionKey: 'businessKey',
  summary:
    'A start request could not start its process (it names no process, or one that was retired): nothing runs for the case until it is asked again. An instance that starts and then fails is instance.stopped with state failed.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['processKey', 'businessKey', 'requestedBy', 'code', 'reason', 'at'],
    properties: {
      processKey: { type: 'string', maxLength: 100 },
      businessKey: { type: 'string', maxLength: 200 },
      requestedBy: { type: 'string', maxLength: 200 },
      code: { type: 'string', maxLength: 100 },
      reason: { type: 'string', maxLength: 500 },
      at: { type: 'string', format: 'date-time' },
    },
  },
  example: {
    processKey: 'business-licence',
    businessKey: 'APP-7KQ4-M9XH',
    requestedBy: 'registration',
    code: 'WORKFLOW.DEFINITION_NOT_FOUND',
    reason: 'No process definition business-licence.',
    at: '2026-11-22T03:15:00.000Z',
  },
});

export interface ProcessPublishedPayload {
  processKey: string;
  version: number;
  name: string;
  /** The ministry whose administrators keep it; absent for a national process any ministry may use. */
  ministry?: string;
  /** The roles its user tasks are given to: who must exist for its cases to be worked. */
  roles: string[];
  at: string;
}

export interface ProcessRetiredPayload {
  processKey: string;
  at: string;
}

const PROCESS_TOPIC = 'onedoor.workflow.process.v1';

export const WorkflowProcessPublished = defineEvent<ProcessPublishedPayload>({
  type: 'la.gov.onedoor.workflow.process.published.v1',
  version: 1,
  source: 'workflow',
  topic: PROCESS_TOPIC,
  partitionKey: 'processKey',
  summary:
    'A process (or a new version of it) can be started: other blocks keep the processes they may name (registration refuses a service whose process does not exist).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['processKey', 'version', 'name', 'roles', 'at'],
    properties: {
      processKey: { type: 'string', maxLength: 100 },
      version: { type: 'integer', minimum: 1 },
      name: { type: 'string', maxLength: 200 },
      ministry: { type: 'string', maxLength: 50 },
      roles: { type: 'array', maxItems: 200, items: { type: 'string', maxLength: 100 } },
      at: { type: 'string', format: 'date-time' },
    },
  },
  example: {
    processKey: 'business-licence',
    version: 2,
    name: 'Business licence',
    ministry: 'MOIC',
    roles: ['registration.reviewer'],
    at: '2026-11-22T03:15:00.000Z',
  },
});

export const WorkflowProcessRetired = defineEvent<ProcessRetiredPayload>({
  type: 'la.gov.onedoor.workflow.process.retired.v1',
  version: 1,
  source: 'workflow',
  topic: PROCESS_TOPIC,
  partitionKey: 'processKey',
  summary: 'A process starts no new instances (running ones finish on their version).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['processKey', 'at'],
    properties: {
      processKey: { type: 'string', maxLength: 100 },
      at: { type: 'string', format: 'date-time' },
    },
  },
  example: { processKey: 'business-licence', at: '2026-11-22T03:15:00.000Z' },
});

export interface MessageRequestedPayload {
  /** The message name a process waits for (a message catch event or receive task). */
  name: string;
  /** The business key of the instances to deliver it to. */
  correlationKey: string;
  requestedBy: string;
  variables?: Record<string, unknown>;
}

export interface StopRequestedPayload {
  businessKey: string;
  requestedBy: string;
  reason?: string;
}

const COMMAND_TOPIC = 'onedoor.workflow.command.v1';

export const WorkflowMessageRequested = defineEvent<MessageRequestedPayload>({
  type: 'la.gov.onedoor.workflow.message.requested.v1',
  version: 1,
  source: 'workflow',
  topic: COMMAND_TOPIC,
  partitionKey: 'correlationKey',
  summary:
    'Asks the workflow block to deliver a message (a fee paid, a correction made) to the instances of a case waiting for it. Any block may publish it.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'correlationKey', 'requestedBy'],
    properties: {
      name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$' },
      correlationKey: { type: 'string', maxLength: 200 },
      requestedBy: { type: 'string', maxLength: 200 },
      variables: { type: 'object' },
    },
  },
  example: {
    name: 'registration.fee-paid',
    correlationKey: 'APP-7KQ4-M9XH',
    requestedBy: 'registration',
    variables: { receipt: 'R-2026-0042' },
  },
});

export const WorkflowStopRequested = defineEvent<StopRequestedPayload>({
  type: 'la.gov.onedoor.workflow.stop.requested.v1',
  version: 1,
  source: 'workflow',
  topic: COMMAND_TOPIC,
  partitionKey: 'businessKey',
  summary:
    'Asks the workflow block to stop the running instances of a case (an application withdrawn). Any block may publish it.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['businessKey', 'requestedBy'],
    properties: {
      businessKey: { type: 'string', maxLength: 200 },
      requestedBy: { type: 'string', maxLength: 200 },
      reason: { type: 'string', maxLength: 500 },
    },
  },
  example: { businessKey: 'APP-7KQ4-M9XH', requestedBy: 'registration', reason: 'withdrawn by the applicant' },
});
