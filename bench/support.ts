/** What every benchmark shares: result records, percentiles, child processes and a closed-loop HTTP load. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, request } from 'undici';
import { createDevelopmentAuthority } from '@onedoor/auth';
import { createScratchDatabase } from '@onedoor/persistence';

export interface BenchRecord {
  benchmark: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

export const RESULTS_DIR = path.resolve(__dirname, '../../bench/results');

export function writeResults(name: string, records: BenchRecord[]) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(records, null, 2)}\n`);
  console.log(`results written to bench/results/${name}.json`);
}

/** The broker `npm run bench` started (KAFKA_BROKERS). */
export function benchBrokers(): string[] {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (!brokers.length) throw new Error('KAFKA_BROKERS is not set: run the benchmark with `npm run bench`');
  return brokers;
}

/** Runs a benchmark's main and exits with its outcome. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/**
 * A block as its own process (`dist/services/<block>/src/main.js`) on a scratch database and the benchmark's
 * broker, trusting the tokens of a development authority made here; `env` adds or overrides settings.
 */
export async function startBlock(block: string, port: number, env: Record<string, string> = {}) {
  const db = await createScratchDatabase(`onedoor_bench_${block}`);
  const authority = await createDevelopmentAuthority();
  const base = `http://127.0.0.1:${port}/${block}`;
  try {
    const server = await spawnServer(
      `dist/services/${block}/src/main.js`,
      {
        KAFKA_BROKERS: benchBrokers().join(','),
        DATABASE_URL: db.url,
        [`${block.toUpperCase()}_PORT`]: String(port),
        AUTH_JWKS: JSON.stringify(authority.jwks),
        ONEDOOR_DATA_DIR: 'memory',
        ...env,
      },
      `${base}/health/ready`,
    );
    return {
      db,
      authority,
      base,
      stop: async () => {
        await server.stop();
        await db.drop();
      },
    };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the block's relay has published every event a run left in its outbox (so what is measured next does
 * not share the machine with it); returns how long that took, in seconds: the outbox's lag at the end of the run.
 */
export async function untilOutboxPublished(
  db: { query<T>(sql: string): Promise<T[]> },
  schema: string,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const [{ pending }] = await db.query<{ pending: number }>(
      `SELECT count(*)::int AS pending FROM ${schema}.outbox WHERE published_at IS NULL`,
    );
    if (pending === 0) return (performance.now() - started) / 1_000;
    if (performance.now() - started > 120_000) throw new Error(`${pending} events still in the ${schema} outbox`);
    await sleep(100);
  }
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Starts a built script as its own process (its own event loop, as in production) and waits for readyUrl. */
export async function spawnServer(script: string, env: Record<string, string>, readyUrl: string) {
  const profile = process.env.BENCH_CPU_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`]
    : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, path.resolve(__dirname, '../..', script)], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    try {
      if ((await fetch(readyUrl)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${script} not ready at ${readyUrl}`);
    await sleep(200);
  }
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** An HTTP answer read once: status, headers and the body as text. */
export interface Answer {
  status: number;
  ok: boolean;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = unknown>(): T;
}

/**
 * The load generator's HTTP client: undici's connection pool, keep-alive, no WHATWG streams. On the 2-core
 * machine `fetch` spends about 0.5 ms of CPU per request in the benchmark's own process, which the servers
 * under test would otherwise lose; undici's `request` spends about 0.04 ms. Both the block and its baseline
 * are driven by the same client.
 */
const loadAgent = new Agent({ connections: 128, keepAliveTimeout: 30_000 });

export async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const answer = await request(url, {
    method: (init.method ?? 'GET') as 'GET',
    headers: init.headers,
    body: init.body,
    dispatcher: loadAgent,
  });
  const body = await answer.body.text();
  return {
    status: answer.statusCode,
    ok: answer.statusCode >= 200 && answer.statusCode < 300,
    headers: answer.headers,
    body,
    json: <T>() => JSON.parse(body) as T,
  };
}

/**
 * A closed loop: `concurrency` callers each send the next request as soon as the last answered, for `seconds`.
 * Returns requests per second and latencies (ms, sorted); any non-2xx answer fails the run.
 */
export async function closedLoop(concurrency: number, seconds: number, call: (i: number) => Promise<Answer>) {
  const latencies: number[] = [];
  let n = 0;
  const started = performance.now();
  const end = started + seconds * 1_000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const answer = await call(n++);
        if (!answer.ok) throw new Error(`HTTP ${answer.status}: ${answer.body.slice(0, 300)}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1_000;
  return { perSecond: latencies.length / elapsed, latencies: latencies.sort((a, b) => a - b), count: latencies.length };
}
