import { schema as s, type JsonSchema } from '@onedoor/http';

/**
 * What the registration block's operations answer, as JSON Schema for its OpenAPI document (the views are in
 * service-views.ts and application/application.view.ts). The OpenAPI fuzz test checks real answers against them.
 */

const STATUS = s.enum('DRAFT', 'PENDING', 'SENDBACK', 'APPROVED', 'REJECTED', 'WITHDRAWN');

export const SERVICE: JsonSchema = s.object(
  {
    id: s.uuid,
    code: s.string(),
    name: s.string('In English; `names` has both'),
    names: s.text,
    description: s.string(),
    descriptions: s.text,
    version: s.string('GovStack: the version as a string'),
    type: s.enum('Public'),
    isExecutable: s.boolean,
    ministry: s.string(),
    unit: s.string(),
    topics: s.array(s.string('A code of GET /registration/service-topics')),
    eFormId: s.uuid,
    documents: s.array(
      s.object({
        type: s.string(),
        name: s.text,
        required: s.boolean,
        maxBytes: s.integer,
        mediaTypes: s.array(s.string()),
      }),
    ),
    fee: s.object({ amount: s.integer, currency: s.enum('LAK') }),
    processKey: s.string(),
    slaWorkingDays: s.integer,
    alertEmail: s.string('Where stalled applications are reported'),
    eligibility: s.array(s.text),
    createdAt: s.dateTime,
    retired: s.boolean,
  },
  ['alertEmail'],
);

export const SERVICE_TOPIC: JsonSchema = s.object({ code: s.string(), name: s.text });

export const EFORM: JsonSchema = s.object(
  {
    eFormId: s.uuid,
    name: s.string(),
    description: s.string(),
    version: s.string(),
    latest: s.boolean,
    schema: s.record,
    layout: s.any,
    prefill: s.array(s.string()),
  },
  ['schema', 'layout'],
);

export const PREFILL: JsonSchema = s.object({
  eFormId: s.uuid,
  data: s.record,
  eligible: s.boolean,
  reasons: s.array(s.text),
});

export const APPLICATION: JsonSchema = s.object(
  {
    fileId: s.uuid,
    trackingCode: s.string(),
    serviceId: s.uuid,
    serviceCode: s.string(),
    serviceVersion: s.integer,
    applicantId: s.string(),
    applicationName: s.string(),
    channel: s.enum('counter', 'online'),
    status: s.object({ code: STATUS, title: s.string(), reason: s.string('Why, after a send-back') }, ['reason']),
    ended: s.boolean,
    stalled: s.object({ since: s.dateTime, reason: s.string() }, ['reason']),
    formData: s.object({ data: s.record, eFormId: s.uuid }),
    ministry: s.string(),
    province: s.string(),
    district: s.string(),
    office: s.string(),
    fee: s.object({ due: s.integer, currency: s.enum('LAK'), paid: s.boolean, reference: s.string() }, ['reference']),
    registered: s.dateTime,
    expectedBy: s.dateTime,
    decidedAt: s.dateTime,
    created: s.dateTime,
    updated: s.dateTime,
  },
  ['applicationName', 'stalled', 'province', 'district', 'office', 'registered', 'expectedBy', 'decidedAt'],
);

export const APPLICATION_DETAIL: JsonSchema = {
  allOf: [
    APPLICATION,
    s.object({
      documents: s.array(
        s.object({
          id: s.uuid,
          type: s.string(),
          mediaType: s.string(),
          sizeBytes: s.integer,
          sha256: s.string(),
          uploadedAt: s.dateTime,
        }),
      ),
      history: s.array(
        s.object(
          {
            at: s.dateTime,
            action: s.string(),
            status: STATUS,
            office: s.string(),
            actor: s.string(),
            note: s.string(),
          },
          ['office', 'note'],
        ),
      ),
      tasks: s.array(
        s.object(
          {
            taskId: s.uuid,
            name: s.string(),
            office: s.string(),
            state: s.string(),
            outcome: s.string(),
            dueAt: s.dateTime,
          },
          ['outcome', 'dueAt'],
        ),
      ),
    }),
  ],
};

