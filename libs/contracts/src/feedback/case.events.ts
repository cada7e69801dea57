import { defineEvent } from '../event-contract';

/** What every hotline case event says about its case (never who submitted it, except an identified submitter). */
export interface CaseEventPayload {
  caseId: string;
  /** What the submitter keeps (with a PIN when anonymous), as `1516-K7Q4-M9XH-5`. */
  caseNumber: string;
  kind: 'complaint' | 'suggestion' | 'comment' | 'question' | 'compliment';
  topic: string;
  state: string;
  channel: 'web' | 'operator' | 'sms' | 'open311';
  province?: string;
  district?: string;
  /** The ministry and unit handling it, once assigned. */
  ministry?: string;
  unit?: string;
  at: string;
}

export interface CaseReceivedPayload extends CaseEventPayload {
  identity: 'identified' | 'confidential' | 'anonymous';
  /** An identified submitter (signed in as themself): the messaging block tells them. */
  submitterId?: string;
}

export interface CaseStepPayload extends CaseEventPayload {
  previousState: string;
  /** Why (a rejection's, a hand-back's…). */
  reason?: string;
}

const TOPIC = 'onedoor.feedback.case.v1';
const base = {
  caseId: { type: 'string', format: 'uuid' },
  caseNumber: { type: 'string', pattern: '^1516-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z*~$=U]$' },
  kind: { type: 'string', enum: ['complaint', 'suggestion', 'comment', 'question', 'compliment'] },
  topic: { type: 'string', maxLength: 100 },
  state: { type: 'string', maxLength: 40 },
  channel: { type: 'string', enum: ['web', 'operator', 'sms', 'open311'] },
  province: { type: 'string', maxLength: 20 },
  district: { type: 'string', maxLength: 20 },
  ministry: { type: 'string', maxLength: 50 },
  unit: { type: 'string', maxLength: 100 },
  at: { type: 'string', format: 'date-time' },
} as const;
const required = ['caseId', 'caseNumber', 'kind', 'topic', 'state', 'channel', 'at'];
const example: CaseEventPayload = {
  caseId: '3b1f6a52-0c3e-4d1e-9b53-7c364d1e5b0f',
  caseNumber: '1516-K7Q4-M9XH-5',
  kind: 'complaint',
  topic: 'water-supply',
  state: 'RECEIVED',
  channel: 'web',
  province: '01',
  district: '0101',
  at: '2026-11-22T03:15:00.000Z',
};

const step = (name: string, summary: string, state: string, extra: Record<string, unknown> = {}) =>
  defineEvent<CaseStepPayload>({
    type: `la.gov.onedoor.feedback.case.${name}.v1`,
    version: 1,
    source: 'feedback',
    topic: TOPIC,
    partitionKey: 'caseId',
    summary,
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [...required, 'previousState'],
      properties: {
        ...base,
        previousState: { type: 'string', maxLength: 40 },
        reason: { type: 'string', maxLength: 2000 },
      },
    },
    example: { ...example, state, previousState: 'RECEIVED', ...extra },
  });

export const CaseReceived = defineEvent<CaseReceivedPayload>({
  type: 'la.gov.onedoor.feedback.case.received.v1',
  version: 1,
  source: 'feedback',
  topic: TOPIC,
  partitionKey: 'caseId',
  summary:
    'A comment, suggestion, complaint, question or compliment reached the hotline (web, operator, SMS or Open311): the submitter is told its case number.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...required, 'identity'],
    properties: {
      ...base,
      identity: { type: 'string', enum: ['identified', 'confidential', 'anonymous'] },
      submitterId: { type: 'string', format: 'uuid' },
    },
  },
  example: { ...example, identity: 'anonymous' },
});

export const CaseTriaged = step(
  'triaged',
  'The Office checked a new case (kind, topic, place): it waits to be routed.',
  'TRIAGED',
);
export const CaseAssigned = step(
  'assigned',
  "The Office routed a case to a ministry's or province's unit: the unit's officers are told.",
  'ASSIGNED',
  { ministry: 'MOHA', unit: 'MOHA-VTE-D01', previousState: 'TRIAGED' },
);
export const CaseRejected = step(
  'rejected',
  'The Office rejected a case (spam, not actionable), with the reason the submitter reads.',
  'REJECTED',
  { reason: 'Advertising, not a comment on a public service' },
);

