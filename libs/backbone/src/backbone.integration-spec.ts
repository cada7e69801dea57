import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Kafka as CloudEventsKafka } from 'cloudevents';
import type { DataSource } from 'typeorm';
import {
  DEAD_LETTER_HEADERS,
  ProbeSent as CatalogueProbeSent,
  deadLetterTopic,
  type EventContract,
  type ProbeSentPayload,
} from '@onedoor/contracts';
import { createMetricsRegistry } from '@onedoor/observability';
import { Client } from 'pg';
import {
  LOCAL_POSTGRES_URL,
  createPlatformTablesMigration,
  createBlockDataSource,
  migrateBlock,
} from '@onedoor/persistence';
import {
  createScratchDatabase,
  localKafkaBroker,
  memoryLogger,
  requireKafkaBrokers,
  uniqueName,
  waitFor,
  type ScratchDatabase,
} from '@onedoor/testing';
import {
  EventBackbone,
  KafkaTransport,
  PermanentEventError,
  readTopic as readTopicMessages,
  replayDeadLetters,
  type EventBatchHandlerFn,
  type EventHandlerFn,
} from './index';
const broker = localKafkaBroker();

const SCHEMA = 'backbone_test';

class EffectsTable {
  name = 'Effects1763700000001';
  async up(runner: { query(sql: string): Promise<unknown> }) {
    await runner.query(
      `CREATE TABLE "${SCHEMA}".effects (event_id uuid NOT NULL, probe_id uuid NOT NULL, note text, group_name text NOT NULL)`,
    );
  }
  async down() {}
}

const brokers = requireKafkaBrokers();
const kafka = new Kafka({ clientId: 'backbone-test', brokers, logLevel: logLevel.NOTHING });
let db: ScratchDatabase;
let dataSource: DataSource;
const running: EventBackbone[] = [];
const transports: KafkaTransport[] = [];
/** Each test has a topic of its own, so no test reads what another left behind. */
let ProbeSent: EventContract<ProbeSentPayload>;
beforeEach(() => {
  ProbeSent = {
    ...CatalogueProbeSent,
    topic: `onedoor.platform.${uniqueName('probe').replace(/_/g, '-').toLowerCase()}.v1`,
  };
});

function probe(note?: string): ProbeSentPayload {
  return { probeId: randomUUID(), origin: 'registration', sentAt: new Date().toISOString(), ...(note ? { note } : {}) };
}

/** The effect of handling an event: one row, written in the consumer's transaction. */
function recordEffect(group: string): EventHandlerFn<ProbeSentPayload> {
  return async (event, manager) => {
    await manager.query(
      `INSERT INTO "${SCHEMA}".effects (event_id, probe_id, note, group_name) VALUES ($1, $2, $3, $4)`,
      [event.envelope.id, event.data.probeId, event.data.note ?? null, group],
    );
  };
}

/**
 * A backbone for the test schema, with its own consumer group and a handler that records each effect
 * (or the given per-event handler, or `{ batch }` handler).
 */
function backbone(
  group: string,
  handler?: EventHandlerFn<ProbeSentPayload> | { batch: EventBatchHandlerFn<ProbeSentPayload> },
  retry = {},
  maxOutboxLagSeconds?: number,
) {
  const { logger } = memoryLogger(group);
  const transport = new KafkaTransport({ brokers, clientId: group, logger });
  const instance = new EventBackbone({
    block: 'registration',
    schema: SCHEMA,
    dataSource,
    transport,
    logger,
    registry: createMetricsRegistry(group),
    group,
    retry: { initialBackoffMs: 50, maxBackoffMs: 200, ...retry },
    maxOutboxLagSeconds,
  });
  if (handler && 'batch' in handler) instance.onBatch(ProbeSent, handler.batch);
  else instance.on(ProbeSent, handler ?? recordEffect(group));
  running.push(instance);
  transports.push(transport);
  return { instance, transport };
}

