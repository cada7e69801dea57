import { Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, In, type EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { IDEMPOTENCY_STORE, IdempotencyKeys, type IdempotencyClaim, type IdempotencyStore } from '@onedoor/http';
import { preparedQuery } from '@onedoor/persistence';
import type { ApplicationRecord } from '../domain/application';
import type { KnownOrganisation, KnownProcess } from '../domain/service';
import type { Outgoing } from '../application/outgoing';
import {
  ApplicationChanges,
  ApplicationStore,
  type ApplicationChange,
  type NewApplication,
  type StoredDocument,
  type TaskProjection,
  type Transaction,
  type UploadRecord,
} from '../application/ports';
import { RegistrationError, RegistrationErrorCode } from '../domain';
import { Application, ApplicationDocument, KnownPerson, Upload } from './registration.entities';
import { CatalogueTx } from './catalogue.repository';

/** The unique constraint on applications.tracking_code (migration 1765100000000). */
const TRACKING_CODE_UNIQUE = 'UQ_4059089a7122571f224fea57d73';
/** The documents' primary key: a linked upload becomes the document with its id, so it is linked once only. */
const DOCUMENTS_PK = 'PK_ac51aa5181ee2036f5ca482857c';

/** What the identity block's events said about a person (an identity person id); undefined for anyone else. */
async function knownPerson(manager: EntityManager, personId: string): Promise<Record<string, unknown> | undefined> {
  if (!isUUID(personId)) return undefined;
  return (await manager.findOneBy(KnownPerson, { personId }))?.data;
}

/** An application's reads and writes inside one transaction (its locks, its history, its outbox rows). */
export class ApplicationsTx implements ApplicationChanges {
  readonly catalogue: CatalogueTx;

  constructor(
    readonly manager: EntityManager,
    private readonly backbone: EventBackbone,
  ) {
    this.catalogue = new CatalogueTx(manager);
  }

  /** The application under a row lock; null when there is none (or the id is not an application's). */
  lock(id: string): Promise<Application | null> {
    if (!isUUID(id)) return Promise.resolve(null);
    return this.manager
      .createQueryBuilder(Application, 'a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
  }

  /** The offices the workflow block has given the application's tasks to. */
  async routedUnits(id: string): Promise<string[]> {
    const rows: { unit: string }[] = await this.manager.query(
      `SELECT DISTINCT unit FROM registration.tasks WHERE application_id = $1`,
      [id],
    );
    return rows.map((r) => r.unit);
  }

  async update(id: string, change: ApplicationChange): Promise<void> {
    await this.manager.update(Application, { id }, change as never);
  }

  async history(application: ApplicationRecord, action: string, actor: string, note?: string): Promise<void> {
    await this.manager.query(
      `INSERT INTO registration.application_history (application_id, action, status, unit, actor, note) VALUES ($1, $2, $3, $4, $5, $6)`,
      [application.id, action, application.status, application.unit, actor, note ?? null],
    );
  }

  /** Writes the change's events to the outbox, in this transaction. */
  async publish(outgoing: Outgoing): Promise<void> {
    await this.backbone.publisher.publishAll(this.manager, outgoing.events);
  }

  async documentTypes(applicationId: string): Promise<string[]> {
    const rows: { type: string }[] = await this.manager.query(
      `SELECT DISTINCT type FROM registration.documents WHERE application_id = $1`,
      [applicationId],
    );
    return rows.map((r) => r.type);
  }

  async addDocument(document: StoredDocument): Promise<void> {
    await this.manager.save(this.manager.create(ApplicationDocument, document));
  }

  lockUploads(ids: string[]): Promise<UploadRecord[]> {
    const valid = ids.filter((id) => isUUID(id));
    if (!valid.length) return Promise.resolve([]);
    return this.manager.find(Upload, { where: { id: In(valid) }, lock: { mode: 'pessimistic_write' } });
  }

  async attachUpload(uploadId: string, applicationId: string): Promise<void> {
    await this.manager.update(Upload, { id: uploadId }, { attachedTo: applicationId });
  }

  knownPerson(personId: string) {
    return knownPerson(this.manager, personId);
  }

  /** The workflow block's user task, as its events tell it (created, claimed, escalated, completed). */
  async upsertTask(task: TaskProjection): Promise<void> {
    await this.manager.query(
      `INSERT INTO registration.tasks (id, application_id, name, unit, role, state, assignee, outcome, due_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (id) DO UPDATE SET unit = EXCLUDED.unit, state = EXCLUDED.state, assignee = EXCLUDED.assignee,
         outcome = COALESCE(EXCLUDED.outcome, registration.tasks.outcome), updated_at = now()`,
      [
        task.id,
        task.applicationId,
        task.name,
        task.unit,
        task.role,
        task.state,
        task.assignee ?? null,
        task.outcome ?? null,
        task.dueAt ?? null,
      ],
    );
  }

  /** What the identity block says about a person, kept for prefilled forms and eligibility. */
  async rememberPerson(personId: string, data: unknown): Promise<void> {
    await this.manager.query(
      `INSERT INTO registration.persons (person_id, data, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (person_id) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
      [personId, JSON.stringify(data)],
    );
  }

  async rememberProcess(process: KnownProcess): Promise<void> {
    await this.manager.query(
      `INSERT INTO registration.processes (key, version, ministry, roles, retired_at, updated_at)
       VALUES ($1, $2, $3, $4::jsonb, NULL, now())
       ON CONFLICT (key) DO UPDATE SET version = EXCLUDED.version, ministry = EXCLUDED.ministry,
         roles = EXCLUDED.roles, retired_at = NULL, updated_at = now()
       WHERE registration.processes.version <= EXCLUDED.version`,
      [process.key, process.version, process.ministry, JSON.stringify(process.roles)],
    );
  }

  async alertEmailOf(serviceId: string): Promise<string | null> {
    const [row] = (await this.manager.query(`SELECT alert_email FROM registration.services WHERE id = $1`, [
      serviceId,
    ])) as { alert_email: string | null }[];
    return row?.alert_email ?? null;
  }

  async rememberOrganisation(organisation: KnownOrganisation): Promise<void> {
    await this.manager.query(
      `INSERT INTO registration.organisations (code, kind, parent_code, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, parent_code = EXCLUDED.parent_code, updated_at = now()`,
      [organisation.code, organisation.kind, organisation.parentCode],
    );
  }

  async retireProcess(key: string, at: Date): Promise<void> {
    await this.manager.query(
      // Publications and retirements of one process come in order (one partition per process key).
      `UPDATE registration.processes SET retired_at = $2, updated_at = now() WHERE key = $1`,
      [key, at],
    );
  }
}

/**
 * Applications in PostgreSQL. A new application is one statement (insertNew); every other change runs in a
 * transaction (`transaction`, or the event consumer's, `within`) with its history and its outbox rows.
 */
@Injectable()
export class ApplicationsRepository implements ApplicationStore {
  private readonly keys: IdempotencyKeys;
  /** insertNew's statement texts, made once each (with or without a key and events). */
  private readonly statements = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
    @Inject(IDEMPOTENCY_STORE) store: IdempotencyStore,
  ) {
    this.keys = new IdempotencyKeys(store);
  }

  transaction<T>(work: (tx: ApplicationsTx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new ApplicationsTx(manager, this.backbone)));
  }

  /** The event consumer's transaction, as an ApplicationsTx. */
  within(transaction: Transaction): ApplicationsTx {
    return new ApplicationsTx(transaction as EntityManager, this.backbone);
  }

  knownPerson(personId: string) {
    return knownPerson(this.dataSource.manager, personId);
  }

  /** The stored answer for a used Idempotency-Key (thrown as a replay, or a 409/422), or undefined. */
  answerTo(claim: IdempotencyClaim) {
    return this.keys.answer(claim);
  }

  /**
   * Writes a new application, its first history entry, (when submitted) its events and (with a claim) its
   * Idempotency-Key and answer in one statement: no transaction, one round trip, one commit. A tracking code
   * that is taken fails the statement whole, and it runs again with another. `inserted` is false when the
   * claim's key was used before (nothing was written).
   */
  addUpload(upload: UploadRecord): Promise<void> {
    return this.dataSource
      .getRepository(Upload)
      .insert(upload)
      .then(() => undefined);
  }

  uploads(ids: string[]): Promise<UploadRecord[]> {
    const valid = ids.filter((id) => isUUID(id));
    return valid.length ? this.dataSource.getRepository(Upload).findBy({ id: In(valid) }) : Promise.resolve([]);
  }

  async insertNew({
    application,
    action,
    draw,
    outgoing,
    answer,
    claim,
    documents,
  }: NewApplication): Promise<{ inserted: boolean; answer: unknown }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      application.trackingCode = draw();
      const params: unknown[] = [
        application.id,
        application.trackingCode,
        application.serviceId,
        application.serviceCode,
        application.serviceVersion,
        application.applicantId,
        application.applicationName,
        application.phoneLast4,
        application.channel,
        application.status,
        JSON.stringify(application.formData),
        application.ministry,
        application.province,
        application.district,
        application.feeDue,
        application.submittedAt,
        application.createdBy,
        application.createdAt,
        action,
      ];
      const body = answer(application);
      const key = claim && this.keys.insert(claim, body, params.length + 1);
      if (key) params.push(...key.params);
      const events = outgoing(application);
      const prepared = events ? this.backbone.publisher.prepareAll(events.events) : undefined;
      const eventsFrom = params.length + 1;
      if (prepared) params.push(...prepared.params);
      const documentsFrom = params.length + 1;
      if (documents?.length)
        params.push(
          documents.map((d) => d.uploadId),
          documents.map((d) => d.type),
        );
      const variant = `${key ? 'key' : ''}/${prepared ? eventsFrom : ''}/${documents?.length ? documentsFrom : ''}`;
      let statement = this.statements.get(variant);
      if (!statement) {
        statement = `WITH ${key ? `k AS (${key.statement}),` : ''}
        a AS (
          INSERT INTO registration.applications (id, tracking_code, service_id, service_code, service_version, applicant_id,
            application_name, phone_last4, channel, status, form_data, ministry, province, district, fee_due,
            submitted_at, revision, created_by, created_at, updated_at)
          SELECT $1::uuid, $2, $3::uuid, $4, $5::integer, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15::bigint,
            $16::timestamptz, 0, $17, $18::timestamptz, $18::timestamptz ${key ? 'FROM k' : ''}
          RETURNING id, status),
        h AS (INSERT INTO registration.application_history (application_id, action, status, actor) SELECT id, $19, status, $17 FROM a)
        ${documents?.length ? this.linkUploads(documentsFrom) : ''}
        ${prepared ? `, o AS (${prepared.statement(eventsFrom)} WHERE EXISTS (SELECT 1 FROM a))` : ''}
        SELECT id FROM a`;
        this.statements.set(variant, statement);
      }
      let rows: { id: string }[];
      try {
        rows = await preparedQuery<{ id: string }>(this.dataSource, statement, params);
      } catch (error) {
        const constraint = (error as { constraint?: string }).constraint;
        if (constraint === TRACKING_CODE_UNIQUE) continue;
        if (constraint === DOCUMENTS_PK) {
          throw new RegistrationError(
            RegistrationErrorCode.UPLOAD_TAKEN,
            'A linked document is already another application’s.',
          );
        }
        throw error;
      }
      return { inserted: rows.length > 0, answer: body };
    }
    throw new Error('no free tracking code after 5 draws');
  }

  /**
   * The uploads (ids and types at $from, $from+1) become the application's documents, with their history: the
   * uploader's own, not linked before (the documents' primary key refuses a second link, even a concurrent one).
   */
  private linkUploads(from: number): string {
    const linked = `unnest($${from}::uuid[], $${from + 1}::text[]) AS x(id, type)`;
    return `, d AS (
          INSERT INTO registration.documents (id, application_id, type, media_type, size_bytes, sha256, storage_key,
            uploaded_by, uploaded_at)
          SELECT u.id, a.id, x.type, u.media_type, u.size_bytes, u.sha256, u.storage_key, u.uploaded_by, u.uploaded_at
            FROM a, ${linked} JOIN registration.uploads u ON u.id = x.id
           WHERE u.uploaded_by = $17)
        , u AS (UPDATE registration.uploads SET attached_to = $1::uuid
           WHERE id = ANY($${from}::uuid[]) AND uploaded_by = $17 AND EXISTS (SELECT 1 FROM a))
        , dh AS (INSERT INTO registration.application_history (application_id, action, status, actor, note)
          SELECT a.id, 'document-uploaded', a.status, $17, x.type FROM a, ${linked})`;
  }
}
