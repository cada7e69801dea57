import { defineEvent } from '../event-contract';

/** What other blocks may know of a person: enough to address them, never their full record. */
export interface PersonSnapshot {
  personId: string;
  uin: string;
  displayName: { lo: string; en?: string };
  provinceCode: string;
  districtCode: string;
  villageCode?: string;
  /** E.164, for notifications; absent when the person gave none. */
  phone?: string;
  email?: string;
  preferredLanguage: 'lo' | 'en';
  preferredChannel: 'sms' | 'email';
}

const snapshotProperties = {
  personId: { type: 'string', format: 'uuid' },
  uin: { type: 'string', pattern: '^[2-9][0-9]{7,15}$' },
  displayName: {
    type: 'object',
    additionalProperties: false,
    required: ['lo'],
    properties: { lo: { type: 'string', minLength: 1 }, en: { type: 'string' } },
  },
  provinceCode: { type: 'string', pattern: '^[0-9]{2}$' },
  districtCode: { type: 'string', pattern: '^[0-9]{4}$' },
  villageCode: { type: 'string', pattern: '^[0-9]{7}$' },
  phone: { type: 'string', pattern: '^\\+[1-9][0-9]{6,14}$' },
  email: { type: 'string', format: 'email' },
  preferredLanguage: { type: 'string', enum: ['lo', 'en'] },
  preferredChannel: { type: 'string', enum: ['sms', 'email'] },
} as const;
const snapshotRequired = [
  'personId',
  'uin',
  'displayName',
  'provinceCode',
  'districtCode',
  'preferredLanguage',
  'preferredChannel',
];

const exampleSnapshot: PersonSnapshot = {
  personId: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  uin: '2947508361',
  displayName: { lo: 'ສົມພອນ ພົມມະວົງ', en: 'Somphone Phommavong' },
  provinceCode: '01',
  districtCode: '0101',
  phone: '+8562055512345',
  preferredLanguage: 'lo',
  preferredChannel: 'sms',
};

export type PersonEnrolledPayload = PersonSnapshot & { enrolledAt: string; enrolledBy: string };
export type PersonUpdatedPayload = PersonSnapshot & { changed: string[]; updatedAt: string; updatedBy: string };
export interface PersonStatusPayload {
  personId: string;
  reason: string;
  at: string;
  by: string;
}

const TOPIC = 'onedoor.identity.person.v1';

export const PersonEnrolled = defineEvent<PersonEnrolledPayload>({
  type: 'la.gov.onedoor.identity.person.enrolled.v1',
  version: 1,
  source: 'identity',
  topic: TOPIC,
  partitionKey: 'personId',
  summary: 'A person was enrolled and given a UIN.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...snapshotRequired, 'enrolledAt', 'enrolledBy'],
    properties: {
      ...snapshotProperties,
      enrolledAt: { type: 'string', format: 'date-time' },
      enrolledBy: { type: 'string', minLength: 1 },
    },
  },
  example: { ...exampleSnapshot, enrolledAt: '2026-11-21T09:30:00.000Z', enrolledBy: 'officer-7d1e' },
});

export const PersonUpdated = defineEvent<PersonUpdatedPayload>({
  type: 'la.gov.onedoor.identity.person.updated.v1',
  version: 1,
  source: 'identity',
  topic: TOPIC,
  partitionKey: 'personId',
  summary: "A person's record changed; `changed` names the fields, the snapshot shows the new values.",
  schema: {
    type: 'object',
    additionalProperties: false,
    required: [...snapshotRequired, 'changed', 'updatedAt', 'updatedBy'],
    properties: {
      ...snapshotProperties,
      changed: { type: 'array', items: { type: 'string' }, minItems: 1 },
      updatedAt: { type: 'string', format: 'date-time' },
      updatedBy: { type: 'string', minLength: 1 },
    },
  },
  example: {
    ...exampleSnapshot,
    changed: ['phone'],
    updatedAt: '2026-11-22T10:00:00.000Z',
    updatedBy: 'officer-7d1e',
  },
});

const statusSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['personId', 'reason', 'at', 'by'],
  properties: {
    personId: { type: 'string', format: 'uuid' },
    reason: { type: 'string', minLength: 1, maxLength: 500 },
    at: { type: 'string', format: 'date-time' },
    by: { type: 'string', minLength: 1 },
  },
} as const;

export const PersonDeactivated = defineEvent<PersonStatusPayload>({
  type: 'la.gov.onedoor.identity.person.deactivated.v1',
  version: 1,
  source: 'identity',
  topic: TOPIC,
  partitionKey: 'personId',
  summary: 'A person was deactivated (logical deletion): their record stays, they can no longer log in.',
  schema: statusSchema,
  example: {
    personId: exampleSnapshot.personId,
    reason: 'Duplicate of another record',
    at: '2026-11-23T08:00:00.000Z',
    by: 'officer-7d1e',
  },
});

export const PersonReactivated = defineEvent<PersonStatusPayload>({
  type: 'la.gov.onedoor.identity.person.reactivated.v1',
  version: 1,
  source: 'identity',
  topic: TOPIC,
  partitionKey: 'personId',
  summary: 'A deactivated person was reactivated.',
  schema: statusSchema,
  example: {
    personId: exampleSnapshot.personId,
    reason: 'Deactivated by mistake',
    at: '2026-11-24T08:00:00.000Z',
    by: 'officer-7d1e',
  },
});
