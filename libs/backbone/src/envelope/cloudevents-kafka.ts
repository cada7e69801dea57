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

/** Parses JSON, or sends the message to dead letters saying what was not JSON. */
function json(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PoisonMessageError('unparseable', `${what} is not JSON: ${(error as Error).message}`);
  }
}

/**
 * The envelope from an event's attributes (`attribute(name)`, from headers or from a structured event), checked
 * as CloudEvents 1.0 with JSON data; `data()` reads the data once the attributes pass.
 */
function envelopeOf(
  attribute: (name: string) => string | undefined,
  dataContentType: string,
  headers: TransportMessage['headers'],
  data: () => unknown,
): EventEnvelope {
  if (attribute('specversion') !== '1.0') {
    throw new PoisonMessageError(
      'unparseable',
      `not a CloudEvents 1.0 event (specversion=${attribute('specversion')})`,
    );
  }
  for (const required of ['id', 'type', 'source']) {
    if (!attribute(required)) throw new PoisonMessageError('unparseable', `missing CloudEvents attribute ${required}`);
  }
  if (!dataContentType.startsWith('application/json')) {
    throw new PoisonMessageError('unparseable', `unsupported content type ${dataContentType}`);
  }
  return {
    specversion: '1.0',
    id: attribute('id')!,
    type: attribute('type')!,
    source: attribute('source')!,
    subject: attribute('subject'),
    time: attribute('time') ?? '',
    datacontenttype: 'application/json',
    dataschema: attribute('dataschema'),
    correlationid: attribute('correlationid'),
    causationid: attribute('causationid'),
    traceparent: attribute('traceparent') ?? headers.traceparent,
    tracestate: attribute('tracestate') ?? headers.tracestate,
    data: data(),
  };
}

/**
 * A Kafka message as an event. Binary content mode (OneDoor's): attributes in `ce_` headers, the data as the
 * value. Structured mode (`content-type: application/cloudevents+json`, as other publishers may write): the
 * whole event, attributes and data, as the value.
 */
export function decodeEnvelope(message: TransportMessage): EventEnvelope {
  const h = message.headers;
  const text = message.value?.toString('utf8') ?? '';
  if ((h[CONTENT_TYPE_HEADER] ?? '').startsWith(STRUCTURED)) {
    const event = json(text, 'the structured event');
    if (event === null || typeof event !== 'object' || Array.isArray(event)) {
      throw new PoisonMessageError('unparseable', 'the structured event is not a JSON object');
    }
    const fields = event as Record<string, unknown>;
    const attribute = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : undefined);
    // Binary data (data_base64) is not JSON data.
    const dataContentType = 'data_base64' in fields ? 'binary' : (attribute('datacontenttype') ?? 'application/json');
    return envelopeOf(attribute, dataContentType, h, () => fields.data);
  }
  return envelopeOf(
    (name) => h[`${CE_HEADER_PREFIX}${name}`],
    h[CONTENT_TYPE_HEADER] ?? 'application/json',
    h,
    () => json(text, 'data'),
  );
}
