import { defineEvent } from '../event-contract';

export interface OneTimeCodeRequestedPayload {
  challengeId: string;
  personId: string;
  channel: 'sms' | 'email';
  /** Where to send it: an E.164 phone number or an email address. */
  destination: string;
  language: 'lo' | 'en';
  /** The code itself. Only the messaging block reads this topic (Kafka ACL); no log ever shows it. */
  code: string;
  expiresAt: string;
}

/**
 * A citizen asked to log in with their UIN: the messaging block delivers the code by SMS or email.
 * Restricted topic: the payload holds a secret, so integrators are not granted read access to it.
 */
export const OneTimeCodeRequested = defineEvent<OneTimeCodeRequestedPayload>({
  type: 'la.gov.onedoor.identity.one-time-code.requested.v1',
  version: 1,
  source: 'identity',
  topic: 'onedoor.identity.one-time-code.v1',
  partitionKey: 'personId',
  summary: 'Deliver this login code to the person (essential message: sent even when they opted out of others).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['challengeId', 'personId', 'channel', 'destination', 'language', 'code', 'expiresAt'],
    properties: {
      challengeId: { type: 'string', format: 'uuid' },
      personId: { type: 'string', format: 'uuid' },
      channel: { type: 'string', enum: ['sms', 'email'] },
      destination: { type: 'string', minLength: 3, maxLength: 320 },
      language: { type: 'string', enum: ['lo', 'en'] },
      code: { type: 'string', pattern: '^[0-9]{6}$' },
      expiresAt: { type: 'string', format: 'date-time' },
    },
  },
  example: {
    challengeId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    personId: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    channel: 'sms',
    destination: '+8562055512345',
    language: 'lo',
    code: '482913',
    expiresAt: '2026-11-21T09:35:00.000Z',
  },
});
