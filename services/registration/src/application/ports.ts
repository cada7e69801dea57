import type { EntityManager } from 'typeorm';
import type { IdempotencyClaim } from '@onedoor/http';
import type { ApplicationStatus } from '@onedoor/contracts';
import type {
  ApplicationRecord,
  ApplicationVisibility,
  CertificateClaims,
  KnownOrganisation,
  KnownProcess,
  ServiceDefinition,
  ServiceVersion,
} from '../domain';
import type { Outgoing } from './outgoing';

/**
 * The database transaction a use case runs in, as the event backbone hands it to a consumer: an opaque handle
 * that handlers pass to the block's repositories (persistence/), never use themselves.
 */
export type Transaction = Pick<EntityManager, 'query'>;

export type { DocumentStorage } from '@onedoor/application';
export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');

/** The workflow block's task API, called with the officer's own token (so it checks unit and role itself). */
export interface WorkflowGateway {
  /** Completes the task; throws the workflow block's refusal (a claim by someone else, an outcome it refuses). */
  completeTask(
    taskId: string,
    authorization: string,
    decision: { outcome: string; comment?: string; variables?: Record<string, unknown> },
  ): Promise<void>;
}
export const WORKFLOW_GATEWAY = Symbol('WORKFLOW_GATEWAY');

/** Signs certificates with the registration block's key, and checks one (an online verifier's question). */
export abstract class CertificateSigner {
  abstract sign(claims: CertificateClaims): Promise<string>;
  /** The public keys a verifier downloads once (JWKS), to check certificates offline. */
  abstract publicKeys(): Promise<{ keys: Record<string, unknown>[] }>;
  /** The claims of a certificate this block signed, or why not: `invalid` (signature, type or form). */
  abstract verify(credential: string): Promise<CertificateClaims | 'invalid'>;
}

// Repositories: abstract classes, so each is both the interface a handler uses and its injection token; the
// block module binds each to its implementation in persistence/.

/** A change to an application's columns, as a use case makes it. */
export type ApplicationChange = Partial<
  Pick<
    ApplicationRecord,
    | 'formData'
    | 'status'
    | 'revision'
    | 'submittedAt'
    | 'unit'
    | 'expectedBy'
    | 'decidedAt'
    | 'statusReason'
    | 'stalledAt'
    | 'stalledReason'
    | 'feePaidAt'
    | 'feeReference'
    | 'updatedAt'
  >
>;

/** An application's reads and writes inside one transaction (its locks, its history, its outbox rows). */
export abstract class ApplicationChanges {
  /**
   * The catalogue read in this transaction, on its connection (a second connection would wait for ever where all
   * connections share one session: the embedded database).
   */
  abstract readonly catalogue: CatalogueChanges;
  /** The application under a row lock; null when there is none (or the id is not an application's). */
  abstract lock(id: string): Promise<ApplicationRecord | null>;
  /** The offices the workflow block has given the application's tasks to. */
  abstract routedUnits(id: string): Promise<string[]>;
  abstract update(id: string, change: ApplicationChange): Promise<void>;
  abstract history(application: ApplicationRecord, action: string, actor: string, note?: string): Promise<void>;
  /** Writes the change's events to the outbox, in this transaction. */
  abstract publish(outgoing: Outgoing): Promise<void>;
  abstract documentTypes(applicationId: string): Promise<string[]>;
  abstract addDocument(document: StoredDocument): Promise<void>;
  /** These uploads (those that exist), locked until the transaction ends. */
  abstract lockUploads(ids: string[]): Promise<UploadRecord[]>;
  /** The upload is the application's document now (linked once only). */
  abstract attachUpload(uploadId: string, applicationId: string): Promise<void>;
  abstract knownPerson(personId: string): Promise<Record<string, unknown> | undefined>;
  abstract upsertTask(task: TaskProjection): Promise<void>;
  abstract rememberPerson(personId: string, data: unknown): Promise<void>;
  /** A process the workflow block announced; an older version's announcement (arriving late) changes nothing. */
  abstract rememberProcess(process: KnownProcess): Promise<void>;
  abstract retireProcess(key: string, at: Date): Promise<void>;
  abstract rememberOrganisation(organisation: KnownOrganisation): Promise<void>;
  /** Where a service version's ministry is told when its applications stall; null when it gave no address. */
  abstract alertEmailOf(serviceId: string): Promise<string | null>;
}

