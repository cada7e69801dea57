/**
 * The feedback block, measured on this machine (`npm run bench`):
 * - hotline submissions per second over HTTP (an anonymous complaint: validated, its topic and place checked, the
 *   source's flood count, a number and a PIN drawn, the case, its history and its event written in one
 *   transaction), with p50 and p99 latency. Baseline in the same run: a bare HTTP server in its own process
 *   writing the same rows in one statement and nothing else (`case-writes` in baseline-server.ts). The target's
 *   measure: the registration block's submissions in the same run, loaded as its own benchmark loads them.
 * - published-answer searches per second over BENCH_PUBLISHED (100,000) published cases: words in Lao or English,
 *   with and without a topic and a province, the newest 20, with p50 and p99, from BENCH_SEARCH_CONCURRENCY (8)
 *   clients at a time.
 *
 * Targets (2-core machine): submissions at least as fast as the registration block's, p99 under 100 ms; searches
 * p99 under 50 ms. In CI (CI=true) the sizes are reduced; the figures are then for the run only.
 */

import {
  closedLoop,
  percentile,
  runBench,
  send,
  spawnServer,
  startBlock,
  untilOutboxPublished,
  writeResults,
  type BenchRecord,
} from './support';
import { startRegistrationSubmissions } from './registration-submissions';

const CI = !!process.env.CI;
const SECONDS = Number(process.env.BENCH_SECONDS ?? (CI ? 3 : 10));
const WARM_UP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? (CI ? 2 : 10));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const PUBLISHED = Number(process.env.BENCH_PUBLISHED ?? (CI ? 10_000 : 100_000));
/** The government website's searches: a handful at a time (latency is the target, not saturation). */
const SEARCH_CONCURRENCY = Number(process.env.BENCH_SEARCH_CONCURRENCY ?? 8);

const TOPICS = ['water-supply', 'roads', 'electricity', 'health-services', 'education'];
const PROVINCES = ['01', '06', '13', '16'];
/** Words the published answers are made of, and searched for: Lao and English. */
const WORDS = ['ນ້ຳປະປາ', 'ຖະໜົນ', 'ໄຟຟ້າ', 'ໂຮງໝໍ', 'ໂຮງຮຽນ', 'ຂົວ', 'water', 'road', 'clinic', 'school', 'bridge'];

