/**
 * The CloudEvents 1.0 envelope of every OneDoor event, as it travels in Kafka (binary content mode:
 * attributes in `ce_`-prefixed headers, the payload as the message value).
 */
export interface EventEnvelope<TPayload = unknown> {
  readonly specversion: '1.0';
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly subject?: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly dataschema?: string;
  /** Extension: the case (application, hotline case) this event belongs to, across blocks. */
  readonly correlationid?: string;
  /** Extension: the id of the event that caused this one. */
  readonly causationid?: string;
  /** Extension (CloudEvents distributed tracing): W3C trace context of the producing operation. */
  readonly traceparent?: string;
  readonly tracestate?: string;
  readonly data: TPayload;
}

/** The Kafka header names of the CloudEvents Kafka protocol binding, binary content mode. */
export const CE_HEADER_PREFIX = 'ce_';
export const CONTENT_TYPE_HEADER = 'content-type';

/** Headers added to a dead-lettered message, next to its original headers. */
export const DEAD_LETTER_HEADERS = {
  error: 'onedoor_dlq_error',
  reason: 'onedoor_dlq_reason',
  group: 'onedoor_dlq_group',
  topic: 'onedoor_dlq_topic',
  partition: 'onedoor_dlq_partition',
  offset: 'onedoor_dlq_offset',
  attempts: 'onedoor_dlq_attempts',
  failedAt: 'onedoor_dlq_failed_at',
} as const;

/** One dead-letter topic per consumer group: a message can fail for one group and not for another. */
export function deadLetterTopic(consumerGroup: string): string {
  return `onedoor.dead-letter.${consumerGroup}`;
}
