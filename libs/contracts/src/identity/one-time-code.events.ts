import { defineEvent } from '../event-contract';

/**
 * What a one-time code is for: signing in with a UIN, proving it is the person activating a staff account,
 * proving a new phone number is the person's (the code goes to that number), or binding a wallet app's key.
 */
export type OneTimeCodePurpose = 'sign-in' | 'activation' | 'phone-change' | 'wallet-binding';

/** The secret part of a one-time code request, sealed for the messaging block (never in clear in an event). */
export interface OneTimeCodeSecret {
  /** The code itself. */
  code: string;
  /** Where to send it: an E.164 phone number or an email address. */
  destination: string;
}

export interface OneTimeCodeRequestedPayload {
  challengeId: string;
  personId: string;
  purpose: OneTimeCodePurpose;
  channel: 'sms' | 'email';
  language: 'lo' | 'en';
  expiresAt: string;
  /**
   * `OneTimeCodeSecret` as a compact JWE sealed for the messaging block's key (ECDH-ES, A256GCM; ADR 0013):
   * a reader of the topic, the outbox or a dead letter learns neither the code nor the address.
   */
  sealed: string;
}

/**
 * A person asked for a one-time code (to sign in with their UIN, or to activate a civil-servant account): the
 * messaging block delivers it by SMS or email. The code and the address are sealed for the messaging block;
 * version 1 carried them in clear and is withdrawn.
 */
export const OneTimeCodeRequested = defineEvent<OneTimeCodeRequestedPayload>({
  type: 'la.gov.onedoor.identity.one-time-code.requested.v2',
  version: 2,
  source: 'identity',
  topic: 'onedoor.identity.one-time-code.v2',
  partitionKey: 'personId',
  summary:
    'Deliver this one-time code to the person (essential message: sent even when they opted out of others); the code and address are sealed for the messaging block.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['challengeId', 'personId', 'purpose', 'channel', 'language', 'expiresAt', 'sealed'],
    properties: {
      challengeId: { type: 'string', format: 'uuid' },
      personId: { type: 'string', format: 'uuid' },
      purpose: { type: 'string', enum: ['sign-in', 'activation', 'phone-change', 'wallet-binding'] },
      channel: { type: 'string', enum: ['sms', 'email'] },
      language: { type: 'string', enum: ['lo', 'en'] },
      expiresAt: { type: 'string', format: 'date-time' },
      sealed: { type: 'string', pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*){4}$', maxLength: 4096 },
    },
  },
  example: {
    challengeId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    personId: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    purpose: 'sign-in',
    channel: 'sms',
    language: 'lo',
    expiresAt: '2026-11-21T09:35:00.000Z',
    sealed:
      'eyJhbGciOiJFQ0RILUVTIiwiZW5jIjoiQTI1NkdDTSIsImtpZCI6IjNxLWEiLCJ0eXAiOiJvbmVkb29yLXNlYWxlZCtqd2UifQ..c2FtcGxlaXY.c2VhbGVk.dGFn',
  },
});