/** Started and connected: its topics exist, its relay runs, its consumer has subscribed (start() does not wait). */
async function started(instance: EventBackbone): Promise<void> {
  await instance.start();
  await instance.untilConnected();
}

async function publish(instance: EventBackbone, count: number, note?: string): Promise<string[]> {
  const ids: string[] = [];
  await dataSource.transaction(async (manager) => {
    for (let i = 0; i < count; i++)
      ids.push((await instance.publisher.publish(manager, ProbeSent, probe(note) as never)).data.probeId);
  });
  return ids;
}

async function effects(group: string, probeIds: string[]) {
  const rows: { probe_id: string; n: number }[] = await dataSource.query(
    `SELECT probe_id, count(*)::int AS n FROM "${SCHEMA}".effects WHERE group_name = $1 AND probe_id = ANY($2::uuid[]) GROUP BY probe_id`,
    [group, probeIds],
  );
  return { distinct: rows.length, duplicates: rows.filter((r) => r.n > 1).length };
}

beforeAll(async () => {
  db = await createScratchDatabase('onedoor_backbone');
  dataSource = createBlockDataSource({
    url: db.url,
    schema: SCHEMA,
    migrations: [createPlatformTablesMigration(SCHEMA), EffectsTable],
  });
  await migrateBlock(dataSource, SCHEMA);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
  await Promise.all(transports.splice(0).map((t) => t.close()));
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

describe('event backbone on the real broker and database', () => {
  it('publishes through the outbox and handles every event once, in a CloudEvents envelope any client can read', async () => {
    const group = uniqueName('roundtrip');
    const { instance } = backbone(group);
    await started(instance);
    const ids = await publish(instance, 50, 'round trip');

    await waitFor('50 effects', async () => (await effects(group, ids)).distinct === 50);
    expect(await effects(group, ids)).toEqual({ distinct: 50, duplicates: 0 });
    expect((await instance.relay.status()).pending).toBe(0);

    // A plain Kafka client and the official CloudEvents SDK read the same events.
    const seen = (await readTopic(ProbeSent.topic, 50)).map(
      (message) =>
        CloudEventsKafka.toEvent({ ...message, body: message.value } as never) as never as {
          type: string;
          data: { probeId: string };
        },
    );
    expect(seen.every((event) => ids.includes(event.data.probeId))).toBe(true);
    expect(new Set(seen.map((event) => event.data.probeId)).size).toBe(50);
    expect(seen.every((event) => event.type === ProbeSent.type)).toBe(true);
  });

  it('gives an event published while handling another its cause and the case it belongs to', async () => {
    const group = uniqueName('causation');
    const { instance } = backbone(group, async (event, manager) => {
      // A handler's follow-up, published in the consumer's transaction without saying what caused it.
      if (event.data.note === 'cause') await instance.publisher.publish(manager, ProbeSent, probe('effect') as never);
    });
    await started(instance);
    const cause = await dataSource.transaction((manager) =>
      instance.publisher.publish(manager, ProbeSent, probe('cause') as never, { correlationId: 'APPLICATION-42' }),
    );
    const [effect] = await waitFor('the follow-up', async () => {
      const rows: { headers: Record<string, string> }[] = await dataSource.query(
        `SELECT headers FROM "${SCHEMA}".outbox WHERE payload->>'note' = 'effect'`,
      );
      return rows.length ? rows : undefined;
    });
    expect(effect.headers).toMatchObject({ ce_causationid: cause.id, ce_correlationid: 'APPLICATION-42' });
    // Outside a handler nothing is inherited: an event of its own starts its own case.
    const alone = await dataSource.transaction((manager) =>
      instance.publisher.publish(manager, ProbeSent, probe('alone') as never),
    );
    expect([alone.causationid, alone.correlationid]).toEqual([undefined, alone.subject]);
  });

  it('publishes in bulk and hands batch handlers every event once, in order per key', async () => {
    const group = uniqueName('batch');
    const seen: string[] = [];
    const { instance } = backbone(group, {
      batch: async (events, manager) => {
        seen.push(...events.map((e) => e.data.note ?? ''));
        await manager.query(
          `INSERT INTO "${SCHEMA}".effects (event_id, probe_id, note, group_name) SELECT e, p, n, $4 FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS t(e, p, n)`,
          [events.map((e) => e.envelope.id), events.map((e) => e.data.probeId), events.map((e) => e.data.note), group],
        );
      },
    });
    await started(instance);
    const key = randomUUID();
    const payloads = Array.from({ length: 120 }, (_, i) => ({
      ...probe(`n${i}`),
      probeId: i % 2 ? randomUUID() : key,
    }));
    await dataSource.transaction((manager) => instance.publisher.publishMany(manager, ProbeSent, payloads));
    const ids = payloads.map((p) => p.probeId);
    await waitFor('120 effects', async () => {
      const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}".effects WHERE group_name = $1`, [
        group,
      ]);
      return row.n === 120;
    });
    expect(
      (
        await effects(
          group,
          ids.filter((id) => id !== key),
        )
      ).duplicates,
    ).toBe(0);
    // The 60 events of one key arrive in the order they were written.
    const sameKey = payloads.filter((p) => p.probeId === key).map((p) => p.note);
    expect(seen.filter((note) => sameKey.includes(note))).toEqual(sameKey);
  });

  it('purges published outbox rows, old inbox rows and expired idempotency keys, and nothing else', async () => {
    const group = uniqueName('purge');
    const { instance } = backbone(group);
    await started(instance);
    const ids = await publish(instance, 5, 'purge');
    await waitFor('5 effects', async () => (await effects(group, ids)).distinct === 5);
    const pending = await publish(instance, 1, 'still pending');
    // Stop the relay first: otherwise it could publish the row again between the update and the purge.
    await instance.relay.stop();
    await dataSource.query(`UPDATE "${SCHEMA}".outbox SET published_at = NULL WHERE payload->>'probeId' = $1`, pending);
    await dataSource.query(
      `UPDATE "${SCHEMA}".outbox SET published_at = now() - interval '8 days' WHERE payload->>'probeId' = ANY($1)`,
      [ids],
    );
    await dataSource.query(
      `UPDATE "${SCHEMA}".inbox SET processed_at = now() - interval '31 days' WHERE consumer_group = $1`,
      [group],
    );
    await dataSource.query(
      `INSERT INTO "${SCHEMA}".idempotency_keys (scope, key, request_hash, created_at) VALUES ('s', $1, 'h', now() - interval '2 days'), ('s', $2, 'h', now())`,
      [`old-${group}`, `new-${group}`],
    );
    const purged = await instance.relay.purgeExpired();
    expect(purged.outbox).toBeGreaterThanOrEqual(5);
    expect(purged.inbox).toBeGreaterThanOrEqual(5);
    expect(purged.idempotencyKeys).toBeGreaterThanOrEqual(1);
    const [left] = await dataSource.query(
      `SELECT count(*)::int AS n FROM "${SCHEMA}".outbox WHERE payload->>'probeId' = $1 AND published_at IS NULL`,
      pending,
    );
    expect(left.n).toBe(1);
    const keys = await dataSource.query(`SELECT key FROM "${SCHEMA}".idempotency_keys WHERE key LIKE $1`, [
      `%-${group}`,
    ]);
    expect(keys.map((k: { key: string }) => k.key)).toEqual([`new-${group}`]);
  });

  it('waits out a database outage in the middle of a batch instead of dead-lettering its events', async () => {
    const group = uniqueName('db-outage');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const { instance } = backbone(
      group,
      async (event, manager) => {
        if (calls++ === 0) await gate;
        await recordEffect(group)(event, manager);
      },
      { maxAttempts: 2 },
    );
    await started(instance);
    const ids = await publish(instance, 10, 'database outage');
    await waitFor('the consumer to be inside its first batch', () => calls > 0);

    // Cut every connection to the database, and refuse new ones, while the handler is at work.
    const admin = new Client({ connectionString: process.env.DATABASE_URL ?? LOCAL_POSTGRES_URL });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS false`);
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [db.name],
    );
    release();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await admin.query(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS true`);
    await admin.end();

    await waitFor('all 10 events after the outage', async () => (await effects(group, ids)).distinct === 10, 60_000);
    expect(await effects(group, ids)).toEqual({ distinct: 10, duplicates: 0 });
    const reader = kafka.admin();
    await reader.connect();
    const offsets = await reader.fetchTopicOffsets(deadLetterTopic(group));
    await reader.disconnect();
    expect(offsets.every((o) => o.high === o.low)).toBe(true);
  });

  it('keeps accepting writes while Kafka is down and delivers every event once after it comes back', async () => {
    const group = uniqueName('outage');
    const { instance } = backbone(group);
    await started(instance);
    const before = await publish(instance, 20, 'before outage');
    await waitFor('events before the outage', async () => (await effects(group, before)).distinct === 20);

    await broker.stop();
    try {
      const during: string[] = [];
      for (let i = 0; i < 10; i++) during.push(...(await publish(instance, 10, 'during outage')));
      const status = await instance.relay.status();
      expect(status.pending).toBeGreaterThanOrEqual(100);
      // Still ready: writes go on into the outbox; the broker shows as down.
      const readiness = await instance.readiness();
      expect(readiness.broker).toBe(false);
      expect(readiness.ready).toBe(true);
      await broker.start();
      await waitFor(
        'all 100 events written during the outage',
        async () => (await effects(group, during)).distinct === 100,
        90_000,
      );
      expect(await effects(group, during)).toEqual({ distinct: 100, duplicates: 0 });
      expect((await instance.relay.status()).pending).toBe(0);
    } finally {
      await broker.start();
    }
  });

  it('turns unready only when the outbox lags past its limit during a broker outage, and ready again after', async () => {
    const group = uniqueName('lagging');
    const { instance } = backbone(group, undefined, {}, 2);
    await started(instance);
    // Ready once its consumer has joined its group; after that, a broker outage alone keeps it ready.
    await waitFor('the consumer to join', async () => (await instance.readiness()).ready, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // past the broker check's 2 s memory
    await broker.stop();
    try {
      const waiting = await publish(instance, 5, 'waiting out the outage');
      expect(await instance.readiness()).toMatchObject({ ready: true, database: true, broker: false });
      await waitFor('the outbox to lag past 2 s', async () => !(await instance.readiness()).ready, 10_000);
      const lagging = await instance.readiness();
      expect(lagging).toMatchObject({ ready: false, database: true, broker: false });
      expect(lagging.outbox!.oldestAgeSeconds).toBeGreaterThan(2);
      await broker.start();
      await waitFor('the events of the outage', async () => (await effects(group, waiting)).distinct === 5, 90_000);
      await waitFor('ready again', async () => (await instance.readiness()).ready, 30_000);
      expect(await instance.readiness()).toMatchObject({ ready: true, broker: true });
    } finally {
      await broker.start();
    }
  });

  it('has two replicas of one block publish each outbox row once, in order', async () => {
    const group = uniqueName('replicas');
    const a = backbone(group).instance;
    const b = backbone(uniqueName('replica-b')).instance;
    await Promise.all([started(a), started(b)]);
    const ids = await publish(a, 300, 'two relays');
    await waitFor('300 effects', async () => (await effects(group, ids)).distinct === 300);

    // Read past the 300 for a while: a second copy of any event would show up as a 301st message.
    const published = (await readTopic(ProbeSent.topic, 300, 1_000)).map((m) => JSON.parse(m.value).probeId as string);
    expect(published).toHaveLength(300);
    expect(new Set(published)).toEqual(new Set(ids));
  });

  it('sends a round one request per topic, each topic in outbox order, when events alternate between topics', async () => {
    const { instance, transport } = backbone(uniqueName('alternating'));
    const Other: EventContract<ProbeSentPayload> = {
      ...ProbeSent,
      topic: `${ProbeSent.topic.replace(/\.v1$/, '')}-other.v1`,
    };
    instance.on(Other, async () => undefined); // a block creates the topics it subscribes to
    const send = jest.spyOn(transport, 'send');
    const events = Array.from({ length: 100 }, (_, i) => ({ contract: i % 2 ? Other : ProbeSent, payload: probe() }));
    await dataSource.transaction((manager) => instance.publisher.publishAll(manager, events));
    await started(instance);
    await waitFor('the outbox published', async () => (await instance.relay.status()).pending === 0);

    expect(send.mock.calls.map(([topic, messages]) => [topic, messages.length])).toEqual([
      [ProbeSent.topic, 50],
      [Other.topic, 50],
    ]);
    const idsOn = (contract: EventContract<ProbeSentPayload>) =>
      events.filter((e) => e.contract === contract).map((e) => e.payload.probeId);
    send.mock.calls.forEach(([, messages], i) => {
      const sent = messages.map((m) => (JSON.parse(String(m.value)) as ProbeSentPayload).probeId);
      expect(sent).toEqual(idsOn(i === 0 ? ProbeSent : Other)); // outbox order within the topic
    });
    for (const contract of [ProbeSent, Other]) {
      const read = (await readTopic(contract.topic, 50)).map((m) => JSON.parse(m.value).probeId as string);
      expect(new Set(read)).toEqual(new Set(idsOn(contract)));
    }
  });

  it('handles a redelivered event only once in effect (inbox)', async () => {
    const group = uniqueName('redelivery');
    const { instance } = backbone(group);
    await started(instance);
    const ids = await publish(instance, 30, 'redelivered');
    await waitFor('30 effects', async () => (await effects(group, ids)).distinct === 30);

    // Put every published row back as unpublished: the relay sends all 30 a second time, as after a crash.
    await dataSource.query(`UPDATE "${SCHEMA}".outbox SET published_at = NULL WHERE payload->>'probeId' = ANY($1)`, [
      ids,
    ]);
    await waitFor('the outbox to be republished', async () => (await instance.relay.status()).pending === 0);
    await waitFor('the consumer to catch up', async () => {
      const [row] = await dataSource.query(
        `SELECT count(*)::int AS n FROM "${SCHEMA}".inbox WHERE consumer_group = $1`,
        [group],
      );
      return row.n >= 30;
    });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await effects(group, ids)).toEqual({ distinct: 30, duplicates: 0 });
  });

  it('sends poison messages straight to dead letters and keeps their partition flowing', async () => {
    const group = uniqueName('poison');
    const { instance } = backbone(group);
    await started(instance);
    const key = randomUUID();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: ProbeSent.topic,
      messages: [
        {
          key,
          value: 'this is not json',
          headers: {
            ce_specversion: '1.0',
            ce_id: randomUUID(),
            ce_type: ProbeSent.type,
            ce_source: '/test',
            'content-type': 'application/json',
          },
        },
        {
          key,
          value: JSON.stringify({ probeId: key, origin: 'nowhere' }),
          headers: {
            ce_specversion: '1.0',
            ce_id: randomUUID(),
            ce_type: ProbeSent.type,
            ce_source: '/test',
            'content-type': 'application/json',
          },
        },
      ],
    });
    await producer.disconnect();
    // A valid event on the same partition key, after the poison.
    let after = '';
    await dataSource.transaction(async (manager) => {
      after = (
        await instance.publisher.publish(manager, ProbeSent, { ...probe('after poison'), probeId: key } as never)
      ).data.probeId;
    });
    await waitFor('the valid event after the poison', async () => (await effects(group, [after])).distinct === 1);

    const dead = await readTopic(deadLetterTopic(group), 2);
    expect(dead.map((d) => d.headers[DEAD_LETTER_HEADERS.reason]).sort()).toEqual(['schema-invalid', 'unparseable']);
    for (const d of dead) {
      expect(d.headers[DEAD_LETTER_HEADERS.topic]).toBe(ProbeSent.topic);
      expect(d.headers[DEAD_LETTER_HEADERS.offset]).toMatch(/^\d+$/);
      expect(d.headers[DEAD_LETTER_HEADERS.error]).not.toBe('');
    }
  });

  it('retries transient failures with backoff, and dead-letters what keeps failing', async () => {
    const group = uniqueName('retries');
    const failures = new Map<string, number>();
    const { instance } = backbone(
      group,
      async (event, manager) => {
        if (event.data.note === 'always fails') throw new Error('the ministry register is unavailable');
        if (event.data.note === 'permanent') throw new PermanentEventError('this case was closed');
        const seen = failures.get(event.envelope.id) ?? 0;
        if (seen < 2) {
          failures.set(event.envelope.id, seen + 1);
          throw new Error('transient');
        }
        await recordEffect(group)(event, manager);
      },
      { maxAttempts: 3 },
    );
    await started(instance);
    const failing = await publish(instance, 1, 'always fails');
    const permanent = await publish(instance, 1, 'permanent');
    const flaky = await publish(instance, 3, 'flaky');
    await waitFor('flaky events after two failures each', async () => (await effects(group, flaky)).distinct === 3);
    expect(await effects(group, flaky)).toEqual({ distinct: 3, duplicates: 0 });
    const dead = await readTopic(deadLetterTopic(group), 2);
    const byNote = Object.fromEntries(dead.map((d) => [JSON.parse(d.value).probeId, d.headers]));
    expect(byNote[failing[0]][DEAD_LETTER_HEADERS.attempts]).toBe('3');
    expect(byNote[failing[0]][DEAD_LETTER_HEADERS.error]).toContain('register is unavailable');
    expect(byNote[permanent[0]][DEAD_LETTER_HEADERS.attempts]).toBe('1');
    expect(await effects(group, [...failing, ...permanent])).toEqual({ distinct: 0, duplicates: 0 });
  });

  it('replays dead letters to their topic once the cause is fixed', async () => {
    const group = uniqueName('replay');
    let registerUp = false;
    const { instance } = backbone(
      group,
      async (event, manager) => {
        if (!registerUp) throw new Error('the ministry register is unavailable');
        await recordEffect(group)(event, manager);
      },
      { maxAttempts: 2 },
    );
    await started(instance);
    const ids = await publish(instance, 3, 'replay me');
    await readTopic(deadLetterTopic(group), 3);
    expect(await effects(group, ids)).toEqual({ distinct: 0, duplicates: 0 });

    registerUp = true;
    const dryRun = await replayDeadLetters({ brokers, group, dryRun: true });
    expect(dryRun).toHaveLength(3);
    expect(await effects(group, ids)).toEqual({ distinct: 0, duplicates: 0 });
    const replayed = await replayDeadLetters({ brokers, group });
    expect(replayed.map((r) => r.reason)).toEqual(['handler-failed', 'handler-failed', 'handler-failed']);
    await waitFor('the replayed events to take effect', async () => (await effects(group, ids)).distinct === 3);
    // Replaying again finds nothing new: each dead letter is replayed once.
    expect(await replayDeadLetters({ brokers, group })).toEqual([]);
    expect(await effects(group, ids)).toEqual({ distinct: 3, duplicates: 0 });
  });
});

/** Reads a topic from the beginning with a plain kafkajs consumer until `atLeast` messages, then `settleMs` more. */
function readTopic(topic: string, atLeast: number, settleMs = 0) {
  return readTopicMessages(brokers, topic, (messages) => messages.length >= atLeast, { settleMs });
}