export interface StoredDocument {
  id: string;
  applicationId: string;
  type: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
}

/** The workflow block's user task on an application, as its events tell it. */
export interface TaskProjection {
  id: string;
  applicationId: string;
  name: string;
  unit: string;
  role: string;
  state: 'open' | 'claimed' | 'completed';
  assignee?: string;
  outcome?: string;
  dueAt?: string;
}

/** A new application as a use case has prepared it, and what its one statement writes with it. */
/** A document uploaded before its application; the uploader's until an application of theirs links it. */
export interface UploadRecord {
  id: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  /** The document type the uploader named; checked against the service when it is linked. */
  type: string | null;
  uploadedBy: string;
  attachedTo: string | null;
}

export interface NewApplication {
  application: ApplicationRecord;
  /** Uploads it takes as its documents, each as a type of its service (checked before). */
  documents?: { uploadId: string; type: string }[];
  /** Its first history entry's action. */
  action: string;
  /** Draws a tracking code (again, in the rare case one is taken). */
  draw: () => string;
  /** Its events, made once its tracking code is drawn. */
  outgoing: (application: ApplicationRecord) => Outgoing | undefined;
  /** The answer kept with the Idempotency-Key. */
  answer: (application: ApplicationRecord) => unknown;
  claim?: IdempotencyClaim;
}

/** Applications: a new one in one statement, every other change in a transaction. */
export abstract class ApplicationStore {
  abstract transaction<T>(work: (tx: ApplicationChanges) => Promise<T>): Promise<T>;
  /** The event consumer's transaction, as ApplicationChanges. */
  abstract within(transaction: Transaction): ApplicationChanges;
  abstract knownPerson(personId: string): Promise<Record<string, unknown> | undefined>;
  /** The stored answer for a used Idempotency-Key (a replay to throw, or throws 409/422), or undefined. */
  abstract answerTo(claim: IdempotencyClaim): Promise<unknown>;
  /**
   * Writes a new application with its first history entry, its events and its Idempotency-Key and answer, all
   * or nothing; draws another tracking code when one is taken. `inserted` is false when the key was used before.
   */
  abstract insertNew(request: NewApplication): Promise<{ inserted: boolean; answer: unknown }>;
  abstract addUpload(upload: UploadRecord): Promise<void>;
  /** These uploads (those that exist). */
  abstract uploads(ids: string[]): Promise<UploadRecord[]>;
}

/** The catalogue's versions inside one transaction, serialised per service code. */
export abstract class CatalogueChanges {
  abstract lockCode(code: string): Promise<void>;
  abstract latest(code: string): Promise<ServiceVersion | null>;
  abstract retire(code: string): Promise<void>;
  abstract add(definition: ServiceDefinition, version: number, createdBy: string): Promise<ServiceVersion>;
  abstract find(serviceId: string, includeRetired: boolean): Promise<ServiceVersion | null>;
  /** The workflow process of this key, as the workflow block announced it; null when it never did. */
  abstract process(key: string): Promise<KnownProcess | null>;
  /** A ministry or department as the identity block announced it; null when it never did. */
  abstract organisation(code: string): Promise<KnownOrganisation | null>;
}

export abstract class Catalogue {
  /** A version by id, or the current version by code (retired ones only when asked); null when there is none. */
  abstract find(serviceId: string, includeRetired: boolean): Promise<ServiceVersion | null>;
  /** find(…, true), remembered for a moment by this replica. */
  abstract cached(serviceId: string): Promise<ServiceVersion | null>;
  abstract transaction<T>(work: (tx: CatalogueChanges) => Promise<T>): Promise<T>;
  abstract current(page: Page, filter?: { ministry?: string; topic?: string }): Promise<[ServiceVersion[], number]>;
  abstract versions(code: string): Promise<ServiceVersion[]>;
}

export interface Page {
  offset: number;
  limit: number;
}

/** The order of a list: by one of these, then by id (so pages never overlap). */
export interface ListOrder {
  by: 'created' | 'id' | 'name' | 'dueDate';
  direction: 'ASC' | 'DESC';
}

