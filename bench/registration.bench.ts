/**
 * The registration block, measured on this machine (`npm run bench`): application submissions per second over
 * HTTP (a citizen's token verified, the form validated against the service's eForm and its eligibility rule,
 * the once-only prefill looked up, a tracking code drawn, the application, its history, its two events in the
 * outbox and the idempotency key written in one transaction), with p50 and p99 latency. Baseline in the same
 * run: a bare HTTP server in its own process doing the same row insert and nothing else.
 *
 * Targets (2-core machine): at least 1,000 submissions/s with p99 under 100 ms, and at least 60% of the baseline.
 */
import { randomUUID } from 'node:crypto';
import {
  closedLoop,
  percentile,
  runBench,
  send,
  spawnServer,
  startBlock,
  writeResults,
  type BenchRecord,
} from './support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

const SERVICE = {
  code: 'business-licence',
  name: { lo: 'ໃບອະນຸຍາດທຸລະກິດ', en: 'Business licence' },
  description: { lo: 'ຂໍໃບອະນຸຍາດດຳເນີນທຸລະກິດ', en: 'Licence to operate a business' },
  ministry: 'MOIC',
  unit: 'MOIC-DERM',
  eForm: {
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['businessName', 'capital', 'province', 'district'],
      properties: {
        businessName: { type: 'string', minLength: 2, maxLength: 200 },
        capital: { type: 'integer', minimum: 0 },
        activity: { type: 'string', enum: ['retail', 'wholesale', 'services', 'manufacturing'] },
        province: { type: 'string', pattern: '^[0-9]{2}$' },
        district: { type: 'string', pattern: '^[0-9]{4}$' },
      },
    },
  },
  eligibility: [
    { rule: 'form.capital >= 1000000', message: { lo: 'ທຶນບໍ່ພຽງພໍ', en: 'Capital of at least 1,000,000 kip' } },
  ],
  fee: 150_000,
  processKey: 'business-licence',
  slaWorkingDays: 10,
};

async function main() {
  const records: BenchRecord[] = [];
  const registration = await startBlock('registration', 3905);
  const { db, authority, base } = registration;
  const baselinePort = 3906;
  let baseline: { stop(): Promise<void> } | undefined;
  try {
    const admin = await authority.sign({ sub: 'bench-admin', roles: ['registration.admin'], ministry: 'MOIC' });
    const published = await send(`${base}/services`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(SERVICE),
    });
    if (!published.ok) throw new Error(`publishing the service: ${published.status} ${published.body}`);
    const citizens = await Promise.all(
      Array.from({ length: 200 }, () => authority.sign({ sub: randomUUID(), roles: ['citizen'] })),
    );
    const body = (i: number) =>
      JSON.stringify({
        applicationName: `Shop ${i}`,
        phone: '+8562055512345',
        formData: {
          data: {
            businessName: `ຮ້ານ ${i}`,
            capital: 5_000_000 + i,
            activity: 'retail',
            province: '01',
            district: '0101',
          },
        },
      });
    const submit = (i: number) =>
      send(`${base}/services/business-licence/applications`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${citizens[i % citizens.length]}`,
          'content-type': 'application/json',
          'idempotency-key': `bench-${i}-${randomUUID()}`,
        },
        body: body(i),
      });
    console.log(`submissions: ${CONCURRENCY} concurrent clients for ${SECONDS} s…`);
    await closedLoop(CONCURRENCY, 3, submit); // warm-up
    const ours = await closedLoop(CONCURRENCY, SECONDS, (i) => submit(1_000_000 + i));

    baseline = await spawnServer(
      'dist/bench/baseline-server.js',
      { BASELINE_MODE: 'application', BASELINE_PORT: String(baselinePort), DATABASE_URL: db.url },
      `http://127.0.0.1:${baselinePort}/ready`,
    );
    const bare = (i: number) =>
      send(`http://127.0.0.1:${baselinePort}/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(i),
      });
    await closedLoop(CONCURRENCY, 3, bare);
    const theirs = await closedLoop(CONCURRENCY, SECONDS, (i) => bare(1_000_000 + i));
    await baseline.stop();
    baseline = undefined;

    const p50 = percentile(ours.latencies, 50);
    const p99 = percentile(ours.latencies, 99);
    console.log(
      `  registration: ${ours.perSecond.toFixed(0)} submissions/s, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; bare insert server: ${theirs.perSecond.toFixed(0)}/s (p99 ${percentile(theirs.latencies, 99).toFixed(1)} ms); ratio ${(ours.perSecond / theirs.perSecond).toFixed(2)}`,
    );
    records.push(
      {
        benchmark: 'registration-submit',
        metric: 'submissions_per_second',
        value: Math.round(ours.perSecond),
        unit: 'submissions/s',
        baseline: Math.round(theirs.perSecond),
        ratio: +(ours.perSecond / theirs.perSecond).toFixed(3),
      },
      { benchmark: 'registration-submit', metric: 'latency_p50', value: +p50.toFixed(1), unit: 'ms' },
      { benchmark: 'registration-submit', metric: 'latency_p99', value: +p99.toFixed(1), unit: 'ms' },
      {
        benchmark: 'registration-submit',
        metric: 'baseline_latency_p99',
        value: +percentile(theirs.latencies, 99).toFixed(1),
        unit: 'ms',
      },
      { benchmark: 'registration-submit', metric: 'submissions', value: ours.count, unit: 'submissions' },
    );
    writeResults('registration', records);
  } finally {
    await baseline?.stop();
    await registration.stop();
  }
}

runBench(main);
