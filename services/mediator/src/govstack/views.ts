import type { SubscriptionRecord } from '../domain';
import { schema as s } from '@onedoor/http';
import type { RoomParams } from './pubsub.dto';

export const publisherOf = (path: RoomParams) => ({
  instanceId: path.instanceId,
  memberClass: path.memberClass,
  memberCode: path.memberCode,
  applicationCode: path.applicationCode,
});

/** A subscription as GovStack's `SubscriptionItem`, with OneDoor's delivery state. */
export function subscriptionView(record: SubscriptionRecord, signingSecret?: string) {
  return {
    id: record.id,
    subscriberId: record.subscriber,
    eventType: record.eventType,
    delivery: record.delivery,
    options: { TTL: record.ttlSeconds, FIFO: true },
    ...(record.pushUrl && { pushUrl: record.pushUrl }),
    status: record.status,
    ...(record.failures && { failures: record.failures }),
    ...(record.lastError && { lastError: record.lastError }),
    ...(signingSecret && { signingSecret }),
  };
}

const ID = s.object({
  instanceId: s.string(),
  memberClass: s.string(),
  memberCode: s.string(),
  applicationCode: s.string(),
});

export const SUBSCRIPTION_ITEM = s.object(
  {
    id: s.uuid,
    subscriberId: s.record,
    eventType: s.string(),
    delivery: s.enum('PUSH', 'PULL'),
    options: s.object({ TTL: s.integer, FIFO: s.boolean }),
    pushUrl: s.string(),
    status: s.enum('active', 'paused'),
    failures: s.integer,
    lastError: s.string(),
    signingSecret: s.string('PUSH: the key of X-OneDoor-Signature, answered once when PUSH starts'),
  },
  ['pushUrl', 'failures', 'lastError', 'signingSecret'],
);

export const EVENT_ITEM = s.object(
  {
    id: s.uuid,
    sequence: s.integer,
    publisherId: ID,
    eventType: s.string(),
    event: s.any,
    time: s.dateTime,
    subject: s.string(),
    correlationId: s.string('The case (application, hotline case) the event belongs to'),
  },
  ['publisherId', 'subject', 'correlationId'],
);

export const EVENT_TYPE = s.object({ eventType: s.string(), schema: s.record });