export interface CaseMergedPayload extends CaseStepPayload {
  /** The master case it joined: its submitter follows that case's outcome and is told of it. */
  masterCaseId: string;
  masterCaseNumber: string;
}

export const CaseMerged = defineEvent<CaseMergedPayload>({
  type: 'la.gov.onedoor.feedback.case.merged.v1',
  version: 1,
  source: 'feedback',
  topic: TOPIC,
  partitionKey: 'caseId',
  summary:
    'The Office merged a case into a likely duplicate (same topic and place, similar words): one master case with many submitters, each told of its outcome.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...required, 'previousState', 'masterCaseId', 'masterCaseNumber'],
    properties: {
      ...base,
      previousState: { type: 'string', maxLength: 40 },
      reason: { type: 'string', maxLength: 2000 },
      masterCaseId: base.caseId,
      masterCaseNumber: base.caseNumber,
    },
  },
  example: {
    ...example,
    state: 'MERGED',
    previousState: 'RECEIVED',
    masterCaseId: '9d2c4e7a-1f0b-4c55-8e0e-2b6f3a9d7c11',
    masterCaseNumber: '1516-R2D4-8KQX-7',
  },
});

export interface CaseEscalatedPayload extends CaseEventPayload {
  /** The stage whose deadline passed: triage, verification, review, appeal. */
  stage: 'triage' | 'verification' | 'review' | 'appeal';
  /** When it was due, and the office whose stage it is (the Office, `PMO`, or the unit). */
  dueAt: string;
  office: string;
  /** Who it went to (the supervisors), of which office (the stage's own first, then up the chain), how far up. */
  escalatedTo: string;
  escalatedToOffice?: string;
  level?: number;
}

/** A stage event's schema and example: the case, the stage, when it is due and whose office it is; `extra` adds. */
const stageEvent = <P extends CaseEventPayload>(
  name: string,
  summary: string,
  extra: {
    properties?: Record<string, unknown>;
    optional?: Record<string, unknown>;
    example?: Record<string, unknown>;
  } = {},
) =>
  defineEvent<P>({
    type: `la.gov.onedoor.feedback.case.${name}.v1`,
    version: 1,
    source: 'feedback',
    topic: TOPIC,
    partitionKey: 'caseId',
    summary,
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [...required, 'stage', 'dueAt', 'office', ...Object.keys(extra.properties ?? {})],
      properties: {
        ...base,
        stage: { type: 'string', enum: ['triage', 'verification', 'review', 'appeal'] },
        dueAt: { type: 'string', format: 'date-time' },
        office: { type: 'string', maxLength: 100 },
        ...extra.properties,
        ...extra.optional,
      },
    },
    example: {
      ...example,
      state: 'VERIFYING',
      ministry: 'MPWT',
      unit: 'MPWT-VTE',
      stage: 'verification',
      dueAt: '2026-12-14T03:15:00.000Z',
      office: 'MPWT-VTE',
      ...extra.example,
    } as unknown as P,
  });

export const CaseEscalated = stageEvent<CaseEscalatedPayload>(
  'escalated',
  "A stage of a case passed its deadline in working days (the workflow block's hotline-case process): escalated to the office's supervisors, then on up the unit -> ministry -> Office chain while it stays open.",
  {
    properties: { escalatedTo: { type: 'string', maxLength: 100 } },
    optional: {
      escalatedToOffice: { type: 'string', maxLength: 100 },
      level: { type: 'integer', minimum: 1, maximum: 20 },
    },
    example: { escalatedTo: 'workflow.supervisor', escalatedToOffice: 'MPWT', level: 2 },
  },
);

export type CaseDeadlineApproachingPayload = Omit<CaseEscalatedPayload, 'escalatedTo'>;

export const CaseDeadlineApproaching = stageEvent<CaseDeadlineApproachingPayload>(
  'deadline-approaching',
  "A stage of a case nears its deadline in working days (the workflow block's hotline-case process): its office is warned.",
);

