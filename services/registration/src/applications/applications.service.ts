import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventBackbone, type PublishOptions } from '@onedoor/backbone';
import { hasRole, ROLES, scopeCovers, type Caller } from '@onedoor/auth';
import {
  ApplicationResubmitted,
  ApplicationSubmitted,
  ApplicationWithdrawn,
  FeePaid,
  WorkflowMessageRequested,
  WorkflowStartRequested,
  WorkflowStopRequested,
  type ApplicationEventPayload,
  type ApplicationStatus,
  type EventContract,
  type PayloadOf,
} from '@onedoor/contracts';
import {
  IDEMPOTENCY_STORE,
  IdempotencyKeys,
  ProblemException,
  type IdempotencyClaim,
  type IdempotencyStore,
} from '@onedoor/http';
import { preparedQuery } from '@onedoor/persistence';
import { CatalogueService } from '../catalogue/catalogue.service';
import { formErrors, knownPerson, prefilled, unmetRules } from '../catalogue/form-rules';
import { Application, type PublicService } from '../registration.entities';
import type { SubmitApplicationDto, UpdateApplicationDto } from '../registration.dto';
import { applicationView } from './application-view';
import { newTrackingCode } from './tracking-code';

const MAX_FORM_BYTES = 256_000;
/** The unique constraint on applications.tracking_code (migration 1765100000000). */
const TRACKING_CODE_UNIQUE = 'UQ_4059089a7122571f224fea57d73';
export const RESUBMITTED_MESSAGE = 'registration.application-resubmitted';
export const FEE_PAID_MESSAGE = 'registration.fee-paid';

/** Events a change publishes, written to the outbox in its transaction, in order. */
export class Outgoing {
  readonly events: { contract: EventContract; payload: unknown; options?: PublishOptions }[] = [];
  add<C extends EventContract>(contract: C, payload: PayloadOf<C>) {
    this.events.push({ contract, payload, options: {} });
    return this;
  }
}

export function applicationEvent(application: Application): ApplicationEventPayload {
  return {
    applicationId: application.id,
    trackingCode: application.trackingCode,
    serviceCode: application.serviceCode,
    serviceVersion: application.serviceVersion,
    applicantId: application.applicantId,
    ministry: application.ministry,
    ...(application.province && { province: application.province }),
    ...(application.district && { district: application.district }),
    status: application.status,
    at: new Date().toISOString(),
  };
}

/** Who may read an application: the applicant, the clerk who took it, officers it is routed to, ministry staff. */
export function canRead(caller: Caller, application: Application, routedUnits: string[] = []): boolean {
  if (application.applicantId === caller.sub) return true;
  if (hasRole(caller, ROLES.registrationClerk) && application.createdBy === caller.sub) return true;
  if (hasRole(caller, ROLES.platformOperator)) return true;
  if (hasRole(caller, ROLES.registrationAdmin) && scopeCovers(caller, { ministry: application.ministry })) return true;
  if (!hasRole(caller, ROLES.registrationOfficer)) return false;
  if (caller.unit) return caller.unit === application.unit || routedUnits.includes(caller.unit);
  return scopeCovers(caller, { ministry: application.ministry, province: application.province ?? undefined });
}

