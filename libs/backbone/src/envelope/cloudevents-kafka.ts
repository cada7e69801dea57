import { CE_HEADER_PREFIX, CONTENT_TYPE_HEADER, type EventEnvelope } from '@onedoor/contracts';
import type { TransportMessage } from '../transport/event-transport';

/** A message that can never be handled: it goes straight to dead letters. */
export class PoisonMessageError extends Error {
  constructor(
    readonly reason: 'unparseable' | 'schema-invalid',
    message: string,
  ) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

const ATTRIBUTES = [
  'specversion',
  'id',
  'type',
  'source',
  'subject',
  'time',
  'dataschema',
  'correlationid',
  'causationid',
  'traceparent',
  'tracestate',
] as const;

/**
 * CloudEvents Kafka protocol binding, binary content mode: every attribute is a `ce_<name>` header, the data is
 * the message value, `content-type` carries datacontenttype. The W3C `traceparent` header is also set, so tracing
 * tools that know nothing of CloudEvents follow the trace too.
 */
export function encodeEnvelope(envelope: EventEnvelope, key: string): TransportMessage {
  return { key, value: Buffer.from(JSON.stringify(envelope.data)), headers: envelopeHeaders(envelope) };
}

/** encodeEnvelope's headers alone (the outbox keeps the data apart). */
export function envelopeHeaders(envelope: EventEnvelope): Record<string, string> {
  const headers: Record<string, string> = { [CONTENT_TYPE_HEADER]: envelope.datacontenttype };
  for (const attribute of ATTRIBUTES) {
    const value = envelope[attribute];
    if (value !== undefined) headers[`${CE_HEADER_PREFIX}${attribute}`] = String(value);
  }
  if (envelope.traceparent) headers.traceparent = envelope.traceparent;
  if (envelope.tracestate) headers.tracestate = envelope.tracestate;
  return headers;
}

const STRUCTURED = 'application/cloudevents+json';

/**
 * Structured content mode (`content-type: application/cloudevents+json`): the whole event, attributes and data,
 * is the message value. Accepted from publishers that write it (OneDoor itself writes binary mode).
 */
function decodeStructured(message: TransportMessage): EventEnvelope {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(message.value?.toString('utf8') ?? '') as Record<string, unknown>;
  } catch (error) {
    throw new PoisonMessageError('unparseable', `structured event is not JSON: ${(error as Error).message}`);
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw new PoisonMessageError('unparseable', 'structured event is not a JSON object');
  }
  const text = (name: string) => (typeof event[name] === 'string' ? (event[name] as string) : undefined);
  if (text('specversion') !== '1.0') {
    throw new PoisonMessageError(
      'unparseable',
      `not a CloudEvents 1.0 event (specversion=${String(event.specversion)})`,
    );
  }
  for (const required of ['id', 'type', 'source']) {
    if (!text(required)) throw new PoisonMessageError('unparseable', `missing CloudEvents attribute ${required}`);
  }
  const contentType = text('datacontenttype') ?? 'application/json';
  if (!contentType.startsWith('application/json') || 'data_base64' in event) {
    throw new PoisonMessageError('unparseable', `unsupported datacontenttype ${contentType}`);
  }
  return {
    specversion: '1.0',
    id: text('id')!,
    type: text('type')!,
    source: text('source')!,
    subject: text('subject'),
    time: text('time') ?? '',
    datacontenttype: 'application/json',
    dataschema: text('dataschema'),
    correlationid: text('correlationid'),
    causationid: text('causationid'),
    traceparent: text('traceparent') ?? message.headers.traceparent,
    tracestate: text('tracestate') ?? message.headers.tracestate,
    data: event.data,
  } as EventEnvelope;
}

/** A Kafka message as an event: binary content mode (OneDoor's) or structured (`application/cloudevents+json`). */
export function decodeEnvelope(message: TransportMessage): EventEnvelope {
  const h = message.headers;
  if ((h[CONTENT_TYPE_HEADER] ?? '').startsWith(STRUCTURED)) return decodeStructured(message);
  const get = (name: string) => h[`${CE_HEADER_PREFIX}${name}`];
  if (get('specversion') !== '1.0') {
    throw new PoisonMessageError('unparseable', `not a CloudEvents 1.0 message (ce_specversion=${get('specversion')})`);
  }
  for (const required of ['id', 'type', 'source']) {
    if (!get(required)) throw new PoisonMessageError('unparseable', `missing CloudEvents attribute ${required}`);
  }
  const contentType = h[CONTENT_TYPE_HEADER] ?? 'application/json';
  if (!contentType.startsWith('application/json')) {
    throw new PoisonMessageError('unparseable', `unsupported content-type ${contentType}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch (error) {
    throw new PoisonMessageError('unparseable', `data is not JSON: ${(error as Error).message}`);
  }
  return {
    specversion: '1.0',
    id: get('id'),
    type: get('type'),
    source: get('source'),
    subject: get('subject'),
    time: get('time') ?? '',
    datacontenttype: 'application/json',
    dataschema: get('dataschema'),
    correlationid: get('correlationid'),
    causationid: get('causationid'),
    traceparent: get('traceparent') ?? h.traceparent,
    tracestate: get('tracestate') ?? h.tracestate,
    data,
  };
}
