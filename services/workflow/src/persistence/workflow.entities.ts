import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type {
  DefinitionRecord,
  EndpointRecord,
  EventMappingRecord,
  HistoryRecord,
  HolidayRecord,
  InstanceRecord,
  InstanceState,
  MessageWaitRecord,
  RoutingRuleRecord,
  TaskEscalation,
  TaskRecord,
  TaskState,
  TimerRecord,
} from '../domain/workflow.model';

export type { InstanceState, TaskState };

/** One version of a BPMN process definition. Updating a definition adds a version; instances keep theirs. */
@Entity({ name: 'definitions' })
@Index('definitions_key_version', ['key', 'version'], { unique: true })
export class ProcessDefinition implements DefinitionRecord {
  @PrimaryColumn('uuid') id: string;
  /** The executable process's id in the BPMN document; stable across versions. */
  @Column('text') key: string;
  @Column('integer') version: number;
  @Column('text') name: string;
  @Column('text', { nullable: true }) description: string | null;
  /** GovStack's process type: None, Private or Public. */
  @Column('text') type: string;
  @Column('text') bpmn: string;
  /** What the process does, from its elements: user tasks, messages, timers (see definition-compiler.ts). */
  @Column('jsonb') summary: Record<string, unknown>;
  /** The service-level target of a whole instance, in working days (from `onedoor:slaWorkingDays`). */
  @Column('integer', { name: 'sla_working_days', nullable: true }) slaWorkingDays: number | null;
  /** The ministry whose administrators keep it; null for a national process. */
  @Column('text', { nullable: true }) ministry: string | null;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** Deleted definitions start no new instances; running ones finish on their version. */
  @Column('timestamptz', { name: 'deleted_at', nullable: true }) deletedAt: Date | null;
}

/** A running or finished process instance, with the engine's state saved after every step. */
@Entity({ name: 'instances' })
@Index('instances_definition', ['definitionId', 'state'])
@Index('instances_business_key', ['businessKey'])
// On the case's ministry (variables->>'ministry'): an expression index, made by its migration.
@Index('instances_ministry', { synchronize: false })
export class ProcessInstance implements InstanceRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'definition_id' }) definitionId: string;
  /** `<key>:<version>`. */
  @Column('text', { name: 'process_ref' }) processRef: string;
  @Column('text', { name: 'business_key', nullable: true }) businessKey: string | null;
  /** What started it (`event:<id>`, `api:<caller>:<idempotency key>`): a retried start starts nothing new. */
  @Column('text', { name: 'start_key', unique: true }) startKey: string;
  @Column('text') state: InstanceState;
  @Column('jsonb') variables: Record<string, unknown>;
  /** bpmn-elements's saved state; null once the instance has ended. */
  @Column('jsonb', { name: 'engine_state', nullable: true }) engineState: Record<string, unknown> | null;
  /** Incremented by every step; steps run under a row lock, so no step runs twice. */
  @Column('integer') revision: number;
  @Column('text', { name: 'started_by' }) startedBy: string;
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt: Date | null;
  @Column('text', { nullable: true }) reason: string | null;
  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt: Date | null;
}

/** The audit trail: every step, task action and deadline of an instance, with who did it. */
@Entity({ name: 'history' })
@Index('history_instance', ['instanceId', 'id'])
export class InstanceHistory implements HistoryRecord {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column('uuid', { name: 'instance_id' }) instanceId: string;
  @Column('uuid', { name: 'task_id', nullable: true }) taskId: string | null;
  @Column('text') action: string;
  @Column('text', { name: 'element_id', nullable: true }) elementId: string | null;
  @Column('text') actor: string;
  @Column('jsonb', { nullable: true }) detail: Record<string, unknown> | null;
  @CreateDateColumn({ type: 'timestamptz' }) at: Date;
}

/** A user task waiting in (or done by) an office: a role in a unit. */
@Entity({ name: 'tasks' })
@Index('tasks_queue', ['unit', 'state'])
@Index('tasks_instance_execution', ['instanceId', 'executionId'], { unique: true })
export class UserTask implements TaskRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'instance_id' }) instanceId: string;
  @Column('text', { name: 'process_ref' }) processRef: string;
  @Column('text', { name: 'business_key', nullable: true }) businessKey: string | null;
  @Column('text', { name: 'element_id' }) elementId: string;
  /** The engine's execution id of this wait: one row per time the process reaches the task. */
  @Column('text', { name: 'execution_id' }) executionId: string;
  @Column('text') name: string;
  @Column('text') unit: string;
  /** The case's ministry and province when the task was created (null when the process does not say). */
  @Column('text', { nullable: true }) ministry: string | null;
  @Column('text', { nullable: true }) province: string | null;
  @Column('text') role: string;
  /** The outcomes the process accepts (the gateway after the task tests `outcome`). */
  @Column('text', { array: true }) outcomes: string[];
  @Column('text') state: TaskState;
  @Column('text', { nullable: true }) assignee: string | null;
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt: Date | null;
  @Column('timestamptz', { name: 'escalated_at', nullable: true }) escalatedAt: Date | null;
  @Column('jsonb', { nullable: true }) escalation: TaskEscalation | null;
  @Column('text', { nullable: true }) outcome: string | null;
  @Column('text', { nullable: true }) comment: string | null;
  @Column('text', { name: 'completed_by', nullable: true }) completedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
}

