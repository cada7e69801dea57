/**
 * The event backbone, measured on this machine against plain kafkajs on the same broker (`npm run bench`).
 * 1. Throughput: business transactions (4 writers, 50 events each) write events to the outbox for SUSTAIN_SECONDS;
 *    the relay publishes them (idempotent, acks=all) and an idempotent consumer (inbox) writes one row per event;
 *    events/s from the first write to the last row. Baseline: plain kafkajs producing and consuming the same number of same-sized messages.
 * 2. Latency at a steady 1,000 events/s: from the business write to the consumer's committed row (ours), and
 *    from send to receipt (baseline).
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { ProbeSent, type EventContract, type ProbeSentPayload } from '@onedoor/contracts';
import { EventBackbone, KafkaTransport } from '@onedoor/backbone';
import { createLogger, createMetricsRegistry } from '@onedoor/observability';
import {
  createBlockDataSource,
  createPlatformTablesMigration,
  createScratchDatabase,
  migrateBlock,
} from '@onedoor/persistence';
import { benchBrokers, percentile, runBench, sleep, writeResults, type BenchRecord } from './support';

const brokers = benchBrokers();
const SUSTAIN_SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const STEADY_RATE = 1_000;
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 15);
const SCHEMA = 'bench';
const logger = createLogger({ service: 'bench', level: 'warn' });

const topicName = (label: string) => `onedoor.platform.bench-${label}-${Date.now().toString(36)}.v1`;

function payload(): ProbeSentPayload {
  return { probeId: randomUUID(), origin: 'registration', note: 'x'.repeat(60), sentAt: new Date().toISOString() };
}

class EffectsTable {
  name = 'BenchEffects1763700000002';
  async up(runner: { query(sql: string): Promise<unknown> }) {
    await runner.query(
      `CREATE TABLE "${SCHEMA}".effects (event_id uuid PRIMARY KEY, latency_ms double precision NOT NULL)`,
    );
  }
  async down() {}
}

async function ours(count: number | undefined, rate: number | undefined, seconds: number) {
  const db = await createScratchDatabase('onedoor_bench');
  const dataSource = createBlockDataSource({
    url: db.url,
    schema: SCHEMA,
    migrations: [createPlatformTablesMigration(SCHEMA), EffectsTable],
    poolSize: 12,
  });
  await migrateBlock(dataSource, SCHEMA);
  const contract: EventContract<ProbeSentPayload> = { ...ProbeSent, topic: topicName('ours') };
  const transport = new KafkaTransport({ brokers, clientId: 'bench-ours', logger, maxBatchSize: 1_000 });
  const backbone = new EventBackbone({
    block: 'registration',
    schema: SCHEMA,
    dataSource,
    transport,
    logger,
    registry: createMetricsRegistry('bench'),
    relay: { batchSize: 2_000, idlePollMs: 5 },
  });
  // One row per event, written for the whole batch in one statement, in the inbox's transaction.
  backbone.onBatch(contract, async (events, manager) => {
    await manager.query(
      `INSERT INTO "${SCHEMA}".effects (event_id, latency_ms)
       SELECT id, EXTRACT(EPOCH FROM clock_timestamp() - sent) * 1000 FROM unnest($1::uuid[], $2::timestamptz[]) AS t(id, sent)`,
      [events.map((e) => e.envelope.id), events.map((e) => e.data.sentAt)],
    );
  });
  await backbone.start();
  let written = 0;
  const started = Date.now();
  const writeBatch = (size: number) =>
    dataSource.transaction((manager) =>
      backbone.publisher.publishMany(
        manager,
        contract,
        Array.from({ length: size }, () => payload()),
      ),
    );
  if (rate) {
    // Steady rate: 10 writes every 10 ms.
    const perTick = rate / 100;
    for (let tick = 0; tick < seconds * 100; tick++) {
      const due = started + tick * 10;
      if (Date.now() < due) await sleep(due - Date.now());
      await writeBatch(perTick);
      written += perTick;
    }
  } else {
    // As fast as the business side can write: 4 concurrent writers, 50 events per transaction, for `seconds`.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (Date.now() - started < seconds * 1_000 && (count === undefined || written < count)) {
          await writeBatch(50);
          written += 50;
        }
      }),
    );
  }
  const writeEnded = Date.now();
  let handled = 0;
  for (;;) {
    [{ n: handled }] = await dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}".effects`);
    if (handled >= written) break;
    await sleep(20);
  }
  const elapsed = (Date.now() - started) / 1_000;
  const latencies: number[] = (
    await dataSource.query(`SELECT latency_ms FROM "${SCHEMA}".effects ORDER BY latency_ms`)
  ).map((r: { latency_ms: number }) => Number(r.latency_ms));
  const [{ n: duplicates }] = await dataSource.query(
    `SELECT count(*)::int - count(DISTINCT event_id)::int AS n FROM "${SCHEMA}".effects`,
  );
  await backbone.stop();
  await transport.close();
  await dataSource.destroy();
  await db.drop();
  return { count: written, elapsed, writeSeconds: (writeEnded - started) / 1_000, latencies, duplicates };
}

async function baseline(count: number, rate?: number) {
  const kafka = new Kafka({ clientId: 'bench-baseline', brokers, logLevel: logLevel.NOTHING });
  const topic = topicName('baseline');
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumer = kafka.consumer({ groupId: `bench-baseline-${Date.now()}`, maxWaitTimeInMs: 100 });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  const latencies: number[] = [];
  let received = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const now = Date.now();
      for (const m of batch.messages) latencies.push(now - Number(m.headers!.sent_ms));
      received += batch.messages.length;
      if (received >= count) resolveDone();
    },
  });
  const started = Date.now();
  const message = () => {
    const p = payload();
    return {
      key: p.probeId,
      value: JSON.stringify(p),
      headers: {
        ce_specversion: '1.0',
        ce_id: randomUUID(),
        ce_type: ProbeSent.type,
        ce_source: '/bench',
        sent_ms: String(Date.now()),
      },
    };
  };
  if (rate) {
    const perTick = rate / 100;
    for (let tick = 0; tick < count / perTick; tick++) {
      const due = started + tick * 10;
      if (Date.now() < due) await sleep(due - Date.now());
      await producer.send({ topic, acks: -1, messages: Array.from({ length: perTick }, message) });
    }
  } else {
    for (let sent = 0; sent < count; sent += 500) {
      await producer.send({ topic, acks: -1, messages: Array.from({ length: Math.min(500, count - sent) }, message) });
    }
  }
  await done;
  const elapsed = (Date.now() - started) / 1_000;
  await consumer.disconnect();
  await producer.disconnect();
  return { elapsed, latencies: latencies.sort((a, b) => a - b) };
}

async function main() {
  const records: BenchRecord[] = [];
  console.log(`throughput: writing through the outbox for ${SUSTAIN_SECONDS} s…`);
  const run = await ours(undefined, undefined, SUSTAIN_SECONDS);
  const ourRate = run.count / run.elapsed;
  console.log(
    `  ours: ${run.count} events in ${run.elapsed.toFixed(1)} s = ${ourRate.toFixed(0)} events/s (duplicates: ${run.duplicates})`,
  );
  const base = await baseline(run.count);
  const baseRate = run.count / base.elapsed;
  console.log(
    `  plain kafkajs: ${run.count} messages in ${base.elapsed.toFixed(1)} s = ${baseRate.toFixed(0)} messages/s`,
  );
  records.push(
    {
      benchmark: 'backbone-throughput',
      metric: 'events_per_second',
      value: Math.round(ourRate),
      unit: 'events/s',
      baseline: Math.round(baseRate),
      ratio: +(ourRate / baseRate).toFixed(3),
    },
    { benchmark: 'backbone-throughput', metric: 'events', value: run.count, unit: 'events' },
    { benchmark: 'backbone-throughput', metric: 'sustained_seconds', value: +run.elapsed.toFixed(1), unit: 's' },
    { benchmark: 'backbone-throughput', metric: 'duplicate_effects', value: run.duplicates, unit: 'events' },
  );

  console.log(`latency: a steady ${STEADY_RATE} events/s for ${STEADY_SECONDS} s…`);
  const steady = await ours(undefined, STEADY_RATE, STEADY_SECONDS);
  const steadyBase = await baseline(STEADY_RATE * STEADY_SECONDS, STEADY_RATE);
  for (const p of [50, 99]) {
    const value = percentile(steady.latencies, p);
    const baseValue = percentile(steadyBase.latencies, p);
    console.log(`  p${p}: ours ${value.toFixed(1)} ms, plain kafkajs ${baseValue.toFixed(1)} ms`);
    records.push({
      benchmark: 'backbone-latency-1000eps',
      metric: `end_to_end_p${p}`,
      value: +value.toFixed(1),
      unit: 'ms',
      baseline: +baseValue.toFixed(1),
      ratio: +(value / Math.max(baseValue, 0.1)).toFixed(3),
    });
  }
  writeResults('backbone', records);
}

runBench(main);
