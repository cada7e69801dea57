/**
 * The registration block, measured on this machine (`npm run bench`): application submissions per second over
 * HTTP (a citizen's token verified, the form validated against the service's eForm and its eligibility rule,
 * the once-only prefill looked up, a tracking code drawn, the application, its history, its two events in the
 * outbox and the idempotency key written in one statement), with p50 and p99 latency. Baseline in the same
 * run: a bare HTTP server in its own process writing the same rows in the same statement and nothing else
 * (`application-writes` in baseline-server.ts); also reported, one that writes the application row only.
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
  untilOutboxPublished,
  writeResults,
  type BenchRecord,
} from './support';
import { startRegistrationSubmissions } from './registration-submissions';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
/**
 * Load before each measurement, for the block and the baseline alike. On the 2-core machine the block takes
 * about 10 s under load to reach its steady state (consecutive 6 s windows after 2 s: 683, 830, 915, 868/s).
 */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);

async function main() {
  const records: BenchRecord[] = [];
  const registration = await startRegistrationSubmissions(3905);
  const { db, body, submit } = registration;
  const baselinePort = 3906;
  let baseline: { stop(): Promise<void> } | undefined;
  try {
    console.log(`submissions: ${CONCURRENCY} concurrent clients, ${WARM_UP_SECONDS} s warm-up, ${SECONDS} s measured…`);
    await closedLoop(CONCURRENCY, WARM_UP_SECONDS, submit);
    const ours = await closedLoop(CONCURRENCY, SECONDS, (i) => submit(1_000_000 + i));

    // The relay publishes what the run left in the outbox before the baselines run, so they do not share the
    // machine with it; how long that takes is the outbox's lag at the end of the run.
    const drainSeconds = await untilOutboxPublished(db, 'registration');

    /** A bare HTTP server in its own process (baseline-server.ts), loaded as the block was. */
    const measureBaseline = async (mode: string) => {
      baseline = await spawnServer(
        'dist/bench/baseline-server.js',
        { BASELINE_MODE: mode, BASELINE_PORT: String(baselinePort), DATABASE_URL: db.url },
        `http://127.0.0.1:${baselinePort}/ready`,
      );
      const bare = (i: number) =>
        send(`http://127.0.0.1:${baselinePort}/applications`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${i}-${randomUUID()}` },
          body: body(i),
        });
      await closedLoop(CONCURRENCY, WARM_UP_SECONDS, bare);
      const result = await closedLoop(CONCURRENCY, SECONDS, (i) => bare(1_000_000 + i));
      await baseline.stop();
      baseline = undefined;
      return result;
    };
    // The baseline: the same rows written by a bare handler. And, for reference, one row only.
    const theirs = await measureBaseline('application-writes');
    const oneRow = await measureBaseline('application');

    const p50 = percentile(ours.latencies, 50);
    const p99 = percentile(ours.latencies, 99);
    console.log(
      `  registration: ${ours.perSecond.toFixed(0)} submissions/s, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (outbox published ${drainSeconds.toFixed(1)} s after the run)\n` +
        `  bare handler writing the same rows: ${theirs.perSecond.toFixed(0)}/s (p99 ${percentile(theirs.latencies, 99).toFixed(1)} ms); ratio ${(ours.perSecond / theirs.perSecond).toFixed(2)}\n` +
        `  bare handler writing one row: ${oneRow.perSecond.toFixed(0)}/s; ratio ${(ours.perSecond / oneRow.perSecond).toFixed(2)}`,
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
      {
        benchmark: 'registration-submit',
        metric: 'submissions_per_second_vs_one_row_insert',
        value: Math.round(ours.perSecond),
        unit: 'submissions/s',
        baseline: Math.round(oneRow.perSecond),
        ratio: +(ours.perSecond / oneRow.perSecond).toFixed(3),
      },
      {
        benchmark: 'registration-submit',
        metric: 'outbox_drained_after_run',
        value: +drainSeconds.toFixed(1),
        unit: 's',
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
