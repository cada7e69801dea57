import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ApplicationStatus } from '@onedoor/contracts';
import type { ApplicationRecord } from '../domain/application';
import type {
  EligibilityRule,
  KnownOrganisation,
  KnownProcess,
  RequiredDocument,
  ServiceVersion,
  Text,
} from '../domain/service';

export type { EligibilityRule, RequiredDocument, Text };

/** One version of a public service in the catalogue. A change is a new version; applications keep theirs. */
@Entity({ name: 'services' })
@Index('services_code_version', ['code', 'version'], { unique: true })
@Index('services_topics', { synchronize: false })
export class PublicService implements ServiceVersion {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('integer') version: number;
  @Column('jsonb') name: Text;
  @Column('jsonb') description: Text;
  /** The owning ministry and unit (administrative codes). */
  @Column('text') ministry: string;
  @Column('text') unit: string;
  /** What it is about: codes of SERVICE_TOPICS. */
  @Column('text', { array: true, default: () => "'{}'" }) topics: string[];
  /** JSON Schema 2020-12 of the form. */
  @Column('jsonb', { name: 'form_schema' }) formSchema: Record<string, unknown>;
  /** Rendering hints: field order, widgets, labels in Lao and English. */
  @Column('jsonb', { name: 'form_layout' }) formLayout: Record<string, unknown>;
  /** Form fields the platform fills from what the identity block knows: `{ "fullName": "person.displayName.lo" }`. */
  @Column('jsonb') prefill: Record<string, string>;
  @Column('jsonb') documents: RequiredDocument[];
  @Column('jsonb') eligibility: EligibilityRule[];
  /** In kip. */
  @Column('bigint', { name: 'fee_amount', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  feeAmount: number;
  /** The workflow process that handles applications (its key in the workflow block). */
  @Column('text', { name: 'process_key' }) processKey: string;
  @Column('integer', { name: 'sla_working_days' }) slaWorkingDays: number;
  /** Where the ministry's administrators are told when an application to the service stalls. */
  @Column('text', { name: 'alert_email', nullable: true }) alertEmail: string | null;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** Retired versions take no new applications. */
  @Column('timestamptz', { name: 'retired_at', nullable: true }) retiredAt: Date | null;
}

/** An application for a service, from draft to decision. */
@Entity({ name: 'applications' })
@Index('applications_applicant', ['applicantId', 'createdAt'])
@Index('applications_scope', ['ministry', 'province', 'unit'])
@Index('applications_service', ['serviceCode', 'status'])
export class Application implements ApplicationRecord {
  @PrimaryColumn('uuid') id: string;
  /** Short, easy to read aloud and type, with a check character: what the citizen keeps. */
  @Column('text', { name: 'tracking_code', unique: true }) trackingCode: string;
  @Column('uuid', { name: 'service_id' }) serviceId: string;
  @Column('text', { name: 'service_code' }) serviceCode: string;
  @Column('integer', { name: 'service_version' }) serviceVersion: number;
  @Column('text', { name: 'applicant_id' }) applicantId: string;
  @Column('text', { name: 'application_name', nullable: true }) applicationName: string | null;
  /** The last four digits of the phone the citizen gave: the second factor for tracking without a login. */
  @Column('text', { name: 'phone_last4', nullable: true }) phoneLast4: string | null;
  @Column('text') channel: 'counter' | 'online';
  @Column('text') status: ApplicationStatus;
  @Column('jsonb', { name: 'form_data' }) formData: Record<string, unknown>;
  @Column('text') ministry: string;
  @Column('text', { nullable: true }) province: string | null;
  @Column('text', { nullable: true }) district: string | null;
  /** The office the application is at now (from the workflow block's routing and tasks). */
  @Column('text', { nullable: true }) unit: string | null;
  @Column('bigint', { name: 'fee_due', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  feeDue: number;
  @Column('timestamptz', { name: 'fee_paid_at', nullable: true }) feePaidAt: Date | null;
  @Column('text', { name: 'fee_reference', nullable: true }) feeReference: string | null;
  @Column('timestamptz', { name: 'submitted_at', nullable: true }) submittedAt: Date | null;
  /** When a decision is due: the service-level target in working days, from the workflow block. */
  @Column('timestamptz', { name: 'expected_by', nullable: true }) expectedBy: Date | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  /** The reason given with the current status (a send-back's correction), for the citizen. */
  @Column('text', { name: 'status_reason', nullable: true }) statusReason: string | null;
  /** When and why the workflow block could not run its process; null while it runs. */
  @Column('timestamptz', { name: 'stalled_at', nullable: true }) stalledAt: Date | null;
  @Column('text', { name: 'stalled_reason', nullable: true }) stalledReason: string | null;
  @Column('integer') revision: number;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** What happened to an application, when, where and by whom: shown to the citizen and to officers. */
@Entity({ name: 'application_history' })
@Index('application_history_application', ['applicationId', 'id'])
export class ApplicationHistory {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column('uuid', { name: 'application_id' }) applicationId: string;
  @Column('text') action: string;
  @Column('text') status: ApplicationStatus;
  @Column('text', { nullable: true }) unit: string | null;
  @Column('text') actor: string;
  @Column('text', { nullable: true }) note: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) at: Date;
}

/** A document attached to an application; the bytes are in the document storage under `storageKey`. */
@Entity({ name: 'documents' })
@Index('documents_application', ['applicationId'])
export class ApplicationDocument {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'application_id' }) applicationId: string;
  @Column('text') type: string;
  /** Detected from the content, not the name. */
  @Column('text', { name: 'media_type' }) mediaType: string;
  @Column('integer', { name: 'size_bytes' }) sizeBytes: number;
  @Column('text') sha256: string;
  @Column('text', { name: 'storage_key' }) storageKey: string;
  @Column('text', { name: 'uploaded_by' }) uploadedBy: string;
  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt: Date;
}

/** A document uploaded before its application (GovStack's POST /documents): the uploader's until attached. */
@Entity({ name: 'uploads' })
@Index('uploads_uploader', ['uploadedBy', 'uploadedAt'])
export class Upload {
  @PrimaryColumn('uuid') id: string;
  /** Detected from the content, not the name. */
  @Column('text', { name: 'media_type' }) mediaType: string;
  @Column('integer', { name: 'size_bytes' }) sizeBytes: number;
  @Column('text') sha256: string;
  @Column('text', { name: 'storage_key' }) storageKey: string;
  /** The document type the uploader named (additionalMetadata), checked against the service when it is linked. */
  @Column('text', { nullable: true }) type: string | null;
  @Column('text', { name: 'uploaded_by' }) uploadedBy: string;
  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt: Date;
  /** The application it became a document of. */
  @Column('uuid', { name: 'attached_to', nullable: true }) attachedTo: string | null;
}

/** The workflow block's user tasks for applications, kept from its events (GovStack's /tasks). */
@Entity({ name: 'tasks' })
@Index('tasks_unit', ['unit', 'state'])
@Index('tasks_application', ['applicationId'])
export class ApplicationTask {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'application_id' }) applicationId: string;
  @Column('text') name: string;
  @Column('text') unit: string;
  @Column('text') role: string;
  @Column('text') state: 'open' | 'claimed' | 'completed';
  @Column('text', { nullable: true }) assignee: string | null;
  @Column('text', { nullable: true }) outcome: string | null;
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** What the identity block knows about a person, from its events: prefills forms and decides eligibility. */
@Entity({ name: 'persons' })
export class KnownPerson {
  @PrimaryColumn('uuid', { name: 'person_id' }) personId: string;
  @Column('jsonb') data: Record<string, unknown>;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** The workflow processes services may name, as the workflow block announced them. */
@Entity({ name: 'processes' })
export class WorkflowProcess implements KnownProcess {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_registration_processes' }) key: string;
  @Column('integer') version: number;
  @Column('text', { nullable: true }) ministry: string | null;
  @Column('jsonb') roles: string[];
  @Column('timestamptz', { name: 'retired_at', nullable: true }) retiredAt: Date | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** The ministries and departments services may name, as the identity block announced them. */
@Entity({ name: 'organisations' })
export class RegisteredOrganisation implements KnownOrganisation {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_registration_organisations' }) code: string;
  @Column('text') kind: 'ministry' | 'department';
  @Column('text', { name: 'parent_code', nullable: true }) parentCode: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** Failed tracking look-ups per client address and per code, in windows: guessing is throttled on every replica. */
@Entity({ name: 'tracking_attempts' })
export class TrackingAttempt {
  @PrimaryColumn('text') key: string;
  @Column('timestamptz', { name: 'window_start' }) windowStart: Date;
  @Column('integer') failures: number;
}

export const REGISTRATION_ENTITIES = [
  PublicService,
  Application,
  ApplicationHistory,
  ApplicationDocument,
  Upload,
  ApplicationTask,
  KnownPerson,
  WorkflowProcess,
  RegisteredOrganisation,
  TrackingAttempt,
];