export const CaseHandedBack = step(
  'handed-back',
  'A unit handed a case back as not its competence, with the reason: it returns to triage.',
  'TRIAGED',
  { previousState: 'VERIFYING', reason: 'A provincial road, not a district one' },
);
export const CaseInformationRequested = step(
  'information-requested',
  "A unit asked the submitter for more information (the reason says what): the stage's clock pauses.",
  'AWAITING_INFORMATION',
  { previousState: 'VERIFYING', reason: 'Which village, and since when?' },
);
export const CaseInformationProvided = step(
  'information-provided',
  'The submitter answered what the unit asked: verification goes on.',
  'VERIFYING',
  { previousState: 'AWAITING_INFORMATION' },
);
export const CaseFindingRecorded = step(
  'finding-recorded',
  'A unit recorded its finding: unfounded (with the explanation), founded or partly founded (with corrective actions).',
  'FINDING_RECORDED',
  { previousState: 'VERIFYING' },
);
export const CaseResponseSubmitted = step(
  'response-submitted',
  "A unit reported back (a founded case's corrective actions done, with their evidence): the Office reviews it.",
  'RESPONSE_SUBMITTED',
  { previousState: 'FINDING_RECORDED' },
);
export const CaseResponseReturned = step(
  'response-returned',
  "The Office returned a unit's response, with the reason: the unit verifies again.",
  'VERIFYING',
  { previousState: 'RESPONSE_SUBMITTED', reason: 'Say when the repair was checked' },
);
export const CaseResponded = step(
  'responded',
  "The Office accepted the unit's response: the submitter is told the answer.",
  'RESPONDED',
  { previousState: 'RESPONSE_SUBMITTED' },
);

export const CasePublicationWithheld = step(
  'publication-withheld',
  'The Office kept an answered case from publication, with the reason.',
  'NOT_PUBLISHED',
  { previousState: 'RESPONDED', reason: 'Concerns one family only' },
);
export const CaseClosed = step('closed', 'A case is closed: published or kept from publication.', 'CLOSED', {
  previousState: 'PUBLISHED',
});

export interface CasePublishedPayload extends CaseStepPayload {
  /** What the website shows: the approved summary, free of personal data. */
  questionLo: string;
  answerLo: string;
  questionEn?: string;
  answerEn?: string;
}

export const CasePublished = defineEvent<CasePublishedPayload>({
  type: 'la.gov.onedoor.feedback.case.published.v1',
  version: 1,
  source: 'feedback',
  topic: TOPIC,
  partitionKey: 'caseId',
  summary:
    "The Office published an answered case's summary (question and answer, checked free of personal data): the government's website shows it.",
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...required, 'previousState', 'questionLo', 'answerLo'],
    properties: {
      ...base,
      previousState: { type: 'string', maxLength: 40 },
      reason: { type: 'string', maxLength: 2000 },
      questionLo: { type: 'string', maxLength: 5000 },
      answerLo: { type: 'string', maxLength: 10000 },
      questionEn: { type: 'string', maxLength: 5000 },
      answerEn: { type: 'string', maxLength: 10000 },
    },
  },
  example: {
    ...example,
    state: 'PUBLISHED',
    previousState: 'RESPONDED',
    questionLo: 'ນ້ຳປະປາບໍ່ໄຫຼ 3 ມື້ ຢູ່ບ້ານໂພນໄຊ',
    answerLo: 'ທໍ່ນ້ຳໄດ້ຮັບການສ້ອມແປງແລ້ວ ວັນທີ 3/12/2026',
  },
});

export const CaseReopened = step(
  'reopened',
  'The submitter reopened an answered case (not fixed), with the reason: it goes back to the same unit.',
  'ASSIGNED',
  { previousState: 'CLOSED', reason: 'The water is cut again', ministry: 'MPWT', unit: 'MPWT-VTE' },
);
export const CaseAppealed = step(
  'appealed',
  'The submitter appealed the finding (disagrees), with the reason: the Office reviews it.',
  'UNDER_APPEAL',
  { previousState: 'CLOSED', reason: 'The works were not planned' },
);
export const CaseAppealDecided = step(
  'appeal-decided',
  'The Office decided an appeal, with the reason: the finding stands (closed) or the unit verifies again.',
  'CLOSED',
  { previousState: 'UNDER_APPEAL', reason: 'The finding stands' },
);

