import { ProbeSent } from '@onedoor/contracts';
import { decodeEnvelope, encodeEnvelope, PoisonMessageError } from './cloudevents-kafka';

const envelope = {
  specversion: '1.0' as const,
  id: '8d3c7a52-7a3f-4c39-9d52-2b4a0f6f9f11',
  type: ProbeSent.type,
  source: '/onedoor/registration',
  subject: 'p-1',
  time: '2026-11-21T09:30:00.000Z',
  datacontenttype: 'application/json' as const,
  correlationid: 'case-7',
  causationid: 'event-6',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  data: { probeId: 'p-1', origin: 'registration', sentAt: '2026-11-21T09:30:00.000Z' },
};

describe('CloudEvents Kafka binding (binary mode)', () => {
  it('puts attributes in ce_ headers and the data in the value, and reads them back', () => {
    const message = encodeEnvelope(envelope, 'p-1');
    expect(message.key).toBe('p-1');
    expect(message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: envelope.id,
      ce_type: ProbeSent.type,
      ce_source: '/onedoor/registration',
      ce_correlationid: 'case-7',
      ce_causationid: 'event-6',
      ce_traceparent: envelope.traceparent,
      traceparent: envelope.traceparent,
      'content-type': 'application/json',
    });
    expect(JSON.parse(message.value!.toString())).toEqual(envelope.data);
    expect(decodeEnvelope(message)).toEqual({ ...envelope, dataschema: undefined, tracestate: undefined });
  });

  it.each([
    ['a message without CloudEvents headers', { key: 'k', value: Buffer.from('{}'), headers: {} }],
    [
      'a value that is not JSON',
      {
        key: 'k',
        value: Buffer.from('not json'),
        headers: { ce_specversion: '1.0', ce_id: '1', ce_type: 't', ce_source: 's' },
      },
    ],
    [
      'a CloudEvent missing its type',
      { key: 'k', value: Buffer.from('{}'), headers: { ce_specversion: '1.0', ce_id: '1', ce_source: 's' } },
    ],
    [
      'another content type',
      {
        key: 'k',
        value: Buffer.from('<xml/>'),
        headers: { ce_specversion: '1.0', ce_id: '1', ce_type: 't', ce_source: 's', 'content-type': 'application/xml' },
      },
    ],
  ])('refuses %s as poison', (_label, message) => {
    expect(() => decodeEnvelope(message)).toThrow(PoisonMessageError);
  });
});

describe('CloudEvents Kafka binding (structured mode)', () => {
  const structured = (event: unknown) => ({
    key: 'p-1',
    value: Buffer.from(JSON.stringify(event)),
    headers: { 'content-type': 'application/cloudevents+json; charset=UTF-8' },
  });

  it('reads an event whose attributes and data are the value, as a publisher in structured mode writes it', () => {
    // datacontenttype may be left out: JSON is the default.
    const attributes: Record<string, unknown> = { ...envelope };
    delete attributes.datacontenttype;
    expect(decodeEnvelope(structured(attributes))).toEqual({
      ...envelope,
      dataschema: undefined,
      tracestate: undefined,
    });
  });

  it.each([
    ['not JSON', 'not json'],
    ['not an object', [1, 2]],
    ['another spec version', { ...envelope, specversion: '0.3' }],
    ['no type', { ...envelope, type: undefined }],
    ['binary data', { ...envelope, data: undefined, data_base64: 'AAAA' }],
    ['data that is not JSON', { ...envelope, datacontenttype: 'application/xml' }],
  ])('sends %s to dead letters', (_case, event) => {
    const message =
      typeof event === 'string'
        ? { key: 'k', value: Buffer.from(event), headers: { 'content-type': 'application/cloudevents+json' } }
        : structured(event);
    expect(() => decodeEnvelope(message)).toThrow(PoisonMessageError);
  });
});
