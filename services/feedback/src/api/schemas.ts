import { schema as s, type JsonSchema } from '@onedoor/http';

/** What the feedback block's operations answer, as JSON Schema for its OpenAPI document; tests check answers. */

export const ATTACHMENT: JsonSchema = s.object({
  id: s.uuid,
  mediaType: s.string(),
  size: s.integer,
  sha256: s.string(),
  addedBy: s.enum('submitter', 'office', 'unit'),
  addedAt: s.dateTime,
});

/** A public summary: the question and the answer, Lao required, English when written. */
const SUMMARY: JsonSchema = s.object(
  { questionLo: s.string(), answerLo: s.string(), questionEn: s.string(), answerEn: s.string() },
  ['questionEn', 'answerEn'],
);

export const CASE: JsonSchema = s.object(
  {
    caseNumber: s.string('1516- and a checked code: what the submitter keeps'),
    kind: s.enum('complaint', 'suggestion', 'comment', 'question', 'compliment'),
    topic: s.string(),
    description: s.string(),
    state: s.string(),
    channel: s.enum('web', 'operator', 'sms', 'open311'),
    identity: s.enum('identified', 'confidential', 'anonymous'),
    submitterId: s.uuid,
    province: s.string(),
    district: s.string(),
    village: s.string(),
    mediaUrl: s.string("a link the submitter's app keeps (Open311 media_url): never fetched, never published"),
    ministry: s.string(),
    unit: s.string(),
    finding: s.enum('UNFOUNDED', 'FOUNDED', 'PARTLY_FOUNDED'),
    explanation: s.string(),
    actions: s.array(
      s.object({ description: s.string(), evidence: s.string(), completedAt: s.string() }, ['evidence', 'completedAt']),
    ),
    mergedInto: s.object(
      {
        caseNumber: s.string(),
        state: s.string(),
        answer: SUMMARY,
      },
      ['state', 'answer'],
    ),
    answer: { ...SUMMARY, description: 'Once published: the answer as the Office approved it' },
    mergedCases: s.array(s.string()),
    attachments: s.array(ATTACHMENT),
    receivedAt: s.dateTime,
    updatedAt: s.dateTime,
    history: s.array(
      s.object(
        {
          step: s.string(),
          state: s.string(),
          block: s.enum('feedback', 'workflow', 'messaging'),
          reason: s.string(),
          by: s.string('Who took the step: officers only'),
          at: s.dateTime,
        },
        ['reason', 'by'],
      ),
    ),
  },
  [
    'submitterId',
    'province',
    'district',
    'village',
    'mediaUrl',
    'ministry',
    'unit',
    'finding',
    'explanation',
    'actions',
    'mergedInto',
    'answer',
    'mergedCases',
    'attachments',
    'history',
  ],
);

export const RECEIVED: JsonSchema = {
  allOf: [CASE, s.object({ pin: s.string('Anonymous cases only: shown once, kept hashed') }, ['pin'])],
};

export const TOPIC: JsonSchema = s.object({
  code: s.string(),
  nameLo: s.string(),
  nameEn: s.string(),
  ministry: s.nullable(s.string()),
});

export const DRAFTED: JsonSchema = s.object({
  summary: SUMMARY,
  personalData: s.array(
    s.object({
      kind: s.enum('phone', 'email', 'id-number', 'name'),
      text: s.string(),
      field: s.string(),
      start: s.integer,
      end: s.integer,
    }),
  ),
});

export const ANSWER: JsonSchema = s.object(
  {
    caseNumber: s.string(),
    kind: s.string(),
    topic: s.string(),
    ministry: s.string(),
    province: s.string(),
    publishedAt: s.dateTime,
    questionLo: s.string(),
    answerLo: s.string(),
    questionEn: s.string(),
    answerEn: s.string(),
  },
  ['ministry', 'province', 'questionEn', 'answerEn'],
);

export const DUPLICATE: JsonSchema = s.object(
  {
    caseNumber: s.string(),
    similarity: s.number,
    state: s.string(),
    description: s.string(),
    province: s.string(),
    district: s.string(),
    village: s.string(),
    receivedAt: s.dateTime,
  },
  ['province', 'district', 'village'],
);