export interface RatingGivenPayload {
  applicationId: string;
  serviceCode: string;
  ministry: string;
  /** The office that decided, when known. */
  unit?: string;
  score: number;
  at: string;
}

export const RatingGiven = defineEvent<RatingGivenPayload>({
  type: 'la.gov.onedoor.feedback.rating.given.v1',
  version: 1,
  source: 'feedback',
  topic: 'onedoor.feedback.rating.v1',
  partitionKey: 'applicationId',
  summary:
    'An applicant rated the one-door service they received, 1 to 5, once per application (the comment stays in the block).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['applicationId', 'serviceCode', 'ministry', 'score', 'at'],
    properties: {
      applicationId: { type: 'string', format: 'uuid' },
      serviceCode: { type: 'string', maxLength: 100 },
      ministry: { type: 'string', maxLength: 50 },
      unit: { type: 'string', maxLength: 100 },
      score: { type: 'integer', minimum: 1, maximum: 5 },
      at: { type: 'string', format: 'date-time' },
    },
  },
  example: {
    applicationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    serviceCode: 'business-licence',
    ministry: 'MOIC',
    unit: 'MOIC-VTE-D01',
    score: 4,
    at: '2026-11-22T03:15:00.000Z',
  },
});

/** What a hotline submitter is told, each a template of the messaging block (`feedback.notice-<notice>`). */
export type SubmitterNotice = 'received' | 'information-requested' | 'answered' | 'rejected' | 'merged';

/** Who a notice goes to and what only they may read, sealed for the messaging block (ADR 0013). */
export interface SubmitterNoticeSecret {
  /** A signed-in submitter (identified or confidential): their addresses and language are the messaging block's. */
  personId?: string;
  /** An anonymous submitter who left a phone number or an e-mail address to be told. */
  phone?: string;
  email?: string;
  /** The unit's question (information requested), the Office's reason (rejected). */
  reason?: string;
  /** The master case a merged case joined. */
  masterCaseNumber?: string;
}

export interface SubmitterNoticeRequestedPayload {
  caseId: string;
  caseNumber: string;
  notice: SubmitterNotice;
  /** The submitter's language for an anonymous one (a person's own preference wins). */
  language: 'lo' | 'en';
  /** `SubmitterNoticeSecret` as a compact JWE sealed for the messaging block's key. */
  sealed: string;
  at: string;
}

export const SubmitterNoticeRequested = defineEvent<SubmitterNoticeRequestedPayload>({
  type: 'la.gov.onedoor.feedback.submitter-notice.requested.v1',
  version: 1,
  source: 'feedback',
  topic: TOPIC,
  partitionKey: 'caseId',
  summary:
    'Tell a hotline submitter about their case (received, information requested, answered, rejected, merged): who, and the words only they may read, are sealed for the messaging block, so a confidential or anonymous submitter stays unknown to every other reader.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'caseNumber', 'notice', 'language', 'sealed', 'at'],
    properties: {
      caseId: base.caseId,
      caseNumber: base.caseNumber,
      notice: { type: 'string', enum: ['received', 'information-requested', 'answered', 'rejected', 'merged'] },
      language: { type: 'string', enum: ['lo', 'en'] },
      sealed: { type: 'string', pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*){4}$', maxLength: 8192 },
      at: base.at,
    },
  },
  example: {
    caseId: '3b1f6a52-0c3e-4d1e-9b53-7c364d1e5b0f',
    caseNumber: '1516-K7Q4-M9XH-5',
    notice: 'information-requested',
    language: 'lo',
    sealed:
      'eyJhbGciOiJFQ0RILUVTIiwiZW5jIjoiQTI1NkdDTSIsInR5cCI6Im9uZWRvb3Itc2VhbGVkK2p3ZSJ9..bm90LXJlYWw.c2VhbGVk.dGFn',
    at: '2026-11-22T03:15:00.000Z',
  },
});