/** Which tasks: of the unit, within the ministry and province (domain taskVisible); of one application or assignee. */
export interface TaskScope {
  unit?: string;
  ministry?: string;
  province?: string;
  applicationId?: string;
  assignee?: string;
}

export interface HistoryEntry {
  at: Date;
  action: string;
  status: ApplicationStatus;
  unit: string | null;
  actor: string;
  note: string | null;
}

export interface DocumentRecord extends StoredDocument {
  uploadedAt: Date;
}

export interface TaskRecord extends Pick<TaskProjection, 'id' | 'applicationId' | 'name' | 'unit' | 'role' | 'state'> {
  assignee: string | null;
  outcome: string | null;
  dueAt: Date | null;
  createdAt: Date;
}

export interface ApplicationFilter {
  serviceId?: string;
  serviceCode?: string;
  status?: string;
  applicantId?: string;
  /** Only the applications whose process could not run (true), or only the others (false). */
  stalled?: boolean;
}

export interface Count {
  key: string;
  count: number;
}

/** The block's reads: one statement (or a few, together) each, never a lock. */
export abstract class ApplicationReads {
  /** The applications a caller sees (domain/application.ts applicationVisibility), newest first. */
  abstract list(
    visibility: ApplicationVisibility,
    filter: ApplicationFilter,
    page: Page,
    order?: ListOrder,
  ): Promise<[ApplicationRecord[], number]>;
  abstract application(id: string): Promise<{ application: ApplicationRecord; routedUnits: string[] } | null>;
  /** An application's history (its first 500 entries), documents and tasks, oldest first. */
  abstract details(id: string): Promise<{ history: HistoryEntry[]; documents: DocumentRecord[]; tasks: TaskRecord[] }>;
  abstract document(id: string): Promise<DocumentRecord | null>;
  abstract byTrackingCode(code: string): Promise<ApplicationRecord | null>;
  abstract service(id: string): Promise<ServiceVersion | null>;
  /** The first 200 entries of an application's history, for tracking without a login. */
  abstract trackingHistory(applicationId: string): Promise<HistoryEntry[]>;
  /** Tasks in these states within the scope (all when none given), oldest first unless ordered otherwise. */
  abstract tasks(states: string[], scope: TaskScope, page: Page, order?: ListOrder): Promise<[TaskRecord[], number]>;
  abstract task(id: string): Promise<TaskRecord | null>;
  /** The applications and services of these tasks, for their views. */
  abstract ofTasks(tasks: TaskRecord[]): Promise<{ applications: ApplicationRecord[]; services: ServiceVersion[] }>;
  /** Applications whose process could not run, per ministry (for the stalled-applications metric). */
  abstract stalledByMinistry(): Promise<Count[]>;
  /** Officers' completed tasks by outcome in [from, to], one row per period of the timeframe (or one in all). */
  abstract decisions(filter: DecisionFilter): Promise<DecisionCounts[]>;
  /** Counts of applications submitted in [from, to], in a ministry and province when given (null: every one). */
  abstract statistics(
    from: string,
    to: string,
    ministry: string | null,
    province: string | null,
  ): Promise<{
    open: number;
    overdue: number;
    byService: Count[];
    byStatus: Count[];
    byOffice: Count[];
    byProvince: Count[];
    processing: Record<string, unknown>[];
  }>;
}

/** Which officers' decisions to count, and how to group them (GovStack's statistics). */
export interface DecisionFilter {
  from: string;
  to: string;
  ministry: string | null;
  province: string | null;
  service?: string;
  operator?: string;
  role?: string;
  timeframe?: 'day' | 'week' | 'month' | 'year';
}

export interface DecisionCounts {
  /** The first day of the period (with a timeframe). */
  period?: string;
  processed: number;
  approved: number;
  sentBack: number;
  rejected: number;
}

/** Failed tracking look-ups per client address and per code, in windows. */
export abstract class TrackingAttempts {
  /** Whether any of the keys has `max` failures within the last `minutes`. */
  abstract blocked(keys: string[], max: number, minutes: number): Promise<boolean>;
  /** Counts a failure against each key, in its window (a window older than `minutes` starts again). */
  abstract failed(keys: string[], minutes: number): Promise<void>;
}
