import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApplicationSubmitted, hasRole, ROLES, selfPersonId, WorkflowStartRequested } from '@onedoor/contracts';
import {
  assertDocumentsPresent,
  assertFormAcceptable,
  newTrackingCode,
  prefilled,
  RegistrationError,
  RegistrationErrorCode,
  type ApplicationRecord,
  type ServiceVersion,
} from '../../domain';
import { applicationView, type ApplicationView } from '../application.view';
import { applicationEvent, Outgoing } from '../outgoing';
import { SubmitApplication } from './submit-application.command';
import { documentsUploaded, linkUploads, type LinkedUpload } from '../linked-uploads';
import { ApplicationStore, Catalogue } from '../ports';

const MAX_FORM_BYTES = 256_000;

/** The events of a submission: the application is submitted, and the service's process starts for it. */
export function startProcess(outgoing: Outgoing, application: ApplicationRecord, service: ServiceVersion): Outgoing {
  return outgoing
    .add(ApplicationSubmitted, applicationEvent(application))
    .add(WorkflowStartRequested, startRequest(application, service));
}

/** What the service's process starts with for the application (its case's variables). */
export function startRequest(application: ApplicationRecord, service: ServiceVersion) {
  return {
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
  };
}

/**
 * Submits an application (or saves a draft): validated against the service version's eForm, with the data the
 * government already holds filled in. One statement writes it, its history, its events and its Idempotency-Key
 * with the answer: a retry gets the first answer, even when the service has been retired since.
 */
@Injectable()
export class SubmitApplicationHandler {
  constructor(
    private readonly applications: ApplicationStore,
    private readonly catalogue: Catalogue,
  ) {}

  async execute(command: SubmitApplication): Promise<ApplicationView> {
    const claim = command.idempotency;
    let prepared: { application: ApplicationRecord; service: ServiceVersion; documents: LinkedUpload[] };
    try {
      prepared = await this.prepare(command);
    } catch (error) {
      const replay = claim && error instanceof RegistrationError && (await this.applications.answerTo(claim));
      throw replay || error;
    }
    const { application, service, documents } = prepared;
    const submitted = application.status !== 'DRAFT';
    const events = (drawn: ApplicationRecord) => {
      const outgoing = submitted ? startProcess(new Outgoing(), drawn, service) : new Outgoing();
      documentsUploaded(outgoing, drawn, documents);
      return outgoing.events.length ? outgoing : undefined;
    };
    for (;;) {
      const written = await this.applications.insertNew({
        application,
        action: submitted ? 'submitted' : 'draft-saved',
        draw: newTrackingCode,
        outgoing: events,
        answer: applicationView,
        claim,
        documents: documents.map(({ upload, type }) => ({ uploadId: upload.id, type })),
      });
      if (written.inserted) return written.answer as ApplicationView;
      // The key was used before: the first answer again, or 422/409; run again if it has just expired.
      const replay = await this.applications.answerTo(claim!);
      if (replay) throw replay;
    }
  }

  /** The application a submission makes, checked against the service's eForm, rules and documents. */
  private async prepare(command: SubmitApplication) {
    const { caller } = command;
    const clerk = hasRole(caller, ROLES.registrationClerk);
    if (!clerk && !hasRole(caller, ROLES.citizen)) {
      throw new RegistrationError(
        RegistrationErrorCode.FORBIDDEN,
        'Applicants and counter clerks submit applications.',
      );
    }
    const applicantId = clerk ? command.applicantId : selfPersonId(caller);
    if (!clerk && !applicantId) {
      throw new RegistrationError(
        RegistrationErrorCode.FORBIDDEN,
        'Only a person signed in as themself applies for themself: this sign-in is not a person.',
      );
    }
    if (!applicantId) {
      throw new RegistrationError(RegistrationErrorCode.VALIDATION_FAILED, 'applicantId: whom the clerk applies for', [
        { field: 'applicantId', message: 'required at the counter' },
      ]);
    }
    if (!clerk && command.applicantId && command.applicantId.toLowerCase() !== applicantId) {
      throw new RegistrationError(
        RegistrationErrorCode.NOT_YOURSELF,
        'Citizens apply for themselves; counters apply for others.',
      );
    }
    const values: unknown = command.formData.data;
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw new RegistrationError(RegistrationErrorCode.VALIDATION_FAILED, 'formData.data: the form’s values', [
        { field: 'formData.data', message: 'an object' },
      ]);
    }
    if (JSON.stringify(values).length > MAX_FORM_BYTES) {
      throw new RegistrationError(RegistrationErrorCode.FORM_TOO_LARGE, 'Form data is limited to 256 kB.');
    }
    const service = await this.catalogue.cached(command.serviceId);
    if (!service) {
      throw new RegistrationError(RegistrationErrorCode.SERVICE_NOT_FOUND, `No service ${command.serviceId}.`);
    }
    if (service.retiredAt) {
      throw new RegistrationError(
        RegistrationErrorCode.SERVICE_VERSION_RETIRED,
        `Version ${service.version} of ${service.code} takes no new applications: use the current one.`,
      );
    }
    if (command.formData.eFormId && command.formData.eFormId !== service.id) {
      throw new RegistrationError(
        RegistrationErrorCode.EFORM_MISMATCH,
        'The form was captured with another version of the service’s eForm.',
      );
    }
    // Once only: what the identity block told us about the applicant, when the service or the phone needs it,
    // and always at the counter: a clerk applies only for a person the identity block enrolled.
    const needsPerson =
      clerk ||
      Object.keys(service.prefill).length > 0 ||
      service.eligibility.some((r) => /\bperson\b/.test(r.rule)) ||
      !command.phone;
    const person = needsPerson ? await this.applications.knownPerson(applicantId) : undefined;
    if (clerk && !person) {
      throw new RegistrationError(
        RegistrationErrorCode.UNKNOWN_APPLICANT,
        'No enrolled person has this id: enrol them first (or wait a moment if they were just enrolled).',
        [{ field: 'applicantId', message: 'not an enrolled person' }],
      );
    }
    const data = { ...prefilled(service, person), ...command.formData.data };
    const uploads = command.uploads ?? [];
    const documents = uploads.length
      ? linkUploads(uploads, await this.applications.uploads(uploads), caller, service)
      : [];
    if (!command.draft) {
      assertFormAcceptable(service, data, person);
      assertDocumentsPresent(
        service,
        documents.map((d) => d.type),
      );
    }
    const phone = command.phone ?? (person?.phone as string | undefined);
    const now = new Date();
    const application: ApplicationRecord = {
      id: randomUUID(),
      trackingCode: '',
      serviceId: service.id,
      serviceCode: service.code,
      serviceVersion: service.version,
      applicantId,
      applicationName: command.applicationName ?? null,
      phoneLast4: phone ? phone.replace(/\D/g, '').slice(-4) : null,
      channel: clerk ? 'counter' : 'online',
      status: command.draft ? 'DRAFT' : 'PENDING',
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
      submittedAt: command.draft ? null : now,
      expectedBy: null,
      decidedAt: null,
      statusReason: null,
      stalledAt: null,
      stalledReason: null,
      revision: 0,
      createdBy: caller.sub,
      createdAt: now,
      updatedAt: now,
    };
    return { application, service, documents };
  }
}