/**
 * Applications: submitted once (a retried `Idempotency-Key` returns the first answer), validated against the
 * service version's eForm, with the data the government already holds filled in; every change is one
 * transaction with its history and its events (the workflow block starts, continues or stops the process).
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueService,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
    @Inject(IDEMPOTENCY_STORE) store: IdempotencyStore,
  ) {
    this.keys = new IdempotencyKeys(store);
  }

  private readonly keys: IdempotencyKeys;
  /** insertNew's statement texts, made once each (with or without a key and events). */
  private readonly statements = new Map<string, string>();

  async history(manager: EntityManager, application: Application, action: string, actor: string, note?: string) {
    await manager.query(
      `INSERT INTO registration.application_history (application_id, action, status, unit, actor, note) VALUES ($1, $2, $3, $4, $5, $6)`,
      [application.id, action, application.status, application.unit, actor, note ?? null],
    );
  }

  async flush(manager: EntityManager, outgoing: Outgoing) {
    await this.backbone.publisher.publishAll(manager, outgoing.events);
  }

  /** The application under a row lock, if the caller may see it; 404 otherwise. */
  async locked(manager: EntityManager, id: string, caller: Caller): Promise<Application> {
    const application = await manager
      .createQueryBuilder(Application, 'a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
    if (!application || !canRead(caller, application, await this.routedUnits(manager, id))) {
      throw new ProblemException(HttpStatus.NOT_FOUND, 'REGISTRATION.APPLICATION_NOT_FOUND', `No application ${id}.`);
    }
    return application;
  }

  async routedUnits(manager: EntityManager, id: string): Promise<string[]> {
    const rows: { unit: string }[] = await manager.query(
      `SELECT DISTINCT unit FROM registration.tasks WHERE application_id = $1`,
      [id],
    );
    return rows.map((r) => r.unit);
  }

  private checkForm(service: PublicService, data: Record<string, unknown>, person: unknown) {
    const errors = formErrors(service, data);
    if (errors.length) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'REGISTRATION.FORM_INVALID',
        errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      );
    }
    const unmet = unmetRules(service.eligibility, {
      form: data,
      person: person ?? {},
      today: new Date().toISOString().slice(0, 10),
    });
    if (unmet.length) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'REGISTRATION.NOT_ELIGIBLE',
        unmet.map((m) => m.en).join('; '),
        unmet.map((m) => ({ field: '(eligibility)', message: m.en, lo: m.lo })),
      );
    }
  }

  /** The required documents not attached yet: a service that needs documents is applied for as a draft first. */
  private async assertDocuments(manager: EntityManager, service: PublicService, applicationId?: string) {
    const required = service.documents.filter((d) => d.required);
    if (!required.length) return;
    const present: { type: string }[] = applicationId
      ? await manager.query(`SELECT DISTINCT type FROM registration.documents WHERE application_id = $1`, [
          applicationId,
        ])
      : [];
    const missing = required.filter((d) => !present.some((p) => p.type === d.type));
    if (missing.length) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'REGISTRATION.DOCUMENTS_MISSING',
        `Attach ${missing.map((d) => d.type).join(', ')} first (save a draft, attach, then submit).`,
        missing.map((d) => ({ field: `documents.${d.type}`, message: 'required' })),
      );
    }
  }

  private startProcess(outgoing: Outgoing, application: Application, service: PublicService) {
    outgoing.add(ApplicationSubmitted, applicationEvent(application));
    outgoing.add(WorkflowStartRequested, {
      processKey: service.processKey,
      businessKey: application.id,
      requestedBy: 'registration',
      variables: {
        category: service.code,
        serviceCode: service.code,
        applicationId: application.id,
        trackingCode: application.trackingCode,
        ministry: application.ministry,
        ...(application.province && { province: application.province }),
        ...(application.district && { district: application.district }),
        feeDue: application.feeDue,
      },
    });
  }

  /**
   * A new application, or a draft: its view (applicationView), the answer. With an Idempotency-Key (`claim`), the
   * key and this answer are written in the application's own statement; a retry gets the first answer, even when
   * the service has been retired since.
   */
  async submit(
    serviceId: string,
    body: SubmitApplicationDto,
    caller: Caller,
    claim?: IdempotencyClaim,
  ): Promise<ReturnType<typeof applicationView>> {
    let prepared: { application: Application; service: PublicService };
    try {
      prepared = await this.prepareNew(serviceId, body, caller);
    } catch (error) {
      const replay = claim && error instanceof ProblemException && (await this.keys.answer(claim));
      throw replay || error;
    }
    return this.insertNew(prepared.application, prepared.service, body.draft ? 'draft-saved' : 'submitted', claim);
  }

  /** The application a submission makes, checked against the service's eForm, rules and documents. */
  private async prepareNew(serviceId: string, body: SubmitApplicationDto, caller: Caller) {
    const clerk = hasRole(caller, ROLES.registrationClerk);
    if (!clerk && !hasRole(caller, ROLES.citizen)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'PLATFORM.FORBIDDEN',
        'Applicants and counter clerks submit applications.',
      );
    }
    const applicantId = clerk ? body.applicantId : caller.sub;
    if (!applicantId) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'PLATFORM.VALIDATION_FAILED',
        'applicantId: whom the clerk applies for',
        [{ field: 'applicantId', message: 'required at the counter' }],
      );
    }
    if (!clerk && body.applicantId && body.applicantId !== caller.sub) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'REGISTRATION.NOT_YOURSELF',
        'Citizens apply for themselves; counters apply for others.',
      );
    }
    if (JSON.stringify(body.formData.data).length > MAX_FORM_BYTES) {
      throw new ProblemException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'REGISTRATION.FORM_TOO_LARGE',
        'Form data is limited to 256 kB.',
      );
    }
    const service = await this.catalogue.cached(serviceId);
    if (service.retiredAt) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'REGISTRATION.SERVICE_VERSION_RETIRED',
        `Version ${service.version} of ${service.code} takes no new applications: use the current one.`,
      );
    }
    if (body.formData.eFormId && body.formData.eFormId !== service.id) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'REGISTRATION.EFORM_MISMATCH',
        'The form was captured with another version of the service’s eForm.',
      );
    }
    // Once only: what the identity block told us about the applicant, when the service or the phone needs it.
    const needsPerson =
      Object.keys(service.prefill).length > 0 ||
      service.eligibility.some((r) => /\bperson\b/.test(r.rule)) ||
      !body.phone;
    const person = needsPerson ? await knownPerson(this.dataSource.manager, applicantId) : undefined;
    const data = { ...prefilled(service, person), ...body.formData.data };
    if (!body.draft) {
      this.checkForm(service, data, person);
      await this.assertDocuments(this.dataSource.manager, service);
    }
    const phone = body.phone ?? (person?.phone as string | undefined);
    const now = new Date();
    const application = this.dataSource.manager.create(Application, {
      id: randomUUID(),
      trackingCode: '',
      serviceId: service.id,
      serviceCode: service.code,
      serviceVersion: service.version,
      applicantId,
      applicationName: body.applicationName ?? null,
      phoneLast4: phone ? phone.replace(/\D/g, '').slice(-4) : null,
      channel: clerk ? 'counter' : 'online',
      status: body.draft ? 'DRAFT' : 'PENDING',
      formData: data,
      ministry: service.ministry,
      province:
        (typeof data.province === 'string' ? data.province : (person?.provinceCode as string | undefined)) ?? null,
      district:
        (typeof data.district === 'string' ? data.district : (person?.districtCode as string | undefined)) ?? null,
      unit: null,
      feeDue: service.feeAmount,
      feePaidAt: null,
      feeReference: null,
      submittedAt: body.draft ? null : now,
      expectedBy: null,
      decidedAt: null,
      revision: 0,
      createdBy: caller.sub,
      createdAt: now,
      updatedAt: now,
    });
    return { application, service };
  }

  /**
   * Writes a new application, its first history entry, (when submitted) its events and (with a claim) its
   * Idempotency-Key and answer in one statement: no transaction, one round trip, one commit. Draws another
   * tracking code in the rare case one is taken (the statement then fails whole and is run again). Returns the
   * answer kept with the key.
   */
  private async insertNew(application: Application, service: PublicService, action: string, claim?: IdempotencyClaim) {
    const submitted = application.status !== 'DRAFT';
    for (let attempt = 0; attempt < 5; attempt++) {
      application.trackingCode = newTrackingCode();
      const outgoing = new Outgoing();
      if (submitted) this.startProcess(outgoing, application, service);
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
      const answer = applicationView(application);
      const key = claim && this.keys.insert(claim, answer, params.length + 1);
      if (key) params.push(...key.params);
      const events = submitted ? this.backbone.publisher.prepareAll(outgoing.events) : undefined;
      const eventsFrom = params.length + 1;
      if (events) params.push(...events.params);
      const variant = `${key ? 'key' : ''}/${events ? eventsFrom : ''}`;
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
        ${events ? `, o AS (${events.statement(eventsFrom)} WHERE EXISTS (SELECT 1 FROM a))` : ''}
        SELECT id FROM a`;
        this.statements.set(variant, statement);
      }
      let rows: { id: string }[];
      try {
        rows = await preparedQuery<{ id: string }>(this.dataSource, statement, params);
      } catch (error) {
        if ((error as { constraint?: string }).constraint === TRACKING_CODE_UNIQUE) continue;
        throw error;
      }
      if (rows.length) return answer;
      // The key was used before: the first answer again, or 422/409; run again if it has just expired.
      const replay = await this.keys.answer(claim!);
      if (replay) throw replay;
    }
    throw new Error('no free tracking code after 5 draws');
  }

  /** Corrects a draft or an application sent back, and submits it when asked. */
  async update(id: string, body: UpdateApplicationDto, caller: Caller): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.locked(manager, id, caller);
      const own = application.applicantId === caller.sub || application.createdBy === caller.sub;
      if (!own)
        throw new ProblemException(
          HttpStatus.FORBIDDEN,
          'REGISTRATION.NOT_YOURS',
          'Only the applicant or the counter that took it corrects an application.',
        );
      if (application.status !== 'DRAFT' && application.status !== 'SENDBACK') {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'REGISTRATION.NOT_EDITABLE',
          `An application that is ${application.status} cannot be changed.`,
        );
      }
      const service = await this.catalogue.find(manager, application.serviceId, true);
      const person = await knownPerson(manager, application.applicantId);
      const data = { ...application.formData, ...body.formData.data };
      const submitting = body.submit === true;
      if (submitting) {
        this.checkForm(service, data, person);
        await this.assertDocuments(manager, service, application.id);
      }
      const previous = application.status;
      application.formData = data;
      application.revision += 1;
      application.updatedAt = new Date();
      const outgoing = new Outgoing();
      if (submitting) {
        application.status = 'PENDING';
        if (previous === 'DRAFT') {
          application.submittedAt = new Date();
          this.startProcess(outgoing, application, service);
        } else {
          outgoing.add(ApplicationResubmitted, applicationEvent(application));
          outgoing.add(WorkflowMessageRequested, {
            name: RESUBMITTED_MESSAGE,
            correlationKey: application.id,
            requestedBy: 'registration',
          });
        }
      }
      await manager.update(
        Application,
        { id },
        {
          formData: data as never,
          status: application.status,
          revision: application.revision,
          submittedAt: application.submittedAt,
          updatedAt: application.updatedAt,
        },
      );
      await this.history(
        manager,
        application,
        submitting ? (previous === 'DRAFT' ? 'submitted' : 'resubmitted') : 'corrected',
        caller.sub,
      );
      await this.flush(manager, outgoing);
      return application;
    });
  }

  async withdraw(id: string, caller: Caller, reason?: string): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.locked(manager, id, caller);
      if (application.applicantId !== caller.sub && application.createdBy !== caller.sub) {
        throw new ProblemException(
          HttpStatus.FORBIDDEN,
          'REGISTRATION.NOT_YOURS',
          'Only the applicant or the counter that took it withdraws an application.',
        );
      }
      if (!['DRAFT', 'PENDING', 'SENDBACK'].includes(application.status)) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'REGISTRATION.NOT_WITHDRAWABLE',
          `An application that is ${application.status} cannot be withdrawn.`,
        );
      }
      const wasSubmitted = application.status !== 'DRAFT';
      application.status = 'WITHDRAWN';
      application.updatedAt = new Date();
      await manager.update(Application, { id }, { status: 'WITHDRAWN', updatedAt: application.updatedAt });
      await this.history(manager, application, 'withdrawn', caller.sub, reason);
      const outgoing = new Outgoing().add(ApplicationWithdrawn, applicationEvent(application));
      if (wasSubmitted)
        outgoing.add(WorkflowStopRequested, {
          businessKey: id,
          requestedBy: 'registration',
          reason: reason ?? 'withdrawn by the applicant',
        });
      await this.flush(manager, outgoing);
      return application;
    });
  }

  /** A payment system (or the counter) confirms the fee; the process waiting for it moves on. */
  async pay(id: string, caller: Caller, reference: string, amount: number): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const application = await manager
        .createQueryBuilder(Application, 'a')
        .setLock('pessimistic_write')
        .where('a.id = :id', { id })
        .getOne();
      if (!application)
        throw new ProblemException(HttpStatus.NOT_FOUND, 'REGISTRATION.APPLICATION_NOT_FOUND', `No application ${id}.`);
      if (application.status === 'DRAFT' || application.status === 'WITHDRAWN' || application.status === 'REJECTED') {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'REGISTRATION.NOT_PAYABLE',
          `An application that is ${application.status} takes no payment.`,
        );
      }
      if (application.feePaidAt)
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'REGISTRATION.ALREADY_PAID',
          `Paid already (${application.feeReference}).`,
        );
      if (amount !== application.feeDue) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'REGISTRATION.WRONG_AMOUNT',
          `The fee is ${application.feeDue} kip.`,
          [{ field: 'amount', message: `must be ${application.feeDue}` }],
        );
      }
      application.feePaidAt = new Date();
      application.feeReference = reference;
      await manager.update(
        Application,
        { id },
        { feePaidAt: application.feePaidAt, feeReference: reference, updatedAt: new Date() },
      );
      await this.history(manager, application, 'fee-paid', caller.sub, reference);
      await this.flush(
        manager,
        new Outgoing()
          .add(FeePaid, { ...applicationEvent(application), amount, currency: 'LAK', reference })
          .add(WorkflowMessageRequested, {
            name: FEE_PAID_MESSAGE,
            correlationKey: id,
            requestedBy: 'registration',
            variables: { feeReference: reference },
          }),
      );
      return application;
    });
  }

  statusOf(value: string): ApplicationStatus | undefined {
    return (['PENDING', 'APPROVED', 'SENDBACK', 'REJECTED'] as const).find((s) => s === value);
  }
}
