import { schema as s, type JsonSchema } from '@onedoor/http';

/** What the messaging block's operations answer, as JSON Schema for its OpenAPI document; tests check answers. */

const CHANNEL = s.enum('sms', 'email', 'webhook', 'in_app');
const MESSAGE_STATUS = s.enum('Pending', 'Queued', 'Sent', 'Delivered', 'Errored');

export const ACCEPTED: JsonSchema = s.object({ messageId: s.uuid, status: MESSAGE_STATUS });

export const BATCH_ACCEPTED: JsonSchema = s.object({
  batchId: s.uuid,
  accepted: s.integer,
  skipped: s.array(s.object({ index: s.integer, reason: s.string() })),
});

export const MESSAGE: JsonSchema = s.object(
  {
    messageId: s.uuid,
    batchId: s.uuid,
    channel: CHANNEL,
    status: MESSAGE_STATUS,
    detail: s.string(),
    provider: s.string(),
    providerMessageId: s.string(),
    attempts: s.integer,
    smsParts: s.integer,
    createdAt: s.dateTime,
    history: s.array(
      s.object({ status: MESSAGE_STATUS, provider: s.string(), detail: s.string(), at: s.dateTime }, [
        'provider',
        'detail',
      ]),
    ),
  },
  ['batchId', 'detail', 'provider', 'providerMessageId', 'smsParts'],
);

/** GovStack's batch status, and each status's count. */
export const BATCH_STATUS: JsonSchema = s.object({
  scheduled: s.integer,
  processing: s.integer,
  deferred: s.integer,
  bounced: s.integer,
  notSent: s.integer,
  delivered: s.integer,
  byStatus: s.object({
    Pending: s.integer,
    Queued: s.integer,
    Sent: s.integer,
    Delivered: s.integer,
    Errored: s.integer,
  }),
});

export const TEMPLATE: JsonSchema = s.object({
  key: s.string(),
  channel: CHANNEL,
  language: s.enum('lo', 'en'),
  subject: s.nullable(s.string()),
  body: s.string(),
});

export const RULE: JsonSchema = s.object({
  id: s.string(),
  eventType: s.string(),
  templateKey: s.string(),
  personField: s.string(),
  essential: s.boolean,
  everyChannel: s.boolean,
  enabled: s.boolean,
});

export const PREFERENCES: JsonSchema = s.object({
  optedOut: s.boolean,
  preferredLanguage: s.enum('lo', 'en'),
  preferredChannel: s.enum('sms', 'email'),
});

export const INBOX_ITEM: JsonSchema = s.object({
  id: s.uuid,
  channel: s.enum('in_app', 'sms', 'email'),
  subject: s.nullable(s.string()),
  body: s.string(),
  templateKey: s.nullable(s.string()),
  createdAt: s.dateTime,
  readAt: s.nullable(s.dateTime),
});

export const READ: JsonSchema = s.object({ id: s.uuid, read: s.boolean, changed: s.boolean });

export const EMAIL_ACCEPTED: JsonSchema = s.object({ response: s.string(), requestUid: s.string() });

/** A callback for an email request, as it arrived. */
export const CALLBACK: JsonSchema = s.object(
  {
    id: s.uuid,
    meta: s.string(),
    content: s.string('Base64, as it arrived'),
    receivedBy: s.string(),
    receivedAt: s.dateTime,
  },
  ['meta'],
);
