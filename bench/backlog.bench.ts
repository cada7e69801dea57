/**
 * HTTP latency of a block working off a backlog of events, against the same block idle, in the same run
 * (`npm run bench -- backlog`). The registration block runs as its own process on the benchmark's broker and a
 * scratch database. Baseline: a steady open loop of requests to its public catalogue (a database read) while it
 * has nothing to consume (after a 3 s warm-up). Then the block is stopped, BENCH_BACKLOG_EVENTS events it consumes (backbone probes:
 * each an inbox claim and a row, in one transaction, as any handler) are published, and the block is started
 * again: from when its API answers, the same warm-up and open loop run while its consumer works through the backlog.
 *
 * Reported: p50, p95 and p99 of each, and their ratios (under backlog / idle); events consumed per second during
 * the loaded window, and whether the backlog lasted the whole window (else the window measured less than it says).
 * Target: p95 under backlog at most 2× idle (consumers do not starve requests). Sizes: BENCH_BACKLOG_EVENTS
 * (default 150000), BENCH_BACKLOG_RATE (requests per second, default 50), BENCH_BACKLOG_SECONDS (default 15).
 */
import { randomUUID } from 'node:crypto';
import { EventBackbone, KafkaTransport } from '@onedoor/backbone';
import { ProbeSent, type ProbeSentPayload } from '@onedoor/contracts';
import { createDevelopmentAuthority } from '@onedoor/auth';
import { createLogger, createMetricsRegistry } from '@onedoor/observability';
import {
  createBlockDataSource,
  createPlatformTablesMigration,
  createScratchDatabase,
  migrateBlock,
} from '@onedoor/persistence';
import {
  benchBrokers,
  percentile,
  runBench,
  send,
  sleep,
  spawnServer,
  untilOutboxPublished,
  writeResults,
  type BenchRecord,
} from './support';

const EVENTS = Number(process.env.BENCH_BACKLOG_EVENTS ?? 150_000);
const RATE = Number(process.env.BENCH_BACKLOG_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_BACKLOG_SECONDS ?? 15);
const WARM_UP_SECONDS = 3;
const PORT = 3461;
const BLOCK = 'registration';
const logger = createLogger({ service: 'bench', level: 'warn' });

/** An open loop: one request every 1/RATE s whatever the answers' pace; each request's latency, sorted. */
async function openLoop(url: string, seconds = SECONDS): Promise<number[]> {
  const latencies: number[] = [];
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < RATE * seconds; i++) {
    const due = started + (i * 1_000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(
      (async () => {
        const t0 = performance.now();
        const answer = await send(url);
        if (!answer.ok) throw new Error(`HTTP ${answer.status}: ${answer.body.slice(0, 300)}`);
        latencies.push(performance.now() - t0);
      })(),
    );
  }
  await Promise.all(pending);
  return latencies.sort((a, b) => a - b);
}

runBench(async () => {
  const brokers = benchBrokers();
  const db = await createScratchDatabase('onedoor_bench_backlog');
  const authority = await createDevelopmentAuthority();
  const base = `http://127.0.0.1:${PORT}/${BLOCK}`;
  const env = {
    KAFKA_BROKERS: brokers.join(','),
    DATABASE_URL: db.url,
    [`${BLOCK.toUpperCase()}_PORT`]: String(PORT),
    AUTH_JWKS: JSON.stringify(authority.jwks),
    ONEDOOR_DATA_DIR: 'memory',
  };
  const receipts = async () =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${BLOCK}.probe_receipts`))[0].n;
  const catalogue = `${base}/services`;
  let block: Awaited<ReturnType<typeof spawnServer>> | undefined;
  try {
    block = await spawnServer(`dist/services/${BLOCK}/src/main.js`, env, `${base}/health/ready`);
    await openLoop(catalogue, WARM_UP_SECONDS);
    const idle = await openLoop(catalogue);
    await block.stop();
    block = undefined;

    // The backlog: published by another block's backbone into the topic every block consumes, while this one is down.
    const feeder = createBlockDataSource({
      url: db.url,
      schema: 'feeder',
      migrations: [createPlatformTablesMigration('feeder')],
      poolSize: 4,
    });
    await migrateBlock(feeder, 'feeder');
    const backbone = new EventBackbone({
      block: 'identity',
      schema: 'feeder',
      dataSource: feeder,
      transport: new KafkaTransport({ brokers, clientId: 'bench-feeder', logger, maxBatchSize: 1_000 }),
      logger,
      registry: createMetricsRegistry('bench'),
      relay: { batchSize: 2_000, idlePollMs: 5 },
    });
    await backbone.start();
    for (let written = 0; written < EVENTS; written += 1_000) {
      await feeder.transaction((manager) =>
        backbone.publisher.publishMany(
          manager,
          ProbeSent,
          Array.from({ length: Math.min(1_000, EVENTS - written) }, (): ProbeSentPayload => ({
            probeId: randomUUID(),
            origin: 'identity',
            note: 'backlog',
            sentAt: new Date().toISOString(),
          })),
        ),
      );
    }
    await untilOutboxPublished({ query: (sql) => feeder.query(sql) }, 'feeder');
    await backbone.stop();
    await feeder.destroy();

    // Measured from the moment its API answers (not ready: its consumer is joining, then busy).
    block = await spawnServer(`dist/services/${BLOCK}/src/main.js`, env, catalogue);
    await openLoop(catalogue, WARM_UP_SECONDS); // as the idle block was: its first requests compile and load
    const before = await receipts();
    const loaded = await openLoop(catalogue);
    const consumed = (await receipts()) - before;
    const lasted = before + consumed < EVENTS;
    await block.stop();
    block = undefined;

    const p = (sorted: number[], q: number) => Number(percentile(sorted, q).toFixed(2));
    const records: BenchRecord[] = [];
    for (const q of [50, 95, 99]) {
      records.push({
        benchmark: 'backlog',
        metric: `HTTP p${q} while working off a backlog (${RATE}/s open loop)`,
        value: p(loaded, q),
        unit: 'ms',
        baseline: p(idle, q),
        ratio: Number((p(loaded, q) / p(idle, q)).toFixed(2)),
      });
    }
    records.push(
      {
        benchmark: 'backlog',
        metric: `events consumed during the ${SECONDS} s window`,
        value: Math.round(consumed / SECONDS),
        unit: 'events/s',
      },
      {
        benchmark: 'backlog',
        metric: 'backlog left at the end of the window (0: it ran out, the window measured less)',
        value: EVENTS - before - consumed,
        unit: 'events',
      },
    );
    console.table(records);
    if (!lasted) console.warn('the backlog ran out before the window ended: raise BENCH_BACKLOG_EVENTS');
    writeResults('backlog', records);
  } finally {
    await block?.stop();
    await db.drop();
  }
});
