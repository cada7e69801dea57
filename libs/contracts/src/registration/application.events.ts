import { defineEvent } from '../event-contract';

/** GovStack's registration statuses, plus the application's own draft and withdrawn states. */
export type ApplicationStatus = 'DRAFT' | 'PENDING' | 'APPROVED' | 'SENDBACK' | 'REJECTED' | 'WITHDRAWN';

/** What every application event says. No form data: forms hold personal data; the API serves them to whoever may see them. */
export interface ApplicationEventPayload {
  applicationId: string;
  trackingCode: string;
  serviceCode: string;
  serviceVersion: number;
  /** The person applying (identity block's person id) or the signed-in applicant's subject. */
  applicantId: string;
  ministry: string;
  province?: string;
  district?: string;
  status: ApplicationStatus;
  at: string;
}

export interface ApplicationStatusChangedPayload extends ApplicationEventPayload {
  previousStatus: ApplicationStatus;
  /** The office the application is at (a unit code), when known. */
  unit?: string;
  comment?: string;
}

export interface DocumentUploadedPayload extends ApplicationEventPayload {
  documentId: string;
  documentType: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export interface FeePaidPayload extends ApplicationEventPayload {
  amount: number;
  currency: 'LAK';
  reference: string;
}

const STATUSES = ['DRAFT', 'PENDING', 'APPROVED', 'SENDBACK', 'REJECTED', 'WITHDRAWN'];
const baseProperties = {
  applicationId: { type: 'string', format: 'uuid' },
  trackingCode: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z*~$=U]$' },
  serviceCode: { type: 'string', maxLength: 100 },
  serviceVersion: { type: 'integer', minimum: 1 },
  applicantId: { type: 'string', maxLength: 200 },
  ministry: { type: 'string', maxLength: 50 },
  province: { type: 'string', maxLength: 20 },
  district: { type: 'string', maxLength: 20 },
  status: { type: 'string', enum: STATUSES },
  at: { type: 'string', format: 'date-time' },
} as const;
const baseRequired = [
  'applicationId',
  'trackingCode',
  'serviceCode',
  'serviceVersion',
  'applicantId',
  'ministry',
  'status',
  'at',
];

const example: ApplicationEventPayload = {
  applicationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  trackingCode: 'K7Q4-M9XH-5',
  serviceCode: 'business-licence',
  serviceVersion: 3,
  applicantId: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  ministry: 'MOIC',
  province: '01',
  district: '0101',
  status: 'PENDING',
  at: '2026-11-22T03:00:00.000Z',
};

const TOPIC = 'onedoor.registration.application.v1';
const schema = (extra: Record<string, unknown> = {}, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required: [...baseRequired, ...required],
  properties: { ...baseProperties, ...extra },
});

export const ApplicationSubmitted = defineEvent<ApplicationEventPayload>({
  type: 'la.gov.onedoor.registration.application.submitted.v1',
  version: 1,
  source: 'registration',
  topic: TOPIC,
  partitionKey: 'applicationId',
  summary: 'A citizen or a counter clerk submitted an application for a public service.',
  schema: schema(),
  example,
});

export const ApplicationResubmitted = defineEvent<ApplicationEventPayload>({
  type: 'la.gov.onedoor.registration.application.resubmitted.v1',
  version: 1,
  source: 'registration',
  topic: TOPIC,
  partitionKey: 'applicationId',
  summary: 'An application sent back for correction was corrected and submitted again.',
  schema: schema(),
  example,
});

export const ApplicationWithdrawn = defineEvent<ApplicationEventPayload>({
  type: 'la.gov.onedoor.registration.application.withdrawn.v1',
  version: 1,
  source: 'registration',
  topic: TOPIC,
  partitionKey: 'applicationId',
  summary: 'The applicant withdrew an application before a decision.',
  schema: schema(),
  example: { ...example, status: 'WITHDRAWN' },
});

export const ApplicationStatusChanged = defineEvent<ApplicationStatusChangedPayload>({
  type: 'la.gov.onedoor.registration.application.status-changed.v1',
  version: 1,
  source: 'registration',
  topic: TOPIC,
  partitionKey: 'applicationId',
  summary: 'An application’s status changed (PENDING, APPROVED, SENDBACK, REJECTED): the citizen is told.',
  schema: schema(
    {
      previousStatus: { type: 'string', enum: STATUSES },
      unit: { type: 'string', maxLength: 100 },
      comment: { type: 'string', maxLength: 2000 },
    },
    ['previousStatus'],
  ),
  example: { ...example, status: 'APPROVED', previousStatus: 'PENDING', unit: 'MOIC-VTE-D01' },
});

export interface ApplicationStalledPayload extends ApplicationEventPayload {
  /** Why the workflow block could not run the application's process. */
  reason: string;
  /** Where the service's ministry wants to be told (its administrators' address), when it gave one. */
  alertEmail?: string;
}

export const ApplicationStalled = defineEvent<ApplicationStalledPayload>({
  type: 'la.gov.onedoor.registration.application.stalled.v1',
  version: 1,
  source: 'registration',
  topic: TOPIC,
  partitionKey: 'applicationId',
  summary:
    'The workflow block could not run an application’s process (no such process, no routing rule for the case, an endpoint gone): nothing moves until the ministry’s administrator or an operator restarts it.',
  schema: schema(
    { reason: { type: 'string', maxLength: 500 }, alertEmail: { type: 'string', format: 'email', maxLength: 254 } },
    ['reason'],
  ),
  example: {
    ...example,
    reason: 'No process definition business-licence. (WORKFLOW.DEFINITION_NOT_FOUND)',
    alertEmail: 'licensing@moic.gov.la',
  },
});

export const ApplicationRestarted = defineEvent<ApplicationEventPayload>({
  type: 'la.gov.onedoor.registration.application.restarted.v1',
  version: 1,
  source: 'registration',
  topic: TOPIC,
  partitionKey: 'applicationId',
  summary: 'A stalled application’s process was asked to start again, once what stopped it was fixed.',
  schema: schema(),
  example,
});

export const DocumentUploaded = defineEvent<DocumentUploadedPayload>({
  type: 'la.gov.onedoor.registration.document.uploaded.v1',
  version: 1,
  source: 'registration',
  topic: TOPIC,
  partitionKey: 'applicationId',
  summary: 'A document was attached to an application (its type checked from its content, its SHA-256 recorded).',
  schema: schema(
    {
      documentId: { type: 'string', format: 'uuid' },
      documentType: { type: 'string', maxLength: 100 },
      mediaType: { type: 'string', maxLength: 100 },
      sizeBytes: { type: 'integer', minimum: 1 },
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    },
    ['documentId', 'documentType', 'mediaType', 'sizeBytes', 'sha256'],
  ),
  example: {
    ...example,
    documentId: '0b6a3c1e-2f4d-4e5a-9b8c-7d6e5f4a3b2c',
    documentType: 'business-plan',
    mediaType: 'application/pdf',
    sizeBytes: 182_344,
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  },
});

export const FeePaid = defineEvent<FeePaidPayload>({
  type: 'la.gov.onedoor.registration.fee.paid.v1',
  version: 1,
  source: 'registration',
  topic: TOPIC,
  partitionKey: 'applicationId',
  summary: 'The fee of an application was paid (a payment system or the counter confirmed it).',
  schema: schema(
    {
      amount: { type: 'integer', minimum: 0 },
      currency: { const: 'LAK' },
      reference: { type: 'string', maxLength: 100 },
    },
    ['amount', 'currency', 'reference'],
  ),
  example: { ...example, amount: 150_000, currency: 'LAK', reference: 'BCEL-20261122-0042' },
});
