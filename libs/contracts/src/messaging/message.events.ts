import { defineEvent } from '../event-contract';

/** A message's progress. No content: bodies can hold personal data and one-time codes. */
export interface MessageStatusPayload {
  messageId: string;
  batchId?: string;
  personId?: string;
  channel: 'sms' | 'email' | 'in_app' | 'webhook';
  templateKey?: string;
  provider?: string;
  /** GovStack's message statuses. */
  status: 'Queued' | 'Sent' | 'Delivered' | 'Errored';
  /** Why it errored, or a note such as a language or channel fallback. */
  detail?: string;
  attempts: number;
  at: string;
}

const schema = (status: MessageStatusPayload['status']) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: ['messageId', 'channel', 'status', 'attempts', 'at'],
    properties: {
      messageId: { type: 'string', format: 'uuid' },
      batchId: { type: 'string', format: 'uuid' },
      personId: { type: 'string', format: 'uuid' },
      channel: { type: 'string', enum: ['sms', 'email', 'in_app', 'webhook'] },
      templateKey: { type: 'string', maxLength: 100 },
      provider: { type: 'string', maxLength: 100 },
      status: { const: status },
      detail: { type: 'string', maxLength: 500 },
      attempts: { type: 'integer', minimum: 0 },
      at: { type: 'string', format: 'date-time' },
    },
  }) as const;

const example = (
  status: MessageStatusPayload['status'],
  extra: Partial<MessageStatusPayload> = {},
): MessageStatusPayload => ({
  messageId: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
  personId: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  channel: 'sms',
  templateKey: 'registration.status-changed',
  status,
  attempts: status === 'Queued' ? 0 : 1,
  at: '2026-11-21T09:30:01.000Z',
  ...extra,
});

const TOPIC = 'onedoor.messaging.message.v1';

export const MessageQueued = defineEvent<MessageStatusPayload>({
  type: 'la.gov.onedoor.messaging.message.queued.v1',
  version: 1,
  source: 'messaging',
  topic: TOPIC,
  partitionKey: 'messageId',
  summary: 'A message was accepted and waits for its channel.',
  schema: schema('Queued'),
  example: example('Queued'),
});

export const MessageSent = defineEvent<MessageStatusPayload>({
  type: 'la.gov.onedoor.messaging.message.sent.v1',
  version: 1,
  source: 'messaging',
  topic: TOPIC,
  partitionKey: 'messageId',
  summary: 'A provider took the message (SMS gateway, mail server, webhook receiver, or the in-app inbox).',
  schema: schema('Sent'),
  example: example('Sent', { provider: 'sms-gateway-1' }),
});

export const MessageDelivered = defineEvent<MessageStatusPayload>({
  type: 'la.gov.onedoor.messaging.message.delivered.v1',
  version: 1,
  source: 'messaging',
  topic: TOPIC,
  partitionKey: 'messageId',
  summary: "The provider's receipt says the message reached the person.",
  schema: schema('Delivered'),
  example: example('Delivered', { provider: 'sms-gateway-1' }),
});

export const MessageFailed = defineEvent<MessageStatusPayload>({
  type: 'la.gov.onedoor.messaging.message.failed.v1',
  version: 1,
  source: 'messaging',
  topic: TOPIC,
  partitionKey: 'messageId',
  summary: 'The message could not be delivered: retries ran out, or the address or number is refused.',
  schema: schema('Errored'),
  example: example('Errored', { detail: 'retries exhausted after 24 hours', attempts: 12 }),
});

/**
 * A callback arrived for an email request (GovStack's POST /callback/email: a reply, a bounce report, whatever the
 * sending system arranged). Not its content, which may hold personal data: the request's sender reads that from
 * the messaging API (GET /messaging/batches/{id}/callbacks).
 */
export interface EmailCallbackPayload {
  callbackId: string;
  /** The email request (batch) it is about. */
  requestUid: string;
  /** The callback's own description, as the caller gave it. */
  meta?: string;
  sizeBytes: number;
  /** The client that posted it. */
  receivedBy: string;
  at: string;
}

export const EmailCallbackReceived = defineEvent<EmailCallbackPayload>({
  type: 'la.gov.onedoor.messaging.email-callback.received.v1',
  version: 1,
  source: 'messaging',
  topic: 'onedoor.messaging.email-callback.v1',
  partitionKey: 'requestUid',
  summary: 'A callback (a reply, a report) arrived for an email request; its content is read from the API.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['callbackId', 'requestUid', 'sizeBytes', 'receivedBy', 'at'],
    properties: {
      callbackId: { type: 'string', format: 'uuid' },
      requestUid: { type: 'string', format: 'uuid' },
      meta: { type: 'string', maxLength: 1_000 },
      sizeBytes: { type: 'integer', minimum: 0 },
      receivedBy: { type: 'string', maxLength: 200 },
      at: { type: 'string', format: 'date-time' },
    },
  },
  example: {
    callbackId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    requestUid: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    meta: 'reply',
    sizeBytes: 412,
    receivedBy: 'moic-mail-gateway',
    at: '2026-11-30T09:30:01.000Z',
  },
});
