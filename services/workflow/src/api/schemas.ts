import { schema as s, type JsonSchema } from '@onedoor/http';

/**
 * What the workflow block's operations answer, as JSON Schema for its OpenAPI document (the views are in
 * views.ts). The tests check real answers against them.
 */

const INSTANCE_STATE = s.enum('running', 'completed', 'stopped', 'failed');
const TASK_STATE = s.enum('open', 'claimed', 'completed', 'cancelled');

export const PROCESS: JsonSchema = s.object(
  {
    id: s.uuid,
    key: s.string(),
    version: s.integer,
    category: s.string('BPMN 2.0'),
    processDefinition: s.object(
      {
        name: s.string(),
        type: s.enum('None', 'Private', 'Public'),
        version: s.string(),
        isExecutable: s.boolean,
        description: s.string(),
      },
      ['description'],
    ),
    slaWorkingDays: s.integer,
    userTasks: s.record,
    createdBy: s.string(),
    createdAt: s.dateTime,
    deleted: s.boolean,
    bpmn: s.string('With ?bpmn=true: the document'),
  },
  ['slaWorkingDays', 'bpmn'],
);

export const INSTANCE: JsonSchema = s.object(
  {
    id: s.uuid,
    processRef: s.string('<key>:<version>'),
    businessKey: s.string(),
    state: INSTANCE_STATE,
    ended: s.boolean,
    suspended: s.boolean,
    initTime: s.dateTime,
    lastChangeTime: s.dateTime,
    endTime: s.dateTime,
    dueAt: s.dateTime,
    startedBy: s.string(),
    reason: s.string(),
  },
  ['businessKey', 'endTime', 'dueAt', 'reason'],
);

export const INSTANCE_DETAIL: JsonSchema = {
  allOf: [
    INSTANCE,
    s.object({
      variables: s.record,
      tasks: s.array(
        s.object(
          {
            id: s.uuid,
            elementId: s.string(),
            name: s.string(),
            unit: s.string(),
            state: TASK_STATE,
            outcome: s.string(),
            dueAt: s.dateTime,
          },
          ['outcome', 'dueAt'],
        ),
      ),
      history: s.array(
        s.object(
          {
            at: s.dateTime,
            action: s.string(),
            elementId: s.string(),
            taskId: s.uuid,
            actor: s.string(),
            detail: s.record,
          },
          ['elementId', 'taskId', 'detail'],
        ),
      ),
    }),
  ],
};

export const INSTANCE_STATUS: JsonSchema = s.object({
  id: s.uuid,
  processRef: s.string(),
  suspended: s.boolean,
  ended: s.boolean,
  state: INSTANCE_STATE,
});

export const DELIVERED: JsonSchema = s.object({ delivered: s.array(s.uuid) });

export const TASK: JsonSchema = s.object(
  {
    id: s.uuid,
    instanceId: s.uuid,
    processRef: s.string(),
    businessKey: s.string(),
    elementId: s.string(),
    name: s.string(),
    unit: s.string(),
    role: s.string(),
    outcomes: s.array(s.string()),
    state: TASK_STATE,
    assignee: s.string(),
    dueAt: s.dateTime,
    escalated: s.boolean,
    outcome: s.string(),
    comment: s.string(),
    completedBy: s.string(),
    createdAt: s.dateTime,
    completedAt: s.dateTime,
  },
  ['businessKey', 'assignee', 'dueAt', 'outcome', 'comment', 'completedBy', 'completedAt'],
);

export const ENDPOINT: JsonSchema = s.object({
  name: s.string(),
  url: s.string(),
  auth: s.enum('none', 'client-credentials'),
  updatedBy: s.string(),
  updatedAt: s.dateTime,
});

export const RULE: JsonSchema = s.object({
  id: s.string(),
  category: s.string(),
  province: s.nullable(s.string()),
  district: s.nullable(s.string()),
  unit: s.string(),
  ministry: s.nullable(s.string()),
  updatedBy: s.string(),
  updatedAt: s.dateTime,
});

export const DECISION: JsonSchema = s.object({ unit: s.string(), ruleId: s.string() });

export const HOLIDAY: JsonSchema = s.object({ date: s.date, name: s.string() });

export const MAPPING: JsonSchema = s.object({
  id: s.string(),
  eventType: s.string(),
  action: s.enum('start', 'message'),
  processKey: s.nullable(s.string()),
  messageName: s.nullable(s.string()),
  keyPath: s.string(),
  variables: s.record,
  when: s.record,
  declaredBy: s.string(),
});

export const DELETED: JsonSchema = s.object({ deleted: s.string() });