async function main() {
  const records: BenchRecord[] = [];
  const feedback = await startBlock('feedback', 3907, { FEEDBACK_SUBMISSIONS_PER_HOUR: '1000000' });
  const { db, base } = feedback;
  const baselinePort = 3908;
  let baseline: { stop(): Promise<void> } | undefined;
  try {
    // What the identity block (not run here) would have announced: the places submissions name.
    await db.query(
      `INSERT INTO feedback.places (code, level, parent_code) VALUES ('01', 'province', NULL), ('0101', 'district', '01')`,
    );
    const body = (i: number) =>
      JSON.stringify({
        kind: 'complaint',
        topic: TOPICS[i % TOPICS.length],
        description: `ນ້ຳປະປາບໍ່ໄຫຼມາ ${i % 7} ມື້ແລ້ວ ຢູ່ບ້ານໂພນໄຊ ໃກ້ໂຮງຮຽນ (${i})`,
        identity: 'anonymous',
        province: '01',
        district: '0101',
      });
    const submit = (i: number) =>
      send(`${base}/cases`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(i) });
    console.log(`submissions: ${CONCURRENCY} concurrent clients, ${WARM_UP_SECONDS} s warm-up, ${SECONDS} s measured…`);
    await closedLoop(CONCURRENCY, WARM_UP_SECONDS, submit);
    const ours = await closedLoop(CONCURRENCY, SECONDS, (i) => submit(1_000_000 + i));

    baseline = await spawnServer(
      'dist/bench/baseline-server.js',
      { BASELINE_MODE: 'case-writes', BASELINE_PORT: String(baselinePort), DATABASE_URL: db.url },
      `http://127.0.0.1:${baselinePort}/ready`,
    );
    const bare = (i: number) =>
      send(`http://127.0.0.1:${baselinePort}/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(i),
      });
    await closedLoop(CONCURRENCY, WARM_UP_SECONDS, bare);
    const theirs = await closedLoop(CONCURRENCY, SECONDS, (i) => bare(1_000_000 + i));
    await baseline.stop();
    baseline = undefined;

    // The target's measure: the registration block's submissions, loaded as its own benchmark loads them, in this
    // run, on the same machine, once this block's outbox is published and the bare handler stopped.
    await untilOutboxPublished(db, 'feedback');
    const registrationBlock = await startRegistrationSubmissions(3909);
    let registration: Awaited<ReturnType<typeof closedLoop>>;
    try {
      await closedLoop(CONCURRENCY, WARM_UP_SECONDS, registrationBlock.submit);
      registration = await closedLoop(CONCURRENCY, SECONDS, (i) => registrationBlock.submit(1_000_000 + i));
    } finally {
      await registrationBlock.stop();
    }

    // Published answers: BENCH_PUBLISHED cases, in Lao and English, of five topics and four provinces.
    console.log(`searches: seeding ${PUBLISHED} published cases…`);
    await db.query(
      `INSERT INTO feedback.cases (id, number, kind, topic, description, state, channel, identity, province, ministry,
         published_summary, answer_words, published_at, revision, created_at, updated_at)
       SELECT gen_random_uuid(), '1516-B' || lpad(n::text, 8, '0'), 'complaint', ($2::text[])[1 + n % 5], 'seeded',
              'PUBLISHED', 'web', 'anonymous', ($3::text[])[1 + n % 4], 'MPWT', summary,
              lower(concat_ws(' ', summary->>'questionLo', summary->>'answerLo', summary->>'questionEn',
                summary->>'answerEn')),
              now() - make_interval(mins => n), 0, now() - make_interval(mins => n), now()
         FROM (SELECT n, jsonb_build_object(
                'questionLo', ($4::text[])[1 + n % 6] || ' ບ້ານ ' || n || ' ມີບັນຫາ ' || ($4::text[])[1 + (n / 6) % 6],
                'answerLo', 'ໜ່ວຍງານໄດ້ແກ້ໄຂ ' || ($4::text[])[1 + (n / 36) % 6] || ' ແລ້ວ',
                'questionEn', 'A problem with the ' || ($5::text[])[1 + n % 5] || ' in village ' || n,
                'answerEn', 'The unit repaired the ' || ($5::text[])[1 + (n / 5) % 5]) AS summary
                 FROM generate_series(1, $1::int) AS n) seeded`,
      [PUBLISHED, TOPICS, PROVINCES, WORDS.slice(0, 6), WORDS.slice(6)],
    );
    // As the table would be in service: its trigram index's pending list merged, its statistics current.
    await db.query(`VACUUM ANALYZE feedback.cases`);
    const queries = [
      ...WORDS.map((q) => `q=${encodeURIComponent(q)}`),
      ...WORDS.map((q, i) => `q=${encodeURIComponent(q)}&topic=${TOPICS[i % 5]}&province=${PROVINCES[i % 4]}`),
      'topic=roads',
      'province=13&from=2020-01-01',
    ];
    const search = (i: number) => send(`${base}/answers?${queries[i % queries.length]}&limit=20`);
    await closedLoop(SEARCH_CONCURRENCY, WARM_UP_SECONDS, search);
    const searches = await closedLoop(SEARCH_CONCURRENCY, SECONDS, (i) => search(i));

    const p = (latencies: number[], n: number) => +percentile(latencies, n).toFixed(1);
    console.log(
      `  feedback: ${ours.perSecond.toFixed(0)} submissions/s, p50 ${p(ours.latencies, 50)} ms, p99 ${p(ours.latencies, 99)} ms\n` +
        `  bare handler writing the same rows: ${theirs.perSecond.toFixed(0)}/s (p99 ${p(theirs.latencies, 99)} ms); ratio ${(ours.perSecond / theirs.perSecond).toFixed(2)}\n` +
        `  the registration block's submissions in this run: ${registration.perSecond.toFixed(0)}/s (p99 ${p(registration.latencies, 99)} ms); ratio ${(ours.perSecond / registration.perSecond).toFixed(2)}\n` +
        `  searches over ${PUBLISHED} published answers (${SEARCH_CONCURRENCY} clients): ${searches.perSecond.toFixed(0)}/s, p50 ${p(searches.latencies, 50)} ms, p99 ${p(searches.latencies, 99)} ms`,
    );
    records.push(
      {
        benchmark: 'feedback-submit',
        metric: 'submissions_per_second',
        value: Math.round(ours.perSecond),
        unit: 'submissions/s',
        baseline: Math.round(theirs.perSecond),
        ratio: +(ours.perSecond / theirs.perSecond).toFixed(3),
      },
      { benchmark: 'feedback-submit', metric: 'latency_p50', value: p(ours.latencies, 50), unit: 'ms' },
      { benchmark: 'feedback-submit', metric: 'latency_p99', value: p(ours.latencies, 99), unit: 'ms' },
      { benchmark: 'feedback-submit', metric: 'baseline_latency_p99', value: p(theirs.latencies, 99), unit: 'ms' },
      {
        benchmark: 'feedback-submit',
        metric: 'submissions_per_second_vs_registration',
        value: Math.round(ours.perSecond),
        unit: 'submissions/s',
        baseline: Math.round(registration.perSecond),
        ratio: +(ours.perSecond / registration.perSecond).toFixed(3),
      },
      {
        benchmark: 'feedback-submit',
        metric: 'registration_latency_p99',
        value: p(registration.latencies, 99),
        unit: 'ms',
      },
      { benchmark: 'feedback-submit', metric: 'submissions', value: ours.count, unit: 'submissions' },
      {
        benchmark: 'feedback-search',
        metric: 'searches_per_second',
        value: Math.round(searches.perSecond),
        unit: 'searches/s',
      },
      { benchmark: 'feedback-search', metric: 'latency_p50', value: p(searches.latencies, 50), unit: 'ms' },
      { benchmark: 'feedback-search', metric: 'latency_p99', value: p(searches.latencies, 99), unit: 'ms' },
      { benchmark: 'feedback-search', metric: 'published_cases', value: PUBLISHED, unit: 'cases' },
    );
    writeResults('feedback', records);
  } finally {
    await baseline?.stop();
    await feedback.stop();
  }
}

runBench(main);