export const DOCUMENT: JsonSchema = s.object({
  id: s.uuid,
  type: s.string(),
  mediaType: s.string(),
  sizeBytes: s.integer,
  sha256: s.string(),
  url: s.string('Where to download it'),
});

export const TRACKING: JsonSchema = s.object(
  {
    trackingCode: s.string(),
    service: s.text,
    status: STATUS,
    reason: s.string(),
    office: s.string(),
    submittedAt: s.dateTime,
    expectedBy: s.dateTime,
    decidedAt: s.dateTime,
    fee: s.object({ due: s.integer, paid: s.boolean }),
    history: s.array(s.object({ at: s.dateTime, action: s.string(), status: STATUS, office: s.string() }, ['office'])),
  },
  ['service', 'reason', 'office', 'submittedAt', 'expectedBy', 'decidedAt'],
);

export const TASK: JsonSchema = s.object(
  {
    taskId: s.uuid,
    name: s.string(),
    assigneeId: s.string(),
    roleId: s.string(),
    office: s.string(),
    created: s.dateTime,
    dueAt: s.dateTime,
    state: s.string(),
    fileId: s.uuid,
    trackingCode: s.string(),
    serviceId: s.uuid,
    serviceName: s.string(),
    eFormId: s.uuid,
    status: s.object({ code: STATUS }),
    data: s.record,
  },
  ['assigneeId', 'dueAt', 'trackingCode', 'serviceId', 'serviceName', 'eFormId', 'status', 'data'],
);

export const TASK_COMPLETED: JsonSchema = s.object(
  { taskId: s.uuid, fileId: s.uuid, serviceId: s.uuid, status: s.object({ code: STATUS }), variables: s.record },
  ['serviceId', 'status'],
);

const COUNTS = s.array(s.object({ key: s.string(), count: s.integer }));
export const STATISTICS: JsonSchema = s.object({
  from: s.date,
  to: s.date,
  open: s.integer,
  overdue: s.integer,
  byService: COUNTS,
  byStatus: COUNTS,
  byOffice: COUNTS,
  byProvince: COUNTS,
  processing: s.array(s.record),
});

const CERTIFICATE_CLAIMS: JsonSchema = s.object(
  {
    iss: s.string(),
    sub: s.string(),
    jti: s.uuid,
    iat: s.integer,
    svc: s.string(),
    ver: s.integer,
    ttl: s.text,
    min: s.string(),
    trk: s.string(),
    hld: s.record,
    nam: s.string(),
  },
  ['hld', 'nam'],
);

export const CERTIFICATE: JsonSchema = s.object({
  type: s.enum('onedoor-certificate+jwt'),
  credential: s.string('Compact JWS: what the QR code holds'),
  claims: CERTIFICATE_CLAIMS,
  text: s.text,
});

export const CERTIFICATE_CHECK: JsonSchema = s.object(
  { valid: s.boolean, reason: s.enum('invalid', 'withdrawn'), claims: CERTIFICATE_CLAIMS, text: s.text },
  ['reason', 'claims', 'text'],
);

export const JWKS: JsonSchema = s.object({ keys: s.array(s.record) });

/** A service's definition as written (the body of `PUT /services/{code}`), for its administrators' next version. */
export const SERVICE_DEFINITION: JsonSchema = s.object(
  {
    code: s.string(),
    name: s.text,
    description: s.text,
    ministry: s.string(),
    unit: s.string(),
    topics: s.array(s.string()),
    eForm: s.object({ schema: s.record, layout: s.record }),
    prefill: s.record,
    documents: s.array(s.record),
    eligibility: s.array(s.object({ rule: s.string(), message: s.text })),
    fee: s.integer,
    processKey: s.string(),
    slaWorkingDays: s.integer,
    alertEmail: s.string(),
  },
  ['alertEmail'],
);