/**
 * A persisted timer: a BPMN timer event waiting in an instance, or a task's or instance's deadline. A scheduler
 * on every replica fires due timers under row locks (SKIP LOCKED): none is lost across restarts, none fires twice.
 */
@Entity({ name: 'timers' })
@Index('timers_due', ['dueAt'], { where: '"fired_at" IS NULL' })
@Index('timers_instance', ['instanceId', 'firedAt'])
export class Timer implements TimerRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'instance_id' }) instanceId: string;
  /** `bpmn` (a timer event in the process), `task-deadline` or `instance-deadline`. */
  @Column('text') kind: 'bpmn' | 'task-deadline' | 'task-warning' | 'instance-deadline';
  @Column('text', { name: 'element_id', nullable: true }) elementId: string | null;
  @Column('uuid', { name: 'task_id', nullable: true }) taskId: string | null;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('timestamptz', { name: 'fired_at', nullable: true }) firedAt: Date | null;
}

/** A message an instance waits for (a message catch event or receive task), matched by name and business key. */
@Entity({ name: 'message_waits' })
@Index('message_waits_match', ['messageName', 'correlationKey'])
export class MessageWait implements MessageWaitRecord {
  @PrimaryColumn('uuid', { name: 'instance_id' }) instanceId: string;
  @PrimaryColumn('text', { name: 'element_id' }) elementId: string;
  @Column('text', { name: 'message_name' }) messageName: string;
  @Column('text', { name: 'correlation_key', nullable: true }) correlationKey: string | null;
}

/**
 * Routing as data: (category, province, district) → the responsible unit. The most specific rule wins
 * (district over province over the whole country).
 */
@Entity({ name: 'routing_rules' })
@Index('routing_rules_match', ['category', 'province', 'district'], { unique: true })
export class RoutingRule implements RoutingRuleRecord {
  @PrimaryColumn('text') id: string;
  @Column('text') category: string;
  /** Empty: every province (or district). */
  @Column('text') province: string;
  @Column('text') district: string;
  @Column('text') unit: string;
  /** The ministry whose administrators keep the category's rules; null for a national category. */
  @Column('text', { nullable: true }) ministry: string | null;
  @Column('text', { name: 'updated_by' }) updatedBy: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** Public holidays: deadlines count working days, Monday to Friday except these. */
@Entity({ name: 'holidays' })
export class Holiday implements HolidayRecord {
  @PrimaryColumn('date') date: string;
  @Column('text') name: string;
}

/**
 * What another block's event does here, declared by that block: start a process, or deliver a message to the
 * instances waiting for it. Paths are dotted payload paths (`applicant.province`).
 */
@Entity({ name: 'event_mappings' })
@Index('event_mappings_type', ['eventType'])
export class EventMapping implements EventMappingRecord {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'event_type' }) eventType: string;
  @Column('text') action: 'start' | 'message';
  @Column('text', { name: 'process_key', nullable: true }) processKey: string | null;
  @Column('text', { name: 'message_name', nullable: true }) messageName: string | null;
  /** Payload path of the business key (start) or the correlation key (message). */
  @Column('text', { name: 'key_path' }) keyPath: string;
  /** Process variables from payload paths: `{ "province": "address.province" }`. */
  @Column('jsonb') variables: Record<string, string>;
  /** Only events whose payload has these values: `{ "serviceCode": "business-licence" }`. */
  @Column('jsonb', { name: 'when' }) when: Record<string, string | number | boolean>;
  @Column('text', { name: 'declared_by' }) declaredBy: string;
}

/**
 * Somewhere a process may call (`serviceTask onedoor:call`): another block's API or an integrator's. With
 * `client-credentials`, the workflow block presents its own access token (WORKFLOW_CLIENT_ID/_SECRET at
 * WORKFLOW_TOKEN_URL).
 */
@Entity({ name: 'endpoints' })
export class Endpoint implements EndpointRecord {
  @PrimaryColumn('text') name: string;
  @Column('text') url: string;
  @Column('text') auth: 'none' | 'client-credentials';
  @Column('text', { name: 'updated_by' }) updatedBy: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

export const WORKFLOW_ENTITIES = [
  Endpoint,
  ProcessDefinition,
  ProcessInstance,
  InstanceHistory,
  UserTask,
  Timer,
  MessageWait,
  RoutingRule,
  Holiday,
  EventMapping,
];
