/**
 * An integrator on Kafka, as docs/guides/integrators.md tells them: a consumer group of their own, a plain Kafka
 * client (kcat) and the CloudEvents SDK (`cloudevents`, its Kafka binding) reading a block's topic with nothing but
 * the AsyncAPI document's topic and schema. The blocks run on the real broker and database.
 */
import { spawnSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Kafka as CloudEventsKafka, type CloudEvent, type KafkaMessage } from 'cloudevents';
import { Kafka, logLevel } from 'kafkajs';
import { OrganisationSaved, ROLES } from '@onedoor/contracts';
import { api, requireKafkaBrokers, waitFor } from '@onedoor/testing';
import { startAllBlocks, type AllBlocks } from './all-blocks';

let blocks: AllBlocks;
let code: string;

beforeAll(async () => {
  blocks = await startAllBlocks('integrators');
  const operator = await blocks.token({ sub: 'platform-operator', roles: [ROLES.platformOperator] });
  code = `MOF-${Date.now().toString(36).toUpperCase()}`;
  const saved = await api(`${blocks.platform.urls.identity}/organisations/${code}`, {
    method: 'PUT',
    token: operator,
    body: { kind: 'ministry', nameLo: 'ກະຊວງການເງິນ', nameEn: 'Ministry of Finance' },
  });
  expect(saved.status).toBe(200);
  // Published: the outbox row the relay sends to Kafka.
  await waitFor('the event is published', async () => {
    const rows = await blocks.db.query(
      `SELECT 1 FROM identity.outbox WHERE event_type = $1 AND payload->>'code' = $2 AND published_at IS NOT NULL`,
      [OrganisationSaved.type, code],
    );
    return rows.length > 0 || undefined;
  });
}, 120_000);

afterAll(async () => {
  await blocks?.close();
});

describe('integrators on Kafka', () => {
  it('read a topic with the CloudEvents SDK in a consumer group of their own, and validate the data with its schema', async () => {
    const kafka = new Kafka({ clientId: 'tax-system', brokers: requireKafkaBrokers(), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `integrator.tax-system.${code}` });
    const events: CloudEvent<unknown>[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: OrganisationSaved.topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const headers = Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
          );
          const received: KafkaMessage<string> = {
            key: message.key?.toString() ?? '',
            value: message.value?.toString() ?? '',
            body: message.value?.toString() ?? '',
            headers,
            timestamp: message.timestamp,
          };
          events.push(CloudEventsKafka.toEvent(received) as CloudEvent<unknown>);
        },
      });
      const event = await waitFor(
        'the event through the CloudEvents SDK',
        async () => events.find((e) => (e.data as { code?: string })?.code === code),
        60_000,
      );
      expect(event).toMatchObject({ specversion: '1.0', type: OrganisationSaved.type, source: expect.any(String) });
      expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
      const ajv = new Ajv2020({ strict: false });
      addFormats(ajv);
      expect(ajv.validate(OrganisationSaved.schema, event.data)).toBe(true);
    } finally {
      await consumer.disconnect();
    }
  });

  it('read it with kcat, a plain Kafka client: the CloudEvents attributes are its headers, the data its value', () => {
    const kcat = spawnSync(
      'kcat',
      [
        '-b',
        requireKafkaBrokers().join(','),
        '-G',
        `integrator.kcat.${code}`,
        '-X',
        'auto.offset.reset=earliest',
        '-e',
        '-q',
        '-f',
        '%h\t%s\n',
        OrganisationSaved.topic,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (kcat.error) throw new Error(`kcat is needed (apt-get install kcat): ${kcat.error.message}`);
    expect(kcat.status).toBe(0);
    const line = kcat.stdout.split('\n').find((row) => row.includes(`"code":"${code}"`));
    expect(line).toBeDefined();
    const [headers, value] = line!.split('\t');
    expect(headers).toContain(`ce_type=${OrganisationSaved.type}`);
    expect(headers).toContain('ce_specversion=1.0');
    expect(JSON.parse(value)).toMatchObject({ code, kind: 'ministry' });
  });
});
